#include "flowsim/route_options.hpp"

#include <CLI/CLI.hpp>

#include "flowsim/command_support.hpp"
#include "flowsim/common_options.hpp"

namespace flowsim::cli {

void add_route_options(CLI::App& command, RouteOptions& options) {
    add_common_options(command, options.common);
    command.add_option("--from", options.request.from,
                       "Sources: node id, tag:NAME, kind:KIND, comma-joined (default: every node "
                       "that produces data)");
    command.add_option("--to", options.request.to, "Targets, as --from (default: tag:ice)");
    command.add_option("--config", options.request.configuration, "Named configuration to apply");
    command.add_option("--set", options.request.settings,
                       "Set a parameter: NAME=true|false (repeatable; applied after --config)");
    command.add_option("--min-evidence", options.request.min_evidence,
                       "Use only edges at least this well supported: documented, reported, "
                       "alleged, announced, hypothetical");
    command.add_option("--without", options.request.without,
                       "Assume this gate is never passed (repeatable)");
    command.add_option("--data", options.request.data, "Start with this data kind");
    command.add_option("--as-of", options.request.as_of,
                       "Date the scenario's since/until are checked against (YYYY-MM-DD)");
    command.add_option("--via", options.request.via, "Keep only routes through one of these nodes");
    command.add_option("--avoid", options.request.avoid, "Leave these nodes out of every route");
    command.add_option("--max-hops", options.max_hops, "Longest route to consider (0: no bound)")
        ->check(whole_number());
    add_format_option(command, options.format, options.output, {"text", "json"},
                      "text or json (default: from the extension of -o FILE, else text)");
    command.add_option("-o,--output", options.output,
                       "Write the result to FILE instead of stdout (FILE.json: JSON)");
    command
        .add_option("--timeout", options.timeout_seconds,
                    "Stop after this many seconds with what was found (exit 3)")
        ->check(seconds());
}

QueryRequest RouteOptions::to_request() const {
    QueryRequest result = request;
    if (max_hops > 0) {
        result.max_hops = max_hops;
    }
    return result;
}

io::RouteFormat RouteOptions::route_format() const {
    return format == "json" ? io::RouteFormat::kJson : io::RouteFormat::kText;
}

}  // namespace flowsim::cli
