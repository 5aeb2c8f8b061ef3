#include "yaml_fields.hpp"

#include <unordered_map>

#include <flowsim/spelling.hpp>

namespace flowsim::io::detail {

std::optional<std::string> text_problem(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7f) {
                return "control character (byte " + std::to_string(byte) + ") in a value";
            }
            ++i;
            continue;
        }
        // A UTF-8 sequence: its length from the lead byte, then continuation bytes, with
        // overlong forms, surrogates and values past U+10FFFF refused.
        const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0;
        bool valid = length != 0 && byte <= 0xF4 && i + length <= text.size();
        for (std::size_t k = 1; valid && k < length; ++k) {
            valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        }
        if (valid && length >= 3) {
            const auto second = static_cast<unsigned char>(text[i + 1]);
            valid = !(byte == 0xE0 && second < 0xA0) && !(byte == 0xED && second >= 0xA0) &&
                    !(byte == 0xF0 && second < 0x90) && !(byte == 0xF4 && second >= 0x90);
        }
        if (!valid) {
            return "a value that is not valid UTF-8 (byte " + std::to_string(i + 1) + ")";
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
        bool known = false;
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
    if (const auto problem = text_problem(field.text)) {
        error(node, *problem);
        return std::nullopt;
    }
    const YAML::Mark mark = node.Mark();
    if (!mark.is_null() && static_cast<std::size_t>(mark.pos) < text_.size() &&
        field.text.find('\n') == std::string::npos) {
        const char first = text_[static_cast<std::size_t>(mark.pos)];
        if (first == '"' || first == '\'') {
            field.where.column += 1;
            field.columns_exact = true;
        } else {
            field.columns_exact = first != '|' && first != '>';
        }
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
    for (const auto& item : *value) {
        if (auto field = as_scalar(item, what)) {
            items.push_back(std::move(*field));
        }
    }
    return items;
}

}  // namespace flowsim::io::detail
