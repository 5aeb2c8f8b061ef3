#pragma once

#include <string>

#include "flowsim/common_options.hpp"
#include "flowsim/exit_codes.hpp"

namespace CLI {
class App;
}

namespace flowsim::cli {

struct ShowOptions {
    CommonOptions common;
    std::string list;   ///< nodes, edges, ...; empty: every list
    std::string tag;    ///< --tag; empty: any
    std::string kind;   ///< --kind; empty: any
    std::string state;  ///< --state; empty: any
    std::string format = "text";
    std::string output;  ///< -o; empty: stdout
};

/// Registers `flowsim show SCENARIO [LIST]`: what a scenario holds, by id and label.
CLI::App& setup_show(CLI::App& app, ShowOptions& options);

/// Lists the entries (exit 0); 2 on an invalid scenario, list name or filter.
ExitCode run_show(const ShowOptions& options);

}  // namespace flowsim::cli
