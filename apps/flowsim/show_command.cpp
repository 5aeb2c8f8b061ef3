#include "flowsim/show_command.hpp"

#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>

#include <flowsim/io/listing_writer.hpp>
#include <flowsim/spelling.hpp>

#include "flowsim/command_support.hpp"
#include "flowsim/output.hpp"

namespace flowsim::cli {
namespace {

// The filter the options ask for; nothing (after saying why on stderr) when --tag or
// --kind names nothing in the scenario, or a filter is given for a list it cannot filter.
std::optional<ListFilter> filter_of(const ShowOptions& options,
                                    const Scenario& scenario,
                                    const std::optional<ScenarioList>& list) {
    ListFilter filter;
    bool ok = true;
    if (!options.tag.empty()) {
        const std::vector<std::string_view> tags(scenario.tags().begin(), scenario.tags().end());
        if (std::find(tags.begin(), tags.end(), options.tag) == tags.end()) {
            std::cerr << "flowsim: error: --tag: no node has tag '" << options.tag << "'"
                      << did_you_mean(options.tag, tags) << "\n";
            ok = false;
        }
        filter.tag = options.tag;
    }
    if (!options.kind.empty()) {
        filter.kind = parse_node_kind(options.kind);
        if (!filter.kind) {
            std::cerr << "flowsim: error: --kind: unknown node kind '" << options.kind << "'"
                      << did_you_mean(options.kind, node_kind_names()) << "\n";
            ok = false;
        }
    }
    if (!options.state.empty()) {
        filter.state = options.state;
    }
    if (!filter.empty() && list && *list != ScenarioList::kNodes && *list != ScenarioList::kEdges) {
        std::cerr << "flowsim: error: --tag, --kind and --state filter nodes and edges, not "
                  << scenario_list_name(*list) << "\n";
        ok = false;
    }
    if (!ok) {
        return std::nullopt;
    }
    return filter;
}

}  // namespace

CLI::App& setup_show(CLI::App& app, ShowOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "show", "List what a scenario holds: the ids and labels of its nodes, edges, ...");
    add_common_options(command, options.common);
    command
        .add_option("LIST", options.list,
                    "What to list: nodes, edges, parameters, gates, policies, configurations, "
                    "questions or sources (default: all of them)")
        ->check(CLI::Validator(
            [](std::string& name) -> std::string {
                if (parse_scenario_list(name)) {
                    return "";
                }
                return "unknown list '" + name + "'" + did_you_mean(name, scenario_list_names()) +
                       "; the lists are nodes, edges, parameters, gates, policies, "
                       "configurations, questions and sources";
            },
            "LIST"));
    command.add_option("--tag", options.tag, "Only the nodes with this tag (and their edges)");
    command.add_option("--kind", options.kind, "Only the nodes of this kind (and their edges)");
    command.add_option("--state", options.state,
                       "Only the nodes in this state, a two-letter code (and their edges)");
    command.add_option("-o,--output", options.output, "Write to FILE");
    add_format_option(command, options.format, options.output, {"text", "json"},
                      "text for people, json for scripts");
    return command;
}

ExitCode run_show(const ShowOptions& options) {
    std::vector<std::string> files;
    const auto scenario =
        load_or_report(options.common.scenario, options.common.load.limits(), &files);
    if (!scenario) {
        return ExitCode::kInvalidInput;
    }
    const std::optional<ScenarioList> list =
        options.list.empty() ? std::nullopt : parse_scenario_list(options.list);
    const auto filter = filter_of(options, *scenario, list);
    if (!filter) {
        return ExitCode::kInvalidInput;
    }
    io::Listings listings;
    if (list) {
        listings.emplace_back(*list, list_items(*scenario, *list, *filter));
    } else {
        // Every list; with a filter, those it filters.
        for (const std::string_view name : scenario_list_names()) {
            const ScenarioList each = *parse_scenario_list(name);
            if (filter->empty() || each == ScenarioList::kNodes || each == ScenarioList::kEdges) {
                listings.emplace_back(each, list_items(*scenario, each, *filter));
            }
        }
    }
    Output output(options.output, files);
    if (!output.ok()) {
        return output.error_exit();
    }
    io::write_listings(
        output.stream(), options.format == "json" ? io::RouteFormat::kJson : io::RouteFormat::kText,
        scenario->title().empty() ? options.common.scenario : scenario->title(), listings);
    return output.commit() ? ExitCode::kYes : ExitCode::kInternal;
}

}  // namespace flowsim::cli
