#pragma once

#include <functional>
#include <vector>

#include "flowsim/exit_codes.hpp"

namespace CLI {
class App;
}

namespace flowsim::cli {

/// A command registered on the command line: its subcommand, and what runs it once the
/// command line has been parsed (logging set up, then the command's run_ function).
struct RegisteredCommand {
    CLI::App* subcommand = nullptr;
    std::function<ExitCode()> run;
};

/// Registers every command of the table in commands.cpp on `app`, in the order `--help`
/// lists them. A new command is one line of that table (and its own file pair).
std::vector<RegisteredCommand> register_commands(CLI::App& app);

}  // namespace flowsim::cli
