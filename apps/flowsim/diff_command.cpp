#include "flowsim/diff_command.hpp"

#include <CLI/CLI.hpp>

#include <flowsim/io/analysis_writer.hpp>
#include <flowsim/route_diff.hpp>

#include "flowsim/command_support.hpp"

namespace flowsim::cli {

CLI::App& setup_diff(CLI::App& app, DiffOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "diff",
        "Routes opened and closed between two settings: the usual options give the first, "
        "--vs-config, --vs-set and --vs-as-of change the second");
    add_route_options(command, options.route);
    command.add_option("--vs-config", options.vs_config,
                       "The second side's configuration (instead of --config)");
    command.add_option("--vs-set", options.vs_set,
                       "NAME=true|false for the second side, after the first side's --set");
    command.add_option("--vs-as-of", options.vs_as_of,
                       "The second side's date (YYYY-MM-DD, instead of --as-of)");
    command.add_option("--limit", options.limit, "Most routes to hold for each side")
        ->capture_default_str()
        ->check(whole_number(1));
    return command;
}

ExitCode run_diff(const DiffOptions& options) {
    Phases phases(options.route.timeout_seconds, options.route.common.verbosity());
    const QueryRequest first_request = options.route.to_request();
    const auto prepared = prepare_query(options.route.common, first_request, phases);
    if (!prepared) {
        return ExitCode::kInvalidInput;
    }
    QueryRequest second_request = first_request;
    if (!options.vs_config.empty()) {
        second_request.configuration = options.vs_config;
    }
    second_request.settings.insert(second_request.settings.end(), options.vs_set.begin(),
                                   options.vs_set.end());
    if (!options.vs_as_of.empty()) {
        second_request.as_of = options.vs_as_of;
    }
    const auto second = resolve_or_report(prepared->scenario, second_request);
    if (!second) {
        return ExitCode::kInvalidInput;
    }
    const Scenario& scenario = prepared->scenario;
    const ConfigurationView second_view(scenario, second->activity);
    phases.begin("comparing routes");
    const RouteDiff diff = diff_routes(*prepared->view, second_view, prepared->query.routes,
                                       options.limit, phases.stop());
    phases.begin("writing");
    Output output(options.route.output, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    const std::string& name = options.route.common.scenario;
    const Completion written =
        io::write_diff(output.stream(), options.route.route_format(), scenario,
                       io::make_header(*prepared->view, prepared->query, name),
                       io::make_header(second_view, *second, name), diff, phases.stop());
    phases.end();
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    // Cut short by --limit too: the one answer a limit leaves undecided.
    if (!diff.completion.complete() || written.cut_short()) {
        return ExitCode::kCutShort;
    }
    return diff.same() ? ExitCode::kYes : ExitCode::kNo;
}

}  // namespace flowsim::cli
