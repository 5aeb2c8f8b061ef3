#pragma once

#include "flowsim/common_options.hpp"
#include "flowsim/exit_codes.hpp"

namespace CLI {
class App;
}

namespace flowsim::cli {

struct CheckOptions {
    CommonOptions common;
};

/// Registers `flowsim check SCENARIO`: validate a scenario and answer its saved questions.
CLI::App& setup_check(CLI::App& app, CheckOptions& options);

/// Loads the scenario; prints every problem (exit 2) or a summary of what it holds (exit 0).
ExitCode run_check(const CheckOptions& options);

}  // namespace flowsim::cli
