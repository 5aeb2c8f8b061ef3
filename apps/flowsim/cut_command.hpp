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

struct CutOptions {
    RouteOptions route;
    std::size_t routes_for_exact = 10000;  ///< see CutLimits
    std::string holder;                    ///< --holder: only the levers it holds; empty: all
};

/// Registers `flowsim cut SCENARIO`: the cheapest set of levers that stops every route.
CLI::App& setup_cut(CLI::App& app, CutOptions& options);

/// Exit 0 when a set is found (or nothing is reachable), 1 when none exists, 3 when cut short;
/// 2 when --holder holds no lever of the scenario.
ExitCode run_cut(const CutOptions& options);

}  // namespace flowsim::cli
