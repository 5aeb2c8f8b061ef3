#include "yaml_fields.hpp"

#include <unordered_map>

#include <flowsim/spelling.hpp>
#include <flowsim/utf8.hpp>

namespace flowsim::io::detail {

std::optional<TextProblem> text_problem(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7f) {
            return TextProblem{i,
                               "control character (byte " + std::to_string(byte) + ") in a value"};
        }
        const std::size_t length = utf8_sequence_length(text, i);
        if (length == 0) {
            return TextProblem{i, "a value that is not valid UTF-8"};
        }
        i += length;
    }
    return std::nullopt;
}

std::string in_quotes(std::string_view text) {
    constexpr std::size_t kLongest = 80;
    std::string shown(text.substr(0, kLongest));
    for (char& c : shown) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            c = '?';
        }
    }
    return "'" + shown + (text.size() > kLongest ? "...'" : "'");
}

SourceLocation Field::at(std::size_t offset) const {
    SourceLocation location = where;
    if (columns_exact && location.column > 0) {
        location.column += static_cast<int>(offset);
    }
    return location;
}

SourceLocation YamlFields::where(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) {
        return {file_, 0, 0};
    }
    // yaml-cpp marks are 0-based; diagnostics are 1-based.
    return {file_, mark.line + 1, mark.column + 1};
}

std::string YamlFields::shape(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Map:
            return "a mapping";
        case YAML::NodeType::Sequence:
            return "a sequence";
        case YAML::NodeType::Scalar:
            return in_quotes(node.Scalar());
        case YAML::NodeType::Null:
            return "nothing";
        case YAML::NodeType::Undefined:
            break;
    }
    return "nothing";
}

bool YamlFields::check_mapping(const YAML::Node& node,
                               std::string_view what,
                               const std::vector<std::string_view>& allowed) {
    if (!node.IsMap()) {
        error(node, "expected " + std::string(what) + " to be a mapping, got " + shape(node));
        return false;
    }
    std::unordered_map<std::string, SourceLocation> seen;
    for (const auto& entry : node) {
        const YAML::Node& key = entry.first;
        if (!key.IsScalar()) {
            error(key, "expected a plain key in " + std::string(what) + ", got " + shape(key));
            continue;
        }
        const std::string& name = key.Scalar();
        const auto [first, inserted] = seen.emplace(name, where(key));
        if (!inserted) {
            error(key, "duplicate key " + in_quotes(name) + " in " + std::string(what) +
                           " (first at line " + std::to_string(first->second.line) + ")");
            continue;
        }
        bool known = allowed.empty();
        for (const std::string_view candidate : allowed) {
            known = known || candidate == name;
        }
        if (!known) {
            error(key, "unknown key " + in_quotes(name) + " in " + std::string(what) +
                           did_you_mean(name, allowed));
        }
    }
    return true;
}

std::optional<YAML::Node> YamlFields::find(const YAML::Node& map, std::string_view key) {
    if (!map.IsMap()) {
        return std::nullopt;
    }
    for (const auto& entry : map) {
        if (entry.first.IsScalar() && entry.first.Scalar() == key) {
            return entry.second;
        }
    }
    return std::nullopt;
}

std::optional<Field> YamlFields::as_scalar(const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar()) {
        error(node, "expected a value for " + std::string(what) + ", got " + shape(node));
        return std::nullopt;
    }
    Field field{node.Scalar(), where(node), false};
    // Offsets into the value map one to one onto source columns only when the source
    // holds the value verbatim on one line: not for folded or block scalars, and not
    // after escapes in quoted ones. Otherwise positions fall back to the value's start.
    const YAML::Mark mark = node.Mark();
    if (!mark.is_null() && static_cast<std::size_t>(mark.pos) < text_.size()) {
        const auto pos = static_cast<std::size_t>(mark.pos);
        const char first = text_[pos];
        const bool quoted = first == '"' || first == '\'';
        const std::size_t start = pos + (quoted ? 1 : 0);
        field.columns_exact = field.text.find('\n') == std::string::npos &&
                              text_.substr(start, field.text.size()) == field.text;
        if (quoted) {
            field.where.column += 1;
        }
    }
    if (const auto problem = text_problem(field.text)) {
        error_at(field.at(problem->offset), problem->message);
        return std::nullopt;
    }
    return field;
}

std::optional<Field> YamlFields::scalar(const YAML::Node& map, std::string_view key) {
    const auto value = find(map, key);
    if (!value) {
        return std::nullopt;
    }
    return as_scalar(*value, "'" + std::string(key) + "'");
}

std::optional<Field> YamlFields::required(const YAML::Node& map,
                                          std::string_view key,
                                          std::string_view what) {
    if (!find(map, key)) {
        error(map, "missing required key '" + std::string(key) + "' in " + std::string(what));
        return std::nullopt;
    }
    return scalar(map, key);
}

std::optional<std::vector<Field>> YamlFields::list(const YAML::Node& map, std::string_view key) {
    const auto value = find(map, key);
    if (!value) {
        return std::nullopt;
    }
    const std::string what = "an item of '" + std::string(key) + "'";
    std::vector<Field> items;
    if (value->IsScalar()) {
        if (auto item = as_scalar(*value, what)) {
            items.push_back(std::move(*item));
        }
        return items;
    }
    if (!value->IsSequence()) {
        error(*value, "expected a list for '" + std::string(key) + "', got " + shape(*value));
        return std::nullopt;
    }
    bool all_read = true;
    for (const auto& item : *value) {
        if (auto field = as_scalar(item, what)) {
            items.push_back(std::move(*field));
        } else {
            all_read = false;
        }
    }
    // A list with a bad item counts as unreadable, so that checks on the whole list
    // ("carries nothing") do not add a second, false error to the first.
    return all_read ? std::optional(std::move(items)) : std::nullopt;
}

}  // namespace flowsim::io::detail
