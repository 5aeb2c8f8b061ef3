#include "load_context.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <flowsim/io/expression_parser.hpp>

namespace flowsim::io::detail {
namespace {

const Keys kEvidenceNames = {"documented", "reported", "alleged", "announced", "hypothetical"};

bool is_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

}  // namespace

bool valid_id(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), is_id_char);
}

bool LoadContext::declare(IdTable& table,
                          const Field& id,
                          std::uint32_t index,
                          std::string_view noun) {
    if (!valid_id(id.text)) {
        sink.error(id.where, std::string(noun) + " id " + in_quotes(id.text) +
                                 " must be made of a-z, 0-9, '_', '.' and '-'");
        table.add_broken(id.text);
        return false;
    }
    if (const auto first = table.add(id.text, index, id.where)) {
        sink.error(id.where, "duplicate " + std::string(noun) + " id " + in_quotes(id.text) +
                                 " (first declared at " + first->file + ":" +
                                 std::to_string(first->line) + ")");
        return false;
    }
    return true;
}

std::string LoadContext::optional_text(YamlFields& fields,
                                       const YamlNode& map,
                                       std::string_view key) {
    const auto field = fields.scalar(map, key);
    return field ? field->text : std::string();
}

void LoadContext::check_version(const Field& version) {
    if (version.text != "1") {
        sink.error(version.where, "unsupported format version " + in_quotes(version.text) +
                                      "; this flowsim reads 'flowsim: 1'");
    }
}

std::optional<std::uint32_t> LoadContext::resolve(const IdTable& table,
                                                  const Field& field,
                                                  std::string_view noun,
                                                  const std::string& prefix) {
    return resolve(table, field, noun, [&prefix] { return prefix; });
}

IndexList LoadContext::resolve_all(const IdTable& table,
                                   const std::vector<Field>& items,
                                   std::string_view noun) {
    std::vector<std::uint32_t> result;
    for (const Field& item : items) {
        if (const auto index = resolve(table, item, noun, {})) {
            result.push_back(*index);
        }
    }
    sort_unique(result);
    return result;
}

Expression LoadContext::parse_when(const Field& field) {
    // Every edge with the same text gets the same terms; a text with an error is not
    // kept, so each place it is written is reported.
    if (const auto known = parsed_whens.find(field.text); known != parsed_whens.end()) {
        return known->second;
    }
    const std::size_t errors_before = sink.error_count();
    ParsedExpression parsed = parse_expression(field.text);
    if (parsed.error) {
        sink.error(field.at(parsed.error->offset),
                   "invalid 'when' expression: " + parsed.error->message);
        return {};
    }
    Expression& expression = parsed.expression;
    for (std::uint32_t i = 0; i < expression.terms().size(); ++i) {
        const Expression::Term& term = expression.terms()[i];
        if (term.op != Expression::Op::kParameter) {
            continue;
        }
        if (const auto parameter = parameter_ids.find(term.name)) {
            expression.bind(i, *parameter);
        } else {
            sink.error(field.at(term.offset), "unknown parameter " + in_quotes(term.name) +
                                                  " in 'when'" +
                                                  did_you_mean(term.name, parameter_ids.names()));
        }
    }
    if (sink.error_count() == errors_before) {
        parsed_whens.emplace(field.text, parsed.expression);
    }
    return std::move(parsed.expression);
}

std::optional<Date> LoadContext::parse_date(const Field& field, std::string_view key) {
    const auto date = Date::parse(field.text);
    if (!date) {
        sink.error(field.where, "expected a date YYYY-MM-DD for '" + std::string(key) + "', got " +
                                    in_quotes(field.text));
    }
    return date;
}

DateWindow LoadContext::parse_window(const std::optional<Field>& since,
                                     const std::optional<Field>& until) {
    DateWindow window;
    if (since) {
        window.since = parse_date(*since, "since");
    }
    if (until) {
        window.until = parse_date(*until, "until");
    }
    if (until) {
        check_window(window, *until);
    }
    return window;
}

void LoadContext::check_window(const DateWindow& window, const Field& until) {
    if (window.since && window.until && !(*window.since < *window.until)) {
        sink.error(until.where, "'until' (" + window.until->to_string() +
                                    ") must come after 'since' (" + window.since->to_string() +
                                    "); 'until' is exclusive");
    }
}

std::optional<double> LoadContext::parse_number(const Field& field, std::string_view key) {
    const std::string& text = field.text;
    const bool plain =
        !text.empty() && text.find_first_not_of("0123456789.eE+-") == std::string::npos;
    char* end = nullptr;
    const double value = plain ? std::strtod(text.c_str(), &end) : 0.0;
    if (!plain || end != text.c_str() + text.size() || !std::isfinite(value)) {
        sink.error(field.where,
                   "expected a number for '" + std::string(key) + "', got " + in_quotes(text));
        return std::nullopt;
    }
    return value;
}

double LoadContext::parse_probability(const Field& field, std::string_view key) {
    const auto p = parse_number(field, key);
    if (!p) {
        return 1.0;
    }
    if (!(*p >= 0 && *p <= 1)) {
        sink.error(field.where,
                   std::string(key) + " must be between 0 and 1, got " + in_quotes(field.text));
        return 1.0;
    }
    return *p;
}

std::optional<Seconds> LoadContext::parse_duration(const Field& field, std::string_view key) {
    DurationError error;
    const auto seconds = flowsim::parse_duration(field.text, &error);
    if (!seconds) {
        sink.error(field.at(error.offset),
                   std::string(key) + " " + in_quotes(field.text) + ": " + error.message);
    }
    return seconds;
}

std::optional<bool> LoadContext::parse_bool(const Field& field, std::string_view key) {
    if (field.text == "true" || field.text == "false") {
        return field.text == "true";
    }
    sink.error(field.where, "expected true or false for '" + std::string(key) + "', got " +
                                in_quotes(field.text));
    return std::nullopt;
}

std::optional<Evidence> LoadContext::parse_status(const Field& field) {
    const auto status = parse_evidence(field.text);
    if (!status) {
        sink.error(field.where, "unknown status " + in_quotes(field.text) +
                                    "; use one of "
                                    "documented, reported, alleged, announced, hypothetical" +
                                    did_you_mean(field.text, kEvidenceNames));
    }
    return status;
}

std::optional<std::string> LoadContext::parse_state(const Field& field) {
    const std::string& text = field.text;
    if (text.size() != 2 || !std::isupper(static_cast<unsigned char>(text[0])) ||
        !std::isupper(static_cast<unsigned char>(text[1]))) {
        sink.error(field.where,
                   "expected a two-letter state code such as 'IL', got " + in_quotes(text));
        return std::nullopt;
    }
    return text;
}

const std::unordered_set<std::string>& LoadContext::node_tags() {
    if (node_tags_seen.empty()) {
        for (const Node& node : parts.nodes) {
            node_tags_seen.insert(node.tags.begin(), node.tags.end());
        }
    }
    return node_tags_seen;
}

}  // namespace flowsim::io::detail
