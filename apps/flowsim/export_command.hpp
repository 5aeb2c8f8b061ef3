#pragma once

#include <string>

#include <flowsim/io/dot_writer.hpp>

#include "flowsim/exit_codes.hpp"
#include "flowsim/graphviz.hpp"
#include "flowsim/progress.hpp"
#include "flowsim/route_options.hpp"

namespace CLI {
class App;
}

namespace flowsim::cli {

struct ExportOptions {
    RouteOptions route;        ///< route.format: dot, svg, png, graphml or json
    bool routes = false;       ///< highlight the routes from --from to --to
    bool routes_only = false;  ///< draw only what lies on those routes (implies routes)
    bool active_only = false;  ///< leave out the edges inactive under the configuration
    std::string collapse_by;   ///< "", "kind" or "state"
    std::size_t dot_memory_mib = kDefaultDotMemoryMib;  ///< cap on dot's address space
};

/// "kind" and "state" as the folding they name; anything else: none.
io::CollapseBy collapse_by(const std::string& name);

/// Adds --dot-memory (the cap on dot's address space, in MiB) to `command`.
void add_dot_memory_option(CLI::App& command, std::size_t& mib);

/// Registers `flowsim export SCENARIO`: the graph as a diagram (dot, svg, png) or as data
/// (graphml, json).
CLI::App& setup_export(CLI::App& app, ExportOptions& options);

/// Writes the export; exit 0, 2 on bad input or usage, 3 when --timeout or Ctrl-C cut the
/// route search short (the diagram then says so), 4 when the output cannot be written or
/// Graphviz is missing or fails.
ExitCode run_export(const ExportOptions& options);

}  // namespace flowsim::cli
