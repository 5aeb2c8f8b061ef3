#include "flowsim/io/route_writer.hpp"

#include <algorithm>

#include <flowsim/io/json_writer.hpp>

#include "route_text.hpp"

namespace flowsim::io {

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
    header.assumptions = assumptions_of(view, query);
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
    std::optional<RouteLines> lines;  // text only
    // JSON only: routes are appended to `buffer` and written to `out` in large blocks.
    std::optional<RouteJson> route_json;
    std::string buffer;

    void flush() {
        out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        buffer.clear();
    }
};

namespace {

constexpr std::size_t kBlock = std::size_t{1} << 16;  // bytes of routes written at once

}  // namespace

PathsWriter::PathsWriter(std::ostream& out,
                         RouteFormat format,
                         const Scenario& scenario,
                         QueryHeader header)
    : state_(std::make_unique<State>(
          State{out, format, scenario, std::move(header), JsonWriter(out), {}, 0, {}, {}, {}})) {
    if (format == RouteFormat::kJson) {
        state_->json.begin_object();
        write_header_fields(state_->json, state_->header);
        state_->json.key("routes").begin_array(true);
        state_->route_json.emplace(scenario, state_->header);
        state_->buffer.reserve(2 * kBlock);
    } else {
        state_->lines.emplace(scenario);
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
        // One route a line, as JsonWriter places the elements of `begin_array(true)`.
        state.buffer += state.written == 1 ? "\n " : ",\n ";
        state.route_json->append(state.buffer, route);
        if (state.buffer.size() >= kBlock) {
            state.flush();
        }
    } else {
        state.out << "\n" << state.written << ". ";
        write_route_block(state.out, state.scenario, *state.lines, route, state.header,
                          state.numbers, "   ");
    }
}

void PathsWriter::finish(std::size_t route_count, Completion completion) {
    State& state = *state_;
    const bool complete = completion.complete();
    if (state.format == RouteFormat::kJson) {
        state.flush();
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
                       const QueryHeader& header,
                       std::size_t route_count,
                       Completion completion) {
    const bool complete = completion.complete();
    if (format == RouteFormat::kJson) {
        JsonWriter json(out);
        json.begin_object();
        write_header_fields(json, header);
        json.key("reachable").value(route_count > 0);
        json.key("route_count").value(route_count);
        json.key("complete").value(complete);
        json.end_object();
        out << "\n";
        return;
    }
    out << route_count
        << (complete                 ? ""
            : completion.cut_short() ? " (at least; cut short)"
                                     : " (at least; counting stopped at the limit)")
        << "\n";
}

void write_query(std::ostream& out,
                 RouteFormat format,
                 const Scenario& scenario,
                 const QueryHeader& header,
                 const std::optional<Route>& first,
                 std::size_t route_count,
                 Completion completion,
                 const std::vector<BlockedRoute>& blocked,
                 const SourceReach& reach,
                 std::optional<Evidence> strongest) {
    const bool complete = completion.complete();
    const bool reachable = first.has_value();
    if (format == RouteFormat::kJson) {
        JsonWriter json(out);
        json.begin_object();
        write_header_fields(json, header);
        json.key("reachable").value(reachable);
        json.key("route_count").value(route_count);
        json.key("complete").value(complete);
        json.key("sources_reaching").strings(node_ids(scenario, reach.reaching));
        json.key("sources_not_reaching").strings(node_ids(scenario, reach.not_reaching));
        if (strongest) {
            json.key("strongest_evidence").value(evidence_name(*strongest));
        } else {
            json.key("strongest_evidence").null();
        }
        json.key("routes").begin_array(true);
        if (first) {
            write_route_object(json, scenario, header, *first);
        }
        json.end_array();
        json.key("blocked").begin_array(true);
        if (!reachable) {
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
                    if (blocker.policy) {
                        const Policy& policy = scenario.policies()[*blocker.policy];
                        json.key("policy_label").value(policy.label);
                        json.key("policy_sources")
                            .strings(ids_of(scenario.sources(), policy.sources));
                        json.key("blocks_for").strings(node_ids(scenario, blocker.origins));
                    }
                    json.end_object();
                }
                json.end_array();
                json.end_object();
            }
        }
        json.end_array();
        json.end_object();
        out << "\n";
        return;
    }
    const std::string to = describe_nodes(scenario, header.to);
    const RouteLines lines(scenario);
    SourceNumbers numbers;
    if (reachable) {
        std::vector<NodeIndex> reaching = reach.reaching;
        if (reaching.empty() && reach.not_reaching.empty()) {
            reaching.push_back(first->source);  // no tally given: name the first route's source
        }
        out << "Yes — "
            << reach_sentence(scenario, header, reaching, reach.not_reaching, route_count,
                              !complete, strongest)
            << "\n\nThe first in order (fewest hops):\n\n";
        out << "  ";
        write_route_block(out, scenario, lines, *first, header, numbers, "  ");
        out << "\nList them all with `flowsim paths`.\n";
        write_sources(out, scenario, numbers);
        return;
    }
    out << "No — data from " << list_nodes(scenario, header.from) << " cannot reach " << to << " ("
        << conditions(header) << ").\n";
    if (blocked.empty()) {
        out << "\nNo route exists in the graph at all, whatever the configuration.\n";
        return;
    }
    out << "\nThe nearest routes from each source that could carry the data, and what blocks "
           "each:\n";
    std::size_t number = 0;
    for (const BlockedRoute& route : blocked) {
        out << "\n"
            << ++number << ". " << lines.line(route.route.nodes, route.route.edges) << " ("
            << scenario.data_kinds()[route.route.data].label << ")\n";
        for (const auto& [edge, blocker] : route.blockers) {
            out << "   " << hop_text(scenario, edge) << ": "
                << blocker_text(scenario, header, edge, blocker, numbers) << " ["
                << blocker_reason_name(blocker.reason) << "]\n";
        }
    }
    write_sources(out, scenario, numbers);
}

}  // namespace flowsim::io
