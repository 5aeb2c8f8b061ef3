#include "flowsim/io/analysis_writer.hpp"

#include <algorithm>
#include <cstddef>

#include <flowsim/io/json_writer.hpp>

#include "route_text.hpp"

namespace flowsim::io {
namespace {

std::string lever_id(const Scenario& scenario, const Lever& lever) {
    return lever.type == Lever::Type::kParameter ? scenario.parameters()[lever.index].id
                                                 : scenario.edges()[lever.index].id;
}

// Who can pull `lever`, in words: "city council", "Typical city police or Sheriff".
std::string lever_holder(const Scenario& scenario, const Lever& lever) {
    return join(lever_holders(scenario, lever), " or ");
}

void write_lever_object(JsonWriter& json, const Scenario& scenario, const Lever& lever) {
    json.begin_object();
    if (lever.type == Lever::Type::kParameter) {
        json.key("type").value("parameter");
        json.key("id").value(lever_id(scenario, lever));
        json.key("set_to").value(lever.set_to);
    } else {
        const Edge& edge = scenario.edges()[lever.index];
        json.key("type").value("edge");
        json.key("id").value(edge.id);
        json.key("from").value(scenario.nodes()[edge.from].id);
        json.key("to").value(scenario.nodes()[edge.to].id);
    }
    json.key("lever").value(lever_holder(scenario, lever));
    json.key("cost").value(lever.cost);
    json.end_object();
}

// One lever for people: what to do, and who can do it.
std::string lever_text(const Scenario& scenario, const Lever& lever) {
    std::string text;
    if (lever.type == Lever::Type::kParameter) {
        const Parameter& parameter = scenario.parameters()[lever.index];
        // By label: the id is in the JSON.
        text = std::string("Switch ") + (lever.set_to ? "on" : "off") + ": " +
               (parameter.label.empty() ? parameter.id : parameter.label);
        text += " — held by " + parameter.lever;
    } else {
        text = "End the link " + hop_text(scenario, lever.index);
        text += " — held by " + lever_holder(scenario, lever);
    }
    return text + "; cost " + json_number(lever.cost);
}

}  // namespace

void write_cut(std::ostream& out,
               RouteFormat format,
               const Scenario& scenario,
               const QueryHeader& header,
               const CutResult& cut,
               std::string_view holder) {
    if (format == RouteFormat::kJson) {
        JsonWriter json(out);
        json.begin_object();
        write_header_fields(json, header);
        if (holder.empty()) {
            json.key("holder").null();
        } else {
            json.key("holder").value(holder);
        }
        json.key("reachable_before").value(cut.reachable_before);
        json.key("found").value(cut.found);
        json.key("minimal").value(cut.minimal);
        json.key("cost").value(cut.cost);
        json.key("levers").begin_array(true);
        for (const Lever& lever : cut.levers) {
            write_lever_object(json, scenario, lever);
        }
        json.end_array();
        json.key("verified").value(cut.verified);
        json.key("single_levers").begin_array(true);
        for (const Lever& lever : cut.single_levers) {
            write_lever_object(json, scenario, lever);
        }
        json.end_array();
        json.key("unstoppable").begin_array(true);
        for (const Route& route : cut.unstoppable) {
            write_route_object(json, scenario, header, route);
        }
        json.end_array();
        json.key("method").value(cut.used_max_flow ? "max-flow" : "exact");
        json.key("complete").value(cut.completion.complete());
        json.end_object();
        out << "\n";
        return;
    }
    const std::string from = describe_nodes(scenario, header.from);
    const std::string to = describe_nodes(scenario, header.to);
    if (!cut.completion.complete() && !cut.found) {
        out << "No answer: the search was stopped by " << stop_reason(cut.completion)
            << " before it found a set of levers (" << conditions(header) << ").\n";
        return;
    }
    if (!cut.reachable_before) {
        out << "Data from " << from << " already cannot reach " << to << " (" << conditions(header)
            << "): nothing to cut.\n";
        return;
    }
    // With --holder, every sentence is about that holder's levers only.
    const std::string held = holder.empty() ? "" : " held by " + std::string(holder);
    if (!cut.found) {
        out << "No set of the " << (holder.empty() ? "scenario's levers" : "levers" + held)
            << " stops data from " << from << " reaching " << to << " (" << conditions(header)
            << ").\n";
        out << (cut.minimal ? "Every combination of levers was tried.\n"
                            : "Not every combination could be tried; see `flowsim cut --help`.\n");
        if (!cut.unstoppable.empty()) {
            out << "\nThese routes depend on no lever "
                << (holder.empty() ? "the scenario offers (no edge with a cut_cost, no "
                                     "parameter with a lever)"
                                   : std::string(holder) + " holds")
                << ":\n";
            SourceNumbers numbers;
            const RouteLines lines(scenario);
            std::size_t number = 0;
            for (const Route& route : cut.unstoppable) {
                out << "\n  " << ++number << ". ";
                write_route_block(out, scenario, lines, route, header, numbers, "     ");
            }
            out << "\nA route that needs a gate (consent, a warrant, a subpoena) stops when that "
                   "step is refused: try --without GATE.\n";
            write_sources(out, scenario, numbers);
        }
    } else {
        out << "To stop data from " << from << " reaching " << to << " (" << conditions(header)
            << "), the cheapest set of levers" << held << " costs " << json_number(cut.cost)
            << ":\n\n";
        std::size_t number = 0;
        for (const Lever& lever : cut.levers) {
            out << "  " << ++number << ". " << lever_text(scenario, lever) << "\n";
        }
        out << "\n"
            << (cut.minimal ? "Proven least: no cheaper set exists."
                            : "The cheapest found, not proven least" +
                                  std::string(cut.used_max_flow
                                                  ? " (too many routes: edges chosen by a minimum "
                                                    "cut of the graph)."
                                                  : "."))
            << "\n"
            << (cut.verified ? "Checked: with these levers pulled, no route remains."
                             : "Not checked: the engine did not confirm that no route remains.")
            << "\n";
    }
    out << "\n";
    if (cut.single_levers.empty()) {
        out << "No single lever" << held << " is enough on its own.\n";
    } else {
        out << "Each of these alone is enough:\n";
        for (const Lever& lever : cut.single_levers) {
            out << "  - " << lever_text(scenario, lever) << "\n";
        }
    }
    if (!cut.completion.complete()) {
        out << "\nThe search was stopped by " << stop_reason(cut.completion)
            << "; the answer is the best found so far.\n";
    }
}

struct SweepWriter::State {
    std::ostream& out;
    RouteFormat format;
    std::vector<std::string> names;   // the parameters' ids
    std::vector<std::size_t> widths;  // text: each parameter's column
    JsonWriter json;
    std::size_t rows = 0;
    bool any_differs = false;
};

SweepWriter::SweepWriter(std::ostream& out,
                         RouteFormat format,
                         const Scenario& scenario,
                         const QueryHeader& header,
                         const std::vector<ParameterIndex>& parameters,
                         bool base_reachable)
    : state_(std::make_unique<State>(State{out, format, {}, {}, JsonWriter(out), 0, false})) {
    std::vector<std::string>& names = state_->names;
    for (const ParameterIndex parameter : parameters) {
        names.push_back(scenario.parameters()[parameter].id);
    }
    if (format == RouteFormat::kJson) {
        JsonWriter& json = state_->json;
        json.begin_object();
        write_header_fields(json, header);
        json.key("parameters").strings(names);
        json.key("base_reachable").value(base_reachable);
        json.key("rows").begin_array(true);
        return;
    }
    out << "Can data from " << describe_nodes(scenario, header.from) << " reach "
        << describe_nodes(scenario, header.to) << "? Every combination of "
        << plural(names.size(), "parameter") << " (" << conditions(header)
        << "; as given: " << (base_reachable ? "yes" : "no") << ")\n\n";
    std::string heading = "   ";
    for (const std::string& name : names) {
        state_->widths.push_back(std::max<std::size_t>(name.size(), 5));
        heading += name + std::string(state_->widths.back() - name.size() + 2, ' ');
    }
    out << heading << "reachable  routes\n";
}

SweepWriter::~SweepWriter() = default;

void SweepWriter::row(const SweepRow& row) {
    State& state = *state_;
    ++state.rows;
    const std::vector<std::string>& names = state.names;
    if (state.format == RouteFormat::kJson) {
        JsonWriter& json = state.json;
        json.begin_object();
        json.key("values").begin_object();
        for (std::size_t i = 0; i < names.size(); ++i) {
            json.key(names[i]).value(static_cast<bool>(row.values[i]));
        }
        json.end_object();
        json.key("reachable").value(row.reachable);
        json.key("route_count").value(row.route_count);
        json.key("count_complete").value(row.count_complete);
        json.key("differs_from_base").value(row.differs_from_base);
        json.end_object();
        return;
    }
    state.any_differs = state.any_differs || row.differs_from_base;
    std::string line = row.differs_from_base ? " * " : "   ";
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string value = row.values[i] ? "true" : "false";
        line += value + std::string(state.widths[i] - value.size() + 2, ' ');
    }
    line += row.reachable ? "yes        " : "no         ";
    line += std::to_string(row.route_count) + (row.count_complete ? "" : "+");
    state.out << line << "\n";
}

