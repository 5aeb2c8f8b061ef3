#include "flowsim/paths_command.hpp"

#include <CLI/CLI.hpp>

#include <flowsim/io/route_writer.hpp>

#include "flowsim/command_support.hpp"

namespace flowsim::cli {

CLI::App& setup_paths(CLI::App& app, PathsOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "paths", "Every route from the sources to the targets, fewest hops first");
    add_route_options(command, options.route);
    command.add_option("--limit", options.limit, "Most routes to list (0: no limit)")
        ->capture_default_str()
        ->check(whole_number());
    command.add_flag("--count", options.count_only, "Print only the number of routes");
    command
        .add_option("--count-limit", options.count_limit,
                    "With --count: stop counting here and say \"at least\" (0, the "
                    "default: count them all)")
        ->check(whole_number());
    return command;
}

ExitCode run_paths(const PathsOptions& options) {
    Phases phases(options.route.timeout_seconds, options.route.common.verbosity());
    const auto prepared = prepare_query(options.route.common, options.route.to_request(), phases);
    if (!prepared) {
        return ExitCode::kInvalidInput;
    }
    const Scenario& scenario = prepared->scenario;
    const ResolvedQuery& query = prepared->query;
    const ConfigurationView& view = *prepared->view;
    RouteFinder finder(view, query.routes);
    Output output(options.route.output, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    const io::RouteFormat format = options.route.route_format();
    Enumeration enumeration;
    std::size_t found = 0;  // routes counted or listed
    // Seeing one route past a limit tells us the answer is incomplete.
    const auto within = [&](std::size_t limit) {
        return limit == 0 || found < limit;
    };
    if (options.count_only) {
        // No default cap: counting is its job. --count-limit, --timeout and Ctrl-C stop it.
        phases.begin("counting routes", "route");
        enumeration = finder.enumerate(
            [&](const Route&) {
                if (!within(options.count_limit)) {
                    return false;
                }
                phases.count(++found);
                return true;
            },
            phases.stop());
        phases.begin("writing");
        io::write_route_count(output.stream(), format,
                              io::make_header(view, query, options.route.common.scenario), found,
                              enumeration.completion);
    } else {
        phases.begin("listing routes", "route");
        io::PathsWriter writer(output.stream(), format, scenario,
                               io::make_header(view, query, options.route.common.scenario));
        enumeration = finder.enumerate(
            [&](const Route& route) {
                if (!within(options.limit)) {
                    return false;
                }
                writer.route(route);
                phases.count(++found);
                return !output.failed();  // stop at the first failed write
            },
            phases.stop());
        writer.finish(found, enumeration.completion);
    }
    phases.end();
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    // grep's rule, as query and likely: 0 when a route exists, 1 when none does; a listing
    // stopped at --limit is not cut short (it says "complete": false and exits 0).
    if (enumeration.completion.cut_short()) {
        return ExitCode::kCutShort;
    }
    return found > 0 ? ExitCode::kYes : ExitCode::kNo;
}

}  // namespace flowsim::cli
