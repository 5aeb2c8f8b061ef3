#include "flowsim/cut_command.hpp"

#include <algorithm>
#include <iostream>
#include <string_view>

#include <CLI/CLI.hpp>

#include <flowsim/cut.hpp>
#include <flowsim/io/analysis_writer.hpp>
#include <flowsim/io/wording.hpp>
#include <flowsim/spelling.hpp>

#include "flowsim/command_support.hpp"

namespace flowsim::cli {

CLI::App& setup_cut(CLI::App& app, CutOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "cut",
        "The cheapest set of levers (parameters with a `lever`, edges with a `cut_cost`) "
        "after which no route remains, and every lever that alone is enough");
    add_route_options(command, options.route);
    command
        .add_option("--exact-routes", options.routes_for_exact,
                    "Above this many routes, choose edges by a minimum graph cut (not proven "
                    "least)")
        ->capture_default_str()
        ->check(whole_number());
    command.add_option("--holder", options.holder,
                       "Pull only the levers this holder holds (a parameter's or an edge's "
                       "`lever`, or an edge's end nodes by label; any case), e.g. \"city "
                       "council\"");
    return command;
}

namespace {

// Every holder the scenario's levers name, each once, sorted: what --holder may be.
std::vector<std::string> holders_of(const ConfigurationView& view) {
    std::vector<std::string> holders;
    for (const Lever& lever : available_levers(view)) {
        for (std::string& holder : lever_holders(view.scenario(), lever)) {
            holders.push_back(std::move(holder));
        }
    }
    std::sort(holders.begin(), holders.end());
    holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
    return holders;
}

// Empty when `holder` holds some lever of the scenario; else why not, and who does.
std::string unknown_holder(const ConfigurationView& view, const std::string& holder) {
    const std::vector<Lever> held = available_levers(view, holder);
    if (holder.empty() || !held.empty()) {
        return "";
    }
    const std::vector<std::string> holders = holders_of(view);
    if (holders.empty()) {
        return "--holder '" + holder +
               "': the scenario has no levers (no parameter with a lever, no edge with a "
               "cut_cost)";
    }
    const std::vector<std::string_view> names(holders.begin(), holders.end());
    return "--holder '" + holder + "' holds no lever of the scenario" +
           did_you_mean(holder, names) + "; the holders are: " + io::join(holders, "; ");
}

}  // namespace

ExitCode run_cut(const CutOptions& options) {
    Phases phases(options.route.timeout_seconds, options.route.common.verbosity());
    const auto prepared = prepare_query(options.route.common, options.route.to_request(), phases);
    if (!prepared) {
        return ExitCode::kInvalidInput;
    }
    if (const std::string problem = unknown_holder(*prepared->view, options.holder);
        !problem.empty()) {
        std::cerr << "flowsim: error: " << problem << "\n";
        return ExitCode::kInvalidInput;
    }
    CutLimits limits;
    limits.routes_for_exact = options.routes_for_exact;
    // The search, the choice of edges and the re-checks with the levers pulled: one
    // deadline for them all.
    phases.begin("searching for a cut");
    const CutResult cut = find_cut(prepared->scenario, prepared->query.activity,
                                   prepared->query.routes, phases.stop(), limits, options.holder);
    phases.begin("writing");
    Output output(options.route.output, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    io::write_cut(output.stream(), options.route.route_format(), prepared->scenario,
                  io::make_header(*prepared->view, prepared->query, options.route.common.scenario),
                  cut, options.holder);
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    if (!cut.completion.complete()) {
        return ExitCode::kCutShort;
    }
    return cut.found ? ExitCode::kYes : ExitCode::kNo;
}

}  // namespace flowsim::cli