void SweepWriter::finish(Completion completion) {
    State& state = *state_;
    if (state.format == RouteFormat::kJson) {
        state.json.end_array();
        state.json.key("complete").value(completion.complete());
        state.json.end_object();
        state.out << "\n";
        return;
    }
    if (state.any_differs) {
        state.out << "\n* the answer differs from the one for the settings as given.\n";
    }
    if (!completion.complete()) {
        state.out << "\nStopped by " << stop_reason(completion) << " after "
                  << plural(state.rows, "row") << ".\n";
    }
}

Completion write_diff(std::ostream& out,
                      RouteFormat format,
                      const Scenario& scenario,
                      const QueryHeader& first,
                      const QueryHeader& second,
                      const RouteDiff& diff,
                      const StopCondition& stop) {
    StopEvery writing(stop);
    std::vector<std::string> changed;
    for (const EdgeIndex edge : diff.changed_edges) {
        changed.push_back(scenario.edges()[edge].id);
    }
    if (format == RouteFormat::kJson) {
        JsonWriter json(out);
        json.begin_object();
        write_header_fields(json, first);
        json.key("versus").begin_object();
        write_settings_fields(json, second);
        write_assumptions(json, second);
        json.end_object();
        // A diff cut short (by a limit too) cannot say the two sides are the same.
        if (diff.completion.complete()) {
            json.key("same").value(diff.same());
        } else {
            json.key("same").null();
        }
        json.key("opened").begin_array(true);
        for (const Route& route : diff.opened) {
            if (!writing.go_on()) {
                break;
            }
            write_route_object(json, scenario, second, route);
        }
        json.end_array();
        json.key("closed").begin_array(true);
        for (const Route& route : diff.closed) {
            if (!writing.go_on()) {
                break;
            }
            write_route_object(json, scenario, first, route);
        }
        json.end_array();
        json.key("changed_edges").strings(changed);
        json.key("complete").value(diff.completion.complete() && writing.completion().complete());
        json.end_object();
        out << "\n";
        return writing.completion();
    }
    out << "Routes from " << describe_nodes(scenario, first.from) << " to "
        << describe_nodes(scenario, first.to) << "\n  first:  " << conditions(first)
        << "\n  second: " << conditions(second);
    const char* separator = "; changed: ";
    for (std::size_t i = 0; i < first.parameters.size() && i < second.parameters.size(); ++i) {
        if (first.parameters[i].second != second.parameters[i].second) {
            out << separator << second.parameters[i].first << " "
                << (second.parameters[i].second ? "true" : "false");
            separator = ", ";
        }
    }
    out << "\n\n";
    out << plural(diff.closed.size(), "route") << " closed, " << diff.opened.size() << " opened ("
        << diff.first_routes << " before, " << diff.second_routes << " after); "
        << plural(diff.changed_edges.size(), "edge") << " changed state.\n";
    SourceNumbers numbers;
    const RouteLines lines(scenario);
    const auto list = [&](const char* title, const std::vector<Route>& routes,
                          const QueryHeader& header) {
        if (routes.empty()) {
            return;
        }
        out << "\n" << title << "\n";
        std::size_t number = 0;
        for (const Route& route : routes) {
            if (!writing.go_on()) {
                return;
            }
            out << "\n  " << ++number << ". ";
            write_route_block(out, scenario, lines, route, header, numbers, "     ");
        }
    };
    list("Closed (under the first settings only):", diff.closed, first);
    list("Opened (under the second settings only):", diff.opened, second);
    if (!diff.changed_edges.empty()) {
        out << "\nEdges whose state changed:\n";
        for (const EdgeIndex index : diff.changed_edges) {
            const Edge& edge = scenario.edges()[index];
            out << "  - " << edge.id << ": " << scenario.nodes()[edge.from].label << " → "
                << scenario.nodes()[edge.to].label << "\n";
        }
    }
    if (!diff.completion.complete()) {
        out << "\nIncomplete: stopped by " << stop_reason(diff.completion)
            << "; more routes may differ, so this does not say whether the two settings are "
               "the same.\n";
    } else if (!writing.completion().complete()) {
        out << "\nIncomplete: stopped by " << stop_reason(writing.completion())
            << " while listing the routes; more differ than shown.\n";
    }
    write_sources(out, scenario, numbers);
    return writing.completion();
}

}  // namespace flowsim::io
