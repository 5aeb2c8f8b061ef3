#include "flowsim/commands.hpp"

#include <memory>

#include "flowsim/audit_command.hpp"
#include "flowsim/check_command.hpp"
#include "flowsim/common_options.hpp"
#include "flowsim/cut_command.hpp"
#include "flowsim/diff_command.hpp"
#include "flowsim/export_command.hpp"
#include "flowsim/interruption.hpp"
#include "flowsim/likely_command.hpp"
#include "flowsim/paths_command.hpp"
#include "flowsim/query_command.hpp"
#include "flowsim/report_command.hpp"
#include "flowsim/show_command.hpp"
#include "flowsim/simulate_command.hpp"
#include "flowsim/sweep_command.hpp"

namespace flowsim::cli {
namespace {

// Where each command keeps -v and -q.
const CommonOptions& common_of(const CheckOptions& options) {
    return options.common;
}

const CommonOptions& common_of(const AuditOptions& options) {
    return options.common;
}

const CommonOptions& common_of(const ShowOptions& options) {
    return options.common;
}

template <typename Options>
const CommonOptions& common_of(const Options& options) {
    return options.route.common;
}

// A command from its pair of functions: setup_X registers its options, run_X runs it.
template <typename Options>
RegisteredCommand command(CLI::App& app,
                          CLI::App& (*setup)(CLI::App&, Options&),
                          ExitCode (*run)(const Options&)) {
    auto options = std::make_shared<Options>();
    CLI::App& subcommand = setup(app, *options);
    one_value_per_occurrence(subcommand);
    return {&subcommand, [options, run] {
                configure_logging(common_of(*options).verbosity());
                const ExitCode code = run(*options);
                if (code == ExitCode::kCutShort) {
                    say_what_cut_short();
                }
                return code;
            }};
}

using Registrar = RegisteredCommand (*)(CLI::App&);

// The commands, in --help order.
const Registrar kCommands[] = {
    [](CLI::App& app) { return command(app, setup_check, run_check); },
    [](CLI::App& app) { return command(app, setup_show, run_show); },
    [](CLI::App& app) { return command(app, setup_query, run_query); },
    [](CLI::App& app) { return command(app, setup_paths, run_paths); },
    [](CLI::App& app) { return command(app, setup_likely, run_likely); },
    [](CLI::App& app) { return command(app, setup_cut, run_cut); },
    [](CLI::App& app) { return command(app, setup_sweep, run_sweep); },
    [](CLI::App& app) { return command(app, setup_diff, run_diff); },
    [](CLI::App& app) { return command(app, setup_export, run_export); },
    [](CLI::App& app) { return command(app, setup_report, run_report); },
    [](CLI::App& app) { return command(app, setup_simulate, run_simulate); },
    [](CLI::App& app) { return command(app, setup_audit, run_audit); },
};

}  // namespace

std::vector<RegisteredCommand> register_commands(CLI::App& app) {
    std::vector<RegisteredCommand> commands;
    for (const Registrar registrar : kCommands) {
        commands.push_back(registrar(app));
    }
    return commands;
}

}  // namespace flowsim::cli
