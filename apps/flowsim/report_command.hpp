#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "flowsim/exit_codes.hpp"
#include "flowsim/graphviz.hpp"
#include "flowsim/route_options.hpp"
#include "flowsim/simulate_command.hpp"

namespace CLI {
class App;
}

namespace flowsim::cli {

struct ReportOptions {
    RouteOptions route;                ///< route.format: md or html
    std::size_t limit = 50;            ///< routes in the table; 0: every route
    std::size_t count_limit = 100000;  ///< routes to count before saying "at least"; 0: all
    std::string collapse_by;           ///< the diagram's folding: "", "kind" or "state"
    bool routes_only = false;          ///< the diagram shows only the routes
    bool interactive = false;          ///< one explorable page (report --interactive)
    std::vector<std::string> toggles;  ///< --toggles a,b,c: parameter ids
    std::size_t max_states = 65536;    ///< most states an explorable page may hold
    std::size_t dot_memory_mib = kDefaultDotMemoryMib;  ///< cap on dot's address space
    bool simulate = false;         ///< --simulate: add the simulation and its curve
    SimulationOptions simulation;  ///< its --runs, --seed, ...
};

/// Registers `flowsim report SCENARIO`: a Markdown or self-contained HTML report.
CLI::App& setup_report(CLI::App& app, ReportOptions& options);

/// Writes the report (and, for Markdown written to a file, its diagram as an SVG file
/// beside it: report.md gets report.svg), or with --interactive one explorable page. Exit 0, 2 on
/// bad input or usage, 3 when
/// --timeout or Ctrl-C cut the route search short (the report then says "at least"), 4
/// when a file cannot be written or Graphviz is missing or fails.
ExitCode run_report(const ReportOptions& options);

}  // namespace flowsim::cli
