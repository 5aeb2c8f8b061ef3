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

}  // namespace flowsim::io::detail
