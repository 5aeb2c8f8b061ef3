#include "flowsim/query_command.hpp"

#include <CLI/CLI.hpp>

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
        ->capture_default_str()
        ->check(whole_number());
    command
        .add_option("--count-limit", options.count_limit,
                    "Stop counting routes here and say \"at least\" (0: count them all)")
        ->capture_default_str()
        ->check(whole_number());
    return command;
}

ExitCode run_query(const QueryOptions& options) {
    Phases phases(options.route.timeout_seconds, options.route.common.verbosity());
    const auto prepared = prepare_query(options.route.common, options.route.to_request(), phases);
    if (!prepared) {
        return ExitCode::kInvalidInput;
    }
    return answer_query(*prepared, options, phases);
}

ExitCode answer_query(const PreparedQuery& prepared_query,
                      const QueryOptions& options,
                      Phases& phases) {
    const PreparedQuery* prepared = &prepared_query;
    const Scenario& scenario = prepared->scenario;
    const ResolvedQuery& query = prepared->query;
    const ConfigurationView& view = *prepared->view;
    phases.begin("counting routes", "route");
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
                phases.count(++counted);
                // Past the counting limit the answer says "at least" (complete: false).
                return options.count_limit == 0 || counted < options.count_limit;
            },
            phases.stop());
    }
    std::vector<BlockedRoute> blocked;
    Completion completion = enumeration.completion;
    // Which sources reach: those seen while counting, and a search of its own for each
    // other one when the count stopped early. Cut short, it leaves the answer so too.
    SourceReach reach;
    if (first && !completion.cut_short()) {
        phases.begin("finding which sources reach");
        reach = sources_reaching(view, query.routes, seen_sources, phases.stop(),
                                 enumeration.completion.complete());
        completion.merge(reach.completion);
    }
    if (!first && !completion.cut_short()) {
        phases.begin("explaining blocked routes");
        blocked = blocked_routes(view, query.routes, options.limit);
    }
    phases.begin("writing");
    Output output(options.route.output, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    io::write_query(output.stream(), options.route.route_format(), scenario,
                    io::make_header(view, query, options.route.common.scenario), first,
                    enumeration.routes, completion, blocked, reach, strongest);
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    if (completion.cut_short()) {
        return ExitCode::kCutShort;
    }
    return first ? ExitCode::kYes : ExitCode::kNo;
}

}  // namespace flowsim::cli
