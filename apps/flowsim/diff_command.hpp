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

struct DiffOptions {
    RouteOptions route;
    std::string vs_config;            ///< --vs-config: the second side's configuration
    std::vector<std::string> vs_set;  ///< --vs-set NAME=VALUE, applied after --set
    std::string vs_as_of;             ///< --vs-as-of DATE
    std::size_t limit = 1000000;      ///< routes held a side
};

/// Registers `flowsim diff SCENARIO --vs-...`: routes opened and closed between two settings.
CLI::App& setup_diff(CLI::App& app, DiffOptions& options);

/// Exit 0 when both sides are the same, 1 when they differ, 2 on bad input, 3 when cut short.
ExitCode run_diff(const DiffOptions& options);

}  // namespace flowsim::cli
