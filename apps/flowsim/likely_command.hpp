#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "flowsim/exit_codes.hpp"
#include "flowsim/route_options.hpp"

namespace CLI {
class App;
}

namespace flowsim::cli {

struct LikelyOptions {
    RouteOptions route;
    std::size_t k = 10;  ///< how many routes
};

/// Registers `flowsim likely SCENARIO`: the k most likely routes.
CLI::App& setup_likely(CLI::App& app, LikelyOptions& options);

/// Lists them, most likely first; exit 0 when there is a route, 1 when none, 3 when cut short.
ExitCode run_likely(const LikelyOptions& options);

}  // namespace flowsim::cli
