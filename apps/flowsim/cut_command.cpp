#include "flowsim/cut_command.hpp"

#include <CLI/CLI.hpp>

#include <flowsim/cut.hpp>
#include <flowsim/io/analysis_writer.hpp>

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
    return command;
}

ExitCode run_cut(const CutOptions& options) {
    Phases phases(options.route.timeout_seconds, options.route.common.verbosity());
    const auto prepared = prepare_query(options.route.common, options.route.to_request(), phases);
    if (!prepared) {
        return ExitCode::kInvalidInput;
    }
    CutLimits limits;
    limits.routes_for_exact = options.routes_for_exact;
    // The search, the choice of edges and the re-checks with the levers pulled: one
    // deadline for them all.
    phases.begin("searching for a cut");
    const CutResult cut = find_cut(prepared->scenario, prepared->query.activity,
                                   prepared->query.routes, phases.stop(), limits);
    phases.begin("writing");
    Output output(options.route.output, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    io::write_cut(output.stream(), options.route.route_format(), prepared->scenario,
                  io::make_header(*prepared->view, prepared->query, options.route.common.scenario),
                  cut);
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    if (!cut.completion.complete()) {
        return ExitCode::kCutShort;
    }
    return cut.found ? ExitCode::kYes : ExitCode::kNo;
}

}  // namespace flowsim::cli
