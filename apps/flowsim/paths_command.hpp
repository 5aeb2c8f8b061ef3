#pragma once

#include "flowsim/exit_codes.hpp"
#include "flowsim/route_options.hpp"

namespace CLI {
class App;
}

namespace flowsim::cli {

struct PathsOptions {
    RouteOptions route;
    std::size_t limit = 1000;  ///< 0: no limit
    bool count_only = false;
    std::size_t count_limit = 0;  ///< --count with --count-limit; 0: count them all
};

/// Registers `flowsim paths SCENARIO`: every route, streamed in the fixed order.
CLI::App& setup_paths(CLI::App& app, PathsOptions& options);

/// Lists the routes; exit 0 when there is one, 1 when there is none, 2 on bad input, 3
/// when --timeout or Ctrl-C cut it short.
ExitCode run_paths(const PathsOptions& options);

}  // namespace flowsim::cli
