#include "flowsim/query_command.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <flowsim/blocked_routes.hpp>
#include <flowsim/io/route_writer.hpp>
#include <flowsim/source_reach.hpp>

#include "flowsim/command_support.hpp"

namespace flowsim::cli {

CLI::App& setup_query(CLI::App& app, QueryOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "query",
        "Can data from the sources reach the targets? Yes with the first route, or "
        "no with what blocks the shortest routes");
    add_route_options(command, options.route);
    command.add_option("--limit", options.limit, "Blocked routes to explain when the answer is no")
        ->capture_default_str();
    command
        .add_option("--count-limit", options.count_limit,
                    "Stop counting routes here and say \"at least\" (0: count them all)")
        ->capture_default_str();
    return command;
}

ExitCode run_query(const QueryOptions& options) {
    const auto prepared = prepare_query(options.route.common, options.route.to_request());
    if (!prepared) {
        return ExitCode::kInvalidInput;
    }
    const Scenario& scenario = prepared->scenario;
    const ResolvedQuery& query = prepared->query;
    const ConfigurationView& view = *prepared->view;
    const auto search_start = std::chrono::steady_clock::now();
    RouteFinder finder(view, query.routes);
    std::optional<Route> first;
    Enumeration enumeration;
    std::vector<NodeIndex> seen_sources;  // the sources of the routes counted
    std::optional<Evidence> strongest;    // the best evidence among them
    // Plain reachability first: a "no" needs no enumeration.
    if (finder.maybe_reachable()) {
        std::size_t counted = 0;
        enumeration = finder.enumerate(
            [&](const Route& route) {
                if (!first) {
                    first = route;
                }
                if (seen_sources.empty() || seen_sources.back() != route.source) {
                    seen_sources.push_back(route.source);
                }
                Evidence weakest = Evidence::kDocumented;
                for (const EdgeIndex edge : route.edges) {
                    weakest = std::max(weakest, scenario.edges()[edge].status);
                }
                strongest = strongest ? std::min(*strongest, weakest) : weakest;
                // Past the counting limit the answer says "at least" (complete: false).
                return options.count_limit == 0 || ++counted < options.count_limit;
            },
            options.route.stop_condition());
    }
    std::vector<BlockedRoute> blocked;
    const bool cut_short = enumeration.completion.cut_short();
    // Which sources reach: those seen while counting, and a search of its own for each
    // other one when the count stopped early.
    SourceReach reach;
    if (first && !cut_short) {
        reach = sources_reaching(view, query.routes, seen_sources, options.route.stop_condition(),
                                 enumeration.completion.complete());
    }
    if (!first && !cut_short) {
        blocked = blocked_routes(view, query.routes, options.limit);
    }
    spdlog::debug("answered in {:.1f} ms", milliseconds_since(search_start));
    Output output(options.route.output, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    io::write_query(output.stream(), options.route.route_format(), scenario,
                    io::make_header(view, query, options.route.common.scenario), first,
                    enumeration.routes, enumeration.completion, blocked, reach, strongest);
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    if (cut_short) {
        return ExitCode::kCutShort;
    }
    return first ? ExitCode::kYes : ExitCode::kNo;
}

}  // namespace flowsim::cli
