#include "record_fields.hpp"

namespace flowsim::io::detail {
namespace {

// The part [first, last) of `field`, trimmed of spaces, with its own position; nothing
// when only spaces are left.
std::optional<Field> trimmed_part(const Field& field, std::size_t first, std::size_t last) {
    while (first < last && field.text[first] == ' ') {
        ++first;
    }
    while (last > first && field.text[last - 1] == ' ') {
        --last;
    }
    if (last == first) {
        return std::nullopt;
    }
    return Field{field.text.substr(first, last - first), field.at(first), field.columns_exact};
}

}  // namespace

std::vector<Field> split_list(const Field& cell) {
    std::vector<Field> items;
    std::size_t start = 0;
    while (start <= cell.text.size()) {
        std::size_t end = cell.text.find(';', start);
        if (end == std::string::npos) {
            end = cell.text.size();
        }
        if (auto item = trimmed_part(cell, start, end)) {
            items.push_back(std::move(*item));
        }
        start = end + 1;
    }
    return items;
}

FieldPairs split_pairs(const Field& cell, std::string_view key, DiagnosticSink& sink) {
    FieldPairs pairs{{}, cell.where};
    for (const Field& item : split_list(cell)) {
        const std::size_t arrow = item.text.find('>');
        std::optional<Field> from;
        std::optional<Field> to;
        if (arrow != std::string::npos && item.text.find('>', arrow + 1) == std::string::npos) {
            from = trimmed_part(item, 0, arrow);
            to = trimmed_part(item, arrow + 1, item.text.size());
        }
        if (!from || !to) {
            sink.error(item.where, "expected '" + std::string(key) +
                                       "' items written as FROM>TO, such as "
                                       "plate_read>searched_read, got " +
                                       in_quotes(item.text));
            continue;
        }
        pairs.items.push_back({std::move(*from), std::move(*to)});
    }
    return pairs;
}

std::optional<FieldRange> split_range(const Field& cell,
                                      std::string_view key,
                                      DiagnosticSink& sink) {
    const std::size_t dots = cell.text.find("..");
    if (dots == std::string::npos) {
        return FieldRange{cell, std::nullopt, cell.where};
    }
    auto min = trimmed_part(cell, 0, dots);
    auto max = trimmed_part(cell, dots + 2, cell.text.size());
    if (!min || !max) {
        sink.error(cell.where, "expected '" + std::string(key) +
                                   "' written as VALUE or MIN..MAX, such as 1d..7d, got " +
                                   in_quotes(cell.text));
        return std::nullopt;
    }
    return FieldRange{std::move(*min), std::move(*max), cell.where};
}

std::optional<FieldRange> yaml_range(YamlFields& fields,
                                     const YamlNode& value,
                                     std::string_view key) {
    if (value.is_scalar()) {
        auto single = fields.as_scalar(value, "'" + std::string(key) + "'");
        if (!single) {
            return std::nullopt;
        }
        const SourceLocation where = single->where;
        return FieldRange{std::move(*single), std::nullopt, where};
    }
    const std::string what = "a range in '" + std::string(key) + "'";
    if (!value.is_map()) {
        fields.error(value, "expected '" + std::string(key) +
                                "' to be a value or a range such as {min: 1d, max: 7d}, got " +
                                YamlFields::shape(value));
        return std::nullopt;
    }
    if (!fields.check_mapping(value, what, {"min", "max"})) {
        return std::nullopt;
    }
    auto min = fields.required(value, "min", what);
    auto max = fields.required(value, "max", what);
    if (!min || !max) {
        return std::nullopt;
    }
    return FieldRange{std::move(*min), std::move(*max), fields.where(value)};
}

}  // namespace flowsim::io::detail
