#include "yaml_fields.hpp"

#include <algorithm>
#include <cstdio>
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
        if (length > 1) {
            const char32_t code_point = utf8_code_point(text, i, length);
            if (is_hidden_control(code_point)) {
                char name[16];
                std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(code_point));
                return TextProblem{i, std::string(code_point < 0x100 ? "control character "
                                                                     : "bidirectional control ") +
                                          name +
                                          " in a value (it changes how text around it is shown)"};
            }
        }
        i += length;
    }
    return std::nullopt;
}

std::string in_quotes(std::string_view text) {
    constexpr std::size_t kLongest = 80;
    const std::string_view cut = text.substr(0, kLongest);
    std::string shown;
    for (std::size_t i = 0; i < cut.size();) {
        const auto byte = static_cast<unsigned char>(cut[i]);
        const std::size_t length = utf8_sequence_length(cut, i);
        const bool hidden = length > 1 && is_hidden_control(utf8_code_point(cut, i, length));
        if (length == 0 || hidden || byte < 0x20 || byte == 0x7f) {
            shown += '?';
            i += hidden ? length : 1;
        } else {
            shown.append(cut, i, length);
            i += length;
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

SourceLocation YamlFields::where(const YamlNode& node) const {
    // yaml-cpp marks are 0-based; diagnostics are 1-based.
    return {file_, node.line() + 1, node.column() + 1};
}

std::string YamlFields::shape(const YamlNode& node) {
    switch (node.type()) {
        case YamlNode::Type::kMap:
            return "a mapping";
        case YamlNode::Type::kSequence:
            return "a sequence";
        case YamlNode::Type::kScalar:
            return in_quotes(node.scalar());
        case YamlNode::Type::kNull:
            break;
    }
    return "nothing";
}

bool YamlFields::check_mapping(const YamlNode& node,
                               std::string_view what,
                               const std::vector<std::string_view>& allowed) {
    if (!node.is_map()) {
        error(node, "expected " + std::string(what) + " to be a mapping, got " + shape(node));
        return false;
    }
    std::unordered_map<std::string, SourceLocation> seen;
    for (const auto entry : node.entries()) {
        const YamlNode& key = entry.key;
        if (!key.is_scalar()) {
            error(key, "expected a plain key in " + std::string(what) + ", got " + shape(key));
            continue;
        }
        const std::string name(key.scalar());
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
                           key_hint(name, allowed));
        }
    }
    return true;
}

std::string key_hint(std::string_view name, const std::vector<std::string_view>& allowed) {
    // Words from other tools' formats, and the key of this one they mean.
    constexpr std::pair<std::string_view, std::string_view> kOtherWords[] = {{"type", "kind"}};
    for (const auto& [word, key] : kOtherWords) {
        if (name == word && std::find(allowed.begin(), allowed.end(), key) != allowed.end()) {
            return " (did you mean '" + std::string(key) + "'?)";
        }
    }
    return did_you_mean(name, allowed);
}

std::optional<YamlNode> YamlFields::find(const YamlNode& map, std::string_view key) {
    if (!map.is_map()) {
        return std::nullopt;
    }
    for (const auto entry : map.entries()) {
        if (entry.key.is_scalar() && entry.key.scalar() == key) {
            return entry.value;
        }
    }
    return std::nullopt;
}

std::optional<Field> YamlFields::as_scalar(const YamlNode& node, std::string_view what) {
    if (!node.is_scalar()) {
        error(node, "expected a value for " + std::string(what) + ", got " + shape(node));
        return std::nullopt;
    }
    // Offsets into the value map one to one onto source columns only when the source
    // holds the value verbatim on one line: not for folded or block scalars, and not
    // after escapes in quoted ones. Otherwise positions fall back to the value's start.
    if (node.tagged()) {
        const std::string_view text = node.scalar();
        error(node, "YAML reads " + in_quotes(text) + " in " + std::string(what) +
                        " as a tag, not as text; " +
                        (what == "'when'" ? "write 'not " + std::string(text.substr(1)) +
                                                "' for a negation, or quote the value"
                                          : std::string("quote the value")));
        return std::nullopt;
    }
    Field field{std::string(node.scalar()), where(node), node.verbatim()};
    if (node.quoted()) {
        field.where.column += 1;
    }
    if (const auto problem = text_problem(field.text)) {
        error_at(field.at(problem->offset), problem->message);
        return std::nullopt;
    }
    return field;
}

std::optional<Field> YamlFields::scalar(const YamlNode& map, std::string_view key) {
    const auto value = find(map, key);
    if (!value) {
        return std::nullopt;
    }
    return as_scalar(*value, "'" + std::string(key) + "'");
}

std::optional<Field> YamlFields::required(const YamlNode& map,
                                          std::string_view key,
                                          std::string_view what) {
    if (!find(map, key)) {
        error(map, "missing required key '" + std::string(key) + "' in " + std::string(what));
        return std::nullopt;
    }
    return scalar(map, key);
}

std::optional<std::vector<Field>> YamlFields::list(const YamlNode& map, std::string_view key) {
    const auto value = find(map, key);
    if (!value) {
        return std::nullopt;
    }
    const std::string what = "an item of '" + std::string(key) + "'";
    std::vector<Field> items;
    if (value->is_scalar()) {
        if (auto item = as_scalar(*value, what)) {
            items.push_back(std::move(*item));
        }
        return items;
    }
    if (!value->is_sequence()) {
        error(*value, "expected a list for '" + std::string(key) + "', got " + shape(*value));
        return std::nullopt;
    }
    bool all_read = true;
    for (const YamlNode item : value->items()) {
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
