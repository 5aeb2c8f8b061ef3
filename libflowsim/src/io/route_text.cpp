#include "route_text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <iterator>

namespace flowsim::io {

std::size_t SourceNumbers::number(SourceIndex source) {
    const auto [entry, inserted] = numbers_.emplace(source, order_.size() + 1);
    if (inserted) {
        order_.push_back(source);
    }
    return entry->second;
}

std::string hop_text(const Scenario& scenario, EdgeIndex index) {
    const Edge& edge = scenario.edges()[index];
    std::string text = scenario.nodes()[edge.from].label + " → " + scenario.nodes()[edge.to].label;
    if (!edge.mechanism.empty()) {
        text += " (" + id_words(edge.mechanism) + ")";
    }
    return text;
}

std::string only_for_text(const Scenario& scenario,
                          const std::vector<NodeIndex>& blocked_for,
                          const std::vector<std::string>& asked) {
    const std::vector<std::string> blocked = node_ids(scenario, blocked_for);
    std::vector<std::string> others;
    std::set_difference(asked.begin(), asked.end(), blocked.begin(), blocked.end(),
                        std::back_inserter(others));
    if (blocked.empty() || others.empty()) {
        return "";
    }
    return "for data from " + list_nodes(scenario, blocked) + "; not from " +
           list_nodes(scenario, others);
}

std::string law_text(const Scenario& scenario,
                     const QueryHeader& header,
                     const std::vector<std::uint32_t>& policies,
                     const std::vector<NodeIndex>& blocked_for,
                     SourceNumbers& numbers) {
    std::vector<std::string> laws;
    for (const std::uint32_t index : policies) {
        const Policy& policy = scenario.policies()[index];
        std::string text = "“" + (policy.label.empty() ? policy.id : policy.label) + "”";
        for (const SourceIndex source : policy.sources) {
            text += " [" + std::to_string(numbers.number(source)) + "]";
        }
        laws.push_back(std::move(text));
    }
    std::string text = (laws.size() == 1 ? "the law " : "the laws ") + series(laws);
    const std::string only = only_for_text(scenario, blocked_for, header.from);
    return only.empty() ? text : text + " (" + only + ")";
}

std::string blocker_text(const Scenario& scenario,
                         const QueryHeader& header,
                         EdgeIndex index,
                         const Blocker& blocker,
                         SourceNumbers& numbers) {
    const Edge& edge = scenario.edges()[index];
    switch (blocker.reason) {
        case Blocker::Reason::kPolicy: {
            if (!blocker.policy) {
                break;
            }
            return law_text(scenario, header, {*blocker.policy}, blocker.origins, numbers);
        }
        case Blocker::Reason::kParameter: {
            // A lone parameter, or its negation: say it by label.
            const auto& terms = edge.when.terms();
            const Expression::Term& root = terms[edge.when.root()];
            const Expression::Term* term = root.op == Expression::Op::kParameter ? &root
                                           : root.op == Expression::Op::kNot &&
                                                   terms[root.left].op == Expression::Op::kParameter
                                               ? &terms[root.left]
                                               : nullptr;
            if (term == nullptr || header.parameter_values.size() != scenario.parameters().size()) {
                break;
            }
            const Parameter& parameter = scenario.parameters()[term->parameter];
            return "“" + (parameter.label.empty() ? parameter.id : parameter.label) + "” is " +
                   (header.parameter_values[term->parameter] ? "on" : "off");
        }
        case Blocker::Reason::kGate: {
            const auto gate = scenario.find_gate(blocker.detail);
            if (!gate) {
                break;
            }
            const Gate& g = scenario.gates()[*gate];
            return "needs " + (g.label.empty() ? g.id : g.label) + ", assumed never given";
        }
        default:
            break;
    }
    return blocker.detail;
}

std::string likelihood_text(const std::optional<double>& likelihood) {
    if (!likelihood) {
        return "unknown";
    }
    // Rough guesses multiplied: three significant digits are more than they hold.
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", *likelihood);
    return buffer;
}

std::string dependency_text(const Scenario& scenario, const Dependency& dependency) {
    const Parameter& parameter = scenario.parameters()[dependency.parameter];
    std::string text = (parameter.label.empty() ? parameter.id : parameter.label) + ": " +
                       (dependency.keeps ? "on" : "off");
    if (dependency.policy) {
        const Policy& policy = scenario.policies()[*dependency.policy];
        text += " (else blocked by " + (policy.label.empty() ? policy.id : policy.label) + ")";
    }
    return text;
}

std::vector<Dependency> dependencies_of(const Scenario& scenario,
                                        const QueryHeader& header,
                                        const Route& route) {
    if (header.parameter_values.size() != scenario.parameters().size()) {
        return {};  // a header not made by make_header: nothing known
    }
    return route_dependencies(scenario, header.parameter_values, header.date, route);
}

namespace {

// `"key": ` as JsonWriter spells it (keys here need no escaping).
void append_key(std::string& out, std::string_view key) {
    out += '"';
    out += key;
    out += "\": ";
}

// The ids of `items[i]` for each i in `indices`, as a compact JSON array.
template <typename T, typename Tag>
void append_ids(std::string& out,
                const std::vector<T>& items,
                const std::vector<Index<Tag>>& indices) {
    out += '[';
    const char* separator = "";
    for (const Index<Tag> index : indices) {
        out += separator;
        append_json_string(out, items[index].id);
        separator = ", ";
    }
    out += ']';
}

}  // namespace

RouteJson::RouteJson(const Scenario& scenario, const QueryHeader& header) : scenario_(scenario) {
    if (header.parameter_values.size() == scenario.parameters().size()) {
        dependencies_.emplace(scenario, header.parameter_values, header.date);
    }
}

void RouteJson::append(std::string& out, const Route& route) {
    const Scenario& scenario = scenario_;
    summarize(scenario, route, summary_);
    out += '{';
    append_key(out, "source");
    append_json_string(out, scenario.nodes()[route.source].id);
    out += ", ";
    append_key(out, "target");
    append_json_string(out, scenario.nodes()[route.target].id);
    out += ", ";
    append_key(out, "data");
    append_json_string(out, scenario.data_kinds()[route.data].id);
    out += ", ";
    append_key(out, "arrives_as");
    append_json_string(out, scenario.data_kinds()[route.arrives_as].id);
    out += ", ";
    append_key(out, "hops");
    char number[24];
    out.append(number, std::to_chars(number, number + sizeof number, route.hops()).ptr);
    out += ", ";
    append_key(out, "nodes");
    append_ids(out, scenario.nodes(), route.nodes);
    out += ", ";
    append_key(out, "edges");
    append_ids(out, scenario.edges(), route.edges);
    out += ", ";
    append_key(out, "evidence");
    append_json_string(out, evidence_name(summary_.evidence));
    out += ", ";
    append_key(out, "gates");
    append_ids(out, scenario.gates(), summary_.gates);
    out += ", ";
    append_key(out, "parameters");
    append_ids(out, scenario.parameters(), summary_.parameters);
    out += ", ";
    append_key(out, "depends_on");
    out += '[';
    if (dependencies_) {
        const char* separator = "";
        for (const Dependency& dependency : dependencies_->of(route)) {
            out += separator;
            out += '{';
            append_key(out, "parameter");
            append_json_string(out, scenario.parameters()[dependency.parameter].id);
            out += ", ";
            append_key(out, "keeps");
            out += dependency.keeps ? "true" : "false";
            out += ", ";
            append_key(out, "via");
            append_json_string(out, dependency_via_name(dependency.via));
            out += '}';
            separator = ", ";
        }
    }
    out += "], ";
    append_key(out, "sources");
    append_ids(out, scenario.sources(), summary_.sources);
    out += ", ";
    append_key(out, "likelihood");
    if (summary_.likelihood) {
        append_json_number(out, *summary_.likelihood);
    } else {
        out += "null";
    }
    out += ", ";
    append_key(out, "id");
    append_json_string(out, summary_.id);
    out += '}';
}

void write_route_object(JsonWriter& json,
                        const Scenario& scenario,
                        const QueryHeader& header,
                        const Route& route) {
    std::string text;
    RouteJson(scenario, header).append(text, route);
    json.raw(text);
}

void write_assumptions(JsonWriter& json, const QueryHeader& header) {
    json.key("assumptions").begin_array();
    for (const Assumption& assumption : header.assumptions) {
        json.begin_object();
        json.key("kind").value(assumption.kind);
        json.key("name").value(assumption.name);
        if (assumption.flag) {
            json.key("value").value(*assumption.flag);
        } else {
            json.key("value").value(assumption.text);
        }
        json.end_object();
    }
    json.end_array();
}

void write_header_fields(JsonWriter& json, const QueryHeader& header) {
    json.key("scenario").value(header.scenario);
    write_settings_fields(json, header);
    write_assumptions(json, header);
    json.key("from").strings(header.from);
    json.key("to").strings(header.to);
    json.key("data").strings(header.data);
}

void write_settings_fields(JsonWriter& json, const QueryHeader& header) {
    json.key("configuration").begin_object();
    json.key("name").value(header.configuration);
    json.key("parameters").begin_object();
    for (const auto& [name, value] : header.parameters) {
        json.key(name).value(value);
    }
    json.end_object();
    json.end_object();
    // Computed, so always there: null when no date applies.
    if (header.as_of) {
        json.key("as_of").value(*header.as_of);
    } else {
        json.key("as_of").null();
    }
}

void write_sources(std::ostream& out, const Scenario& scenario, const SourceNumbers& numbers) {
    const std::vector<SourceIndex>& order = numbers.order();
    if (order.empty()) {
        return;
    }
    out << "\nSources\n";
    for (std::size_t i = 0; i < order.size(); ++i) {
        const Source& source = scenario.sources()[order[i]];
        out << "  [" << i + 1 << "] " << source_citation(source) << "\n";
    }
}

void write_route_block(std::ostream& out,
                       const Scenario& scenario,
                       const RouteLines& lines,
                       const Route& route,
                       const QueryHeader& header,
                       SourceNumbers& numbers,
                       const std::string& indent) {
    const RouteSummary summary = summarize(scenario, route);
    out << lines.line(route.nodes, route.edges) << "\n";
    out << indent << summary.id << " · " << plural(route.hops(), "hop") << " · "
        << scenario.data_kinds()[route.data].label;
    if (route.arrives_as != route.data) {
        out << ", arriving as " << scenario.data_kinds()[route.arrives_as].label;
    }
    out << " · evidence: " << evidence_name(summary.evidence) << " · likelihood "
        << likelihood_text(summary.likelihood) << "\n";
    const std::vector<Dependency> dependencies = dependencies_of(scenario, header, route);
    if (!dependencies.empty()) {
        out << indent << "depends on:";
        const char* separator = " ";
        for (const Dependency& dependency : dependencies) {
            out << separator << dependency_text(scenario, dependency);
            separator = "; ";
        }
        out << "\n";
    }
    if (!summary.gates.empty()) {
        out << indent << "needs:";
        const char* separator = " ";
        for (const GateIndex gate : summary.gates) {
            out << separator << scenario.gates()[gate].label;
            separator = "; ";
        }
        out << "\n";
    }
    if (!summary.sources.empty()) {
        out << indent << "sources:";
        for (const SourceIndex source : summary.sources) {
            out << " [" << numbers.number(source) << "]";
        }
        out << "\n";
    }
}

}  // namespace flowsim::io
