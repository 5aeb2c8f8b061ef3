#include "flowsim/io/route_writer.hpp"

#include <algorithm>
#include <cstdio>

#include <flowsim/io/json_writer.hpp>
#include <flowsim/route_dependencies.hpp>

#include "route_text.hpp"

namespace flowsim::io {

std::vector<std::string> node_ids(const Scenario& scenario, const std::vector<NodeIndex>& nodes) {
    std::vector<std::string> ids;
    for (const NodeIndex node : nodes) {
        ids.push_back(scenario.nodes()[node].id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
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

void write_route_object(JsonWriter& json,
                        const Scenario& scenario,
                        const QueryHeader& header,
                        const Route& route) {
    const RouteSummary summary = summarize(scenario, route);
    json.begin_object();
    json.key("source").value(scenario.nodes()[route.source].id);
    json.key("target").value(scenario.nodes()[route.target].id);
    json.key("data").value(scenario.data_kinds()[route.data].id);
    json.key("arrives_as").value(scenario.data_kinds()[route.arrives_as].id);
    json.key("hops").value(route.hops());
    json.key("nodes").strings(ids_of(scenario.nodes(), route.nodes));
    json.key("edges").strings(ids_of(scenario.edges(), route.edges));
    json.key("evidence").value(evidence_name(summary.evidence));
    json.key("gates").strings(ids_of(scenario.gates(), summary.gates));
    json.key("parameters").strings(ids_of(scenario.parameters(), summary.parameters));
    json.key("depends_on").begin_array();
    for (const Dependency& dependency : dependencies_of(scenario, header, route)) {
        json.begin_object();
        json.key("parameter").value(scenario.parameters()[dependency.parameter].id);
        json.key("keeps").value(dependency.keeps);
        json.key("via").value(dependency_via_name(dependency.via));
        json.end_object();
    }
    json.end_array();
    json.key("sources").strings(ids_of(scenario.sources(), summary.sources));
    if (summary.likelihood) {
        json.key("likelihood").value(*summary.likelihood);
    } else {
        json.key("likelihood").null();
    }
    json.key("id").value(summary.id);
    json.end_object();
}

void write_header_fields(JsonWriter& json, const QueryHeader& header) {
    json.key("scenario").value(header.scenario);
    write_settings_fields(json, header);
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
    if (header.as_of) {
        json.key("as_of").value(*header.as_of);
    }
}

// The sources cited so far, numbered, as the text listings end.
void write_sources(std::ostream& out, const Scenario& scenario, const SourceNumbers& numbers) {
    const std::vector<SourceIndex>& order = numbers.order();
    if (order.empty()) {
        return;
    }
    out << "\nSources\n";
    for (std::size_t i = 0; i < order.size(); ++i) {
        const Source& source = scenario.sources()[order[i]];
        out << "  [" << i + 1 << "] " << source.title;
        if (!source.publisher.empty()) {
            out << " — " << source.publisher;
        }
        if (source.date) {
            out << ", " << source.date->to_string();
        }
        if (!source.url.empty()) {
            out << ". " << source.url;
        }
        out << "\n";
    }
}

// Writes a route for people: its path on the current line (after a number, say), then
// its id, length, evidence and likelihood, what it depends on and its sources, each
// line after the first indented by `indent`.
void write_route_block(std::ostream& out,
                       const Scenario& scenario,
                       const Route& route,
                       const QueryHeader& header,
                       SourceNumbers& numbers,
                       const std::string& indent) {
    const RouteSummary summary = summarize(scenario, route);
    out << path_text(scenario, route.nodes) << "\n";
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

std::string conditions(const QueryHeader& header) {
    std::string text = "configuration: " + header.configuration;
    if (header.as_of) {
        text += "; as of " + *header.as_of;
    }
    return text;
}

QueryHeader make_header(const ConfigurationView& view,
                        const ResolvedQuery& query,
                        const std::string& display_name) {
    const Scenario& scenario = view.scenario();
    QueryHeader header;
    header.scenario = scenario.title().empty() ? display_name : scenario.title();
    header.configuration = query.configuration_name;
    for (std::size_t i = 0; i < scenario.parameters().size(); ++i) {
        header.parameters.emplace_back(scenario.parameters()[i].id, view.parameter_values()[i]);
    }
    std::sort(header.parameters.begin(), header.parameters.end());
    header.parameter_values = view.parameter_values();
    header.date = view.date();
    header.from = node_ids(scenario, query.routes.from);
    header.to = node_ids(scenario, query.routes.to);
    if (query.routes.data) {
        header.data.push_back(scenario.data_kinds()[*query.routes.data].id);
    } else {
        for (const NodeIndex node : query.routes.from) {
            const auto& produces = scenario.nodes()[node].produces;
            for (const DataKindIndex kind : produces) {
                header.data.push_back(scenario.data_kinds()[kind].id);
            }
            if (produces.empty()) {
                for (const DataKind& kind : scenario.data_kinds()) {
                    header.data.push_back(kind.id);
                }
            }
        }
        std::sort(header.data.begin(), header.data.end());
        header.data.erase(std::unique(header.data.begin(), header.data.end()), header.data.end());
    }
    if (view.date()) {
        header.as_of = view.date()->to_string();
    }
    return header;
}

struct PathsWriter::State {
    std::ostream& out;
    RouteFormat format;
    const Scenario& scenario;
    QueryHeader header;
    JsonWriter json;
    SourceNumbers numbers;
    std::size_t written = 0;
};

PathsWriter::PathsWriter(std::ostream& out,
                         RouteFormat format,
                         const Scenario& scenario,
                         QueryHeader header)
    : state_(std::make_unique<State>(
          State{out, format, scenario, std::move(header), JsonWriter(out), {}, 0})) {
    if (format == RouteFormat::kJson) {
        state_->json.begin_object();
        write_header_fields(state_->json, state_->header);
        state_->json.key("routes").begin_array(true);
    } else {
        out << "Routes from " << describe_nodes(scenario, state_->header.from) << " to "
            << describe_nodes(scenario, state_->header.to) << " (" << conditions(state_->header)
            << ")\n";
    }
}

PathsWriter::~PathsWriter() = default;

void PathsWriter::route(const Route& route) {
    State& state = *state_;
    ++state.written;
    if (state.format == RouteFormat::kJson) {
        write_route_object(state.json, state.scenario, state.header, route);
    } else {
        state.out << "\n" << state.written << ". ";
        write_route_block(state.out, state.scenario, route, state.header, state.numbers, "   ");
    }
}

void PathsWriter::finish(std::size_t route_count, bool complete) {
    State& state = *state_;
    if (state.format == RouteFormat::kJson) {
        state.json.end_array();
        state.json.key("reachable").value(route_count > 0);
        state.json.key("route_count").value(route_count);
        state.json.key("complete").value(complete);
        state.json.end_object();
        state.out << "\n";
        return;
    }
    state.out << "\n"
              << plural(route_count, "route")
              << (complete ? "." : " shown; the listing was cut short (more may exist).") << "\n";
    write_sources(state.out, state.scenario, state.numbers);
}

void write_route_count(std::ostream& out,
                       RouteFormat format,
                       std::size_t route_count,
                       bool complete) {
    if (format == RouteFormat::kJson) {
        JsonWriter json(out);
        json.begin_object();
        json.key("route_count").value(route_count);
        json.key("complete").value(complete);
        json.end_object();
        out << "\n";
        return;
    }
    out << route_count << (complete ? "" : " (at least; cut short)") << "\n";
}

void write_query(std::ostream& out,
                 RouteFormat format,
                 const Scenario& scenario,
                 const QueryHeader& header,
                 const std::optional<Route>& first,
                 std::size_t route_count,
                 bool complete,
                 const std::vector<BlockedRoute>& blocked) {
    const bool reachable = first.has_value();
    if (format == RouteFormat::kJson) {
        JsonWriter json(out);
        json.begin_object();
        write_header_fields(json, header);
        json.key("reachable").value(reachable);
        json.key("route_count").value(route_count);
        json.key("complete").value(complete);
        json.key("routes").begin_array(true);
        if (first) {
            write_route_object(json, scenario, header, *first);
        }
        json.end_array();
        if (!reachable) {
            json.key("blocked").begin_array(true);
            for (const BlockedRoute& route : blocked) {
                json.begin_object();
                json.key("nodes").strings(ids_of(scenario.nodes(), route.route.nodes));
                json.key("edges").strings(ids_of(scenario.edges(), route.route.edges));
                json.key("data").value(scenario.data_kinds()[route.route.data].id);
                json.key("blockers").begin_array();
                for (const auto& [edge, blocker] : route.blockers) {
                    json.begin_object();
                    json.key("edge").value(scenario.edges()[edge].id);
                    json.key("reason").value(blocker_reason_name(blocker.reason));
                    json.key("detail").value(blocker.detail);
                    json.end_object();
                }
                json.end_array();
                json.end_object();
            }
            json.end_array();
        }
        json.end_object();
        out << "\n";
        return;
    }
    const std::string from = describe_nodes(scenario, header.from);
    const std::string to = describe_nodes(scenario, header.to);
    SourceNumbers numbers;
    if (reachable) {
        out << "Yes — data from " << from << " can reach " << to << " by "
            << (complete ? "" : "at least ") << plural(route_count, "route") << " ("
            << conditions(header) << ").\n\nThe first in order (fewest hops):\n\n";
        out << "  ";
        write_route_block(out, scenario, *first, header, numbers, "  ");
        out << "\nList them all with `flowsim paths`.\n";
        write_sources(out, scenario, numbers);
        return;
    }
    out << "No — data from " << from << " cannot reach " << to << " (" << conditions(header)
        << ").\n";
    if (blocked.empty()) {
        out << "\nNo route exists in the graph at all, whatever the configuration.\n";
        return;
    }
    out << "\nThe nearest routes from each source that could carry the data, and what blocks "
           "each:\n";
    std::size_t number = 0;
    for (const BlockedRoute& route : blocked) {
        out << "\n"
            << ++number << ". " << path_text(scenario, route.route.nodes) << " ("
            << scenario.data_kinds()[route.route.data].label << ")\n";
        for (const auto& [edge, blocker] : route.blockers) {
            const Edge& e = scenario.edges()[edge];
            out << "   " << scenario.nodes()[e.from].label << " → " << scenario.nodes()[e.to].label
                << " (" << e.id << "): " << blocker.detail << " ["
                << blocker_reason_name(blocker.reason) << "]\n";
        }
    }
}

}  // namespace flowsim::io
