#pragma once

#include <string>

#include "flowsim/common_options.hpp"
#include "flowsim/exit_codes.hpp"

namespace CLI {
class App;
}

namespace flowsim::cli {

struct CheckOptions {
    CommonOptions common;
    std::string question;  ///< --question: print this saved question's whole answer
};

/// Registers `flowsim check SCENARIO`: validate a scenario and answer its saved questions.
CLI::App& setup_check(CLI::App& app, CheckOptions& options);

/// Loads the scenario; prints every problem (exit 2) or a summary of what it holds (exit 0).
/// With --question, that question's whole answer (as `query` writes it) instead, and exit
/// 0 when it is what the question expects, 1 when not.
ExitCode run_check(const CheckOptions& options);

}  // namespace flowsim::cli
