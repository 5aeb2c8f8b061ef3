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

struct SweepOptions {
    RouteOptions route;
    std::vector<std::string> parameters;  ///< --params a,b,c
    std::size_t max_combinations = 4096;  ///< refuse more rows than this
    std::size_t count_limit = 100000;     ///< routes to count a row before saying "at least"
};

/// Registers `flowsim sweep SCENARIO --params a,b`: the answer for every combination.
CLI::App& setup_sweep(CLI::App& app, SweepOptions& options);

/// Exit 0; 2 on bad input (or too many combinations); 3 when cut short.
ExitCode run_sweep(const SweepOptions& options);

}  // namespace flowsim::cli
