#include "flowsim/sweep_command.hpp"

#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>

#include <flowsim/io/analysis_writer.hpp>
#include <flowsim/sweep.hpp>

#include "flowsim/command_support.hpp"
#include "flowsim/progress.hpp"

namespace flowsim::cli {

CLI::App& setup_sweep(CLI::App& app, SweepOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "sweep", "Reachability and route count for every combination of some parameters");
    add_route_options(command, options.route);
    command.add_option("--params", options.parameters, "Parameters to vary: a,b,c")
        ->delimiter(',')
        ->required();
    command
        .add_option("--max-combinations", options.max_combinations,
                    "Refuse to sweep more combinations than this")
        ->capture_default_str();
    command
        .add_option("--count-limit", options.count_limit,
                    "Stop counting a row's routes here and write N+ (at least 1)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    return command;
}

ExitCode run_sweep(const SweepOptions& options) {
    const auto prepared = prepare_query(options.route.common.scenario, options.route.to_request());
    if (!prepared) {
        return ExitCode::kInvalidInput;
    }
    const Scenario& scenario = prepared->scenario;
    const auto named = named_parameters(scenario, options.parameters, "--params");
    bool ok = named.has_value();
    const std::vector<ParameterIndex> parameters = named.value_or(std::vector<ParameterIndex>{});
    const std::size_t rows = parameters.size() < 63 ? std::size_t{1} << parameters.size() : 0;
    if (ok && (rows == 0 || rows > options.max_combinations)) {
        std::cerr << "flowsim: error: " << parameters.size() << " parameters make "
                  << (rows == 0 ? std::string("too many") : std::to_string(rows))
                  << " combinations, more than --max-combinations " << options.max_combinations
                  << "; name fewer parameters or raise the limit\n";
        ok = false;
    }
    if (!ok) {
        return ExitCode::kInvalidInput;
    }
    Progress progress("combinations");
    std::size_t done = 0;
    const Sweep sweep = sweep_parameters(
        scenario, prepared->query.activity, prepared->query.routes, parameters, options.count_limit,
        options.route.stop_condition(), [&](const SweepRow&) { progress.update(++done); });
    progress.done();
    Output output(options.route.output, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    io::write_sweep(
        output.stream(), options.route.route_format(), scenario,
        io::make_header(*prepared->view, prepared->query, options.route.common.scenario), sweep);
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    return sweep.completion.complete() ? ExitCode::kYes : ExitCode::kCutShort;
}

}  // namespace flowsim::cli
