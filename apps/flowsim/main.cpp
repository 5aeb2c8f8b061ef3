#include <exception>
#include <iostream>
#include <vector>

#include <CLI/CLI.hpp>

#include <flowsim/version.hpp>

#include "flowsim/command_support.hpp"
#include "flowsim/commands.hpp"
#include "flowsim/exit_codes.hpp"
#include "flowsim/interruption.hpp"
#include "flowsim/usage_hints.hpp"

using flowsim::cli::ExitCode;

namespace {

// CLI11 uses its own exit codes (100 and up) for usage errors; ours say 2 for all of
// them, and 0 for --help and --version.
int usage_exit(const CLI::App& app, const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : to_int(ExitCode::kInvalidInput);
}

}  // namespace

int main(int argc, char** argv) try {
    CLI::App app{"flowsim: can surveillance data reach ICE, and by which routes?", "flowsim"};
    app.set_version_flag("--version", std::string("flowsim ") + flowsim::kVersion);
    app.require_subcommand(1);

    const std::vector<flowsim::cli::RegisteredCommand> commands =
        flowsim::cli::register_commands(app);

    flowsim::cli::catch_interruptions();
    flowsim::cli::remember_command_line(argc, argv);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // A misspelt command or option: its nearest valid spelling, in our words.
        if (error.get_exit_code() != 0) {
            if (const auto hint = flowsim::cli::usage_hint(app, argc, argv)) {
                std::cerr << "flowsim: error: " << *hint << "\n";
                return to_int(ExitCode::kInvalidInput);
            }
        }
        return usage_exit(app, error);
    }

    for (const flowsim::cli::RegisteredCommand& command : commands) {
        if (command.subcommand->parsed()) {
            return to_int(command.run());
        }
    }
    return to_int(ExitCode::kInvalidInput);
} catch (const flowsim::cli::BudgetExceeded&) {
    return to_int(ExitCode::kInternal);  // the loader has said which budget ran out
} catch (const std::exception& error) {
    std::cerr << "flowsim: internal error: " << error.what() << "\n";
    return to_int(ExitCode::kInternal);
}
