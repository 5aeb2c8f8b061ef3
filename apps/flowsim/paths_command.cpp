#include "flowsim/paths_command.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <flowsim/io/route_writer.hpp>

#include "flowsim/command_support.hpp"
#include "flowsim/progress.hpp"

namespace flowsim::cli {

CLI::App& setup_paths(CLI::App& app, PathsOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "paths", "Every route from the sources to the targets, fewest hops first");
    add_route_options(command, options.route);
    command.add_option("--limit", options.limit, "Most routes to list (0: no limit)")
        ->capture_default_str();
    command.add_flag("--count", options.count_only, "Print only the number of routes");
    return command;
}

ExitCode run_paths(const PathsOptions& options) {
    const auto prepared = prepare_query(options.route.common.scenario, options.route.to_request());
    if (!prepared) {
        return ExitCode::kInvalidInput;
    }
    const Scenario& scenario = prepared->scenario;
    const ResolvedQuery& query = prepared->query;
    const ConfigurationView& view = *prepared->view;
    const auto search_start = std::chrono::steady_clock::now();
    RouteFinder finder(view, query.routes);
    Output output(options.route.output, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    const io::RouteFormat format = options.route.route_format();
    Enumeration enumeration;
    if (options.count_only) {
        Progress progress("routes counted");
        std::size_t counted = 0;
        enumeration = finder.enumerate(
            [&](const Route&) {
                progress.update(++counted);
                return true;
            },
            options.route.stop_condition());
        progress.done();
        io::write_route_count(output.stream(), format,
                              io::make_header(view, query, options.route.common.scenario),
                              enumeration.routes, enumeration.completion);
    } else {
        io::PathsWriter writer(output.stream(), format, scenario,
                               io::make_header(view, query, options.route.common.scenario));
        std::size_t listed = 0;
        Progress progress("routes");
        enumeration = finder.enumerate(
            [&](const Route& route) {
                // Seeing one route past the limit tells us the listing is incomplete.
                if (options.limit != 0 && listed == options.limit) {
                    return false;
                }
                ++listed;
                writer.route(route);
                progress.update(listed);
                return !output.failed();  // stop at the first failed write
            },
            options.route.stop_condition());
        progress.done();
        writer.finish(listed, enumeration.completion);
    }
    spdlog::debug("enumerated {} routes in {:.1f} ms", enumeration.routes,
                  milliseconds_since(search_start));
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    // grep's rule, as query and likely: 0 when a route exists, 1 when none does; a listing
    // stopped at --limit is not cut short (it says "complete": false and exits 0).
    if (enumeration.completion.cut_short()) {
        return ExitCode::kCutShort;
    }
    return enumeration.routes > 0 ? ExitCode::kYes : ExitCode::kNo;
}

}  // namespace flowsim::cli
