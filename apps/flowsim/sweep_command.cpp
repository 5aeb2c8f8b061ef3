#include "flowsim/sweep_command.hpp"

#include <algorithm>
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>

#include <flowsim/io/analysis_writer.hpp>
#include <flowsim/sweep.hpp>

#include "flowsim/command_support.hpp"

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
        ->capture_default_str()
        ->check(whole_number());
    command
        .add_option("--count-limit", options.count_limit,
                    "Stop counting a row's routes here and write N+ (at least 1)")
        ->capture_default_str()
        ->check(whole_number(1));
    return command;
}

ExitCode run_sweep(const SweepOptions& options) {
    Phases phases(options.route.timeout_seconds, options.route.common.verbosity());
    const auto prepared = prepare_query(options.route.common, options.route.to_request(), phases);
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
    Output output(options.route.output, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    // Each row is written as soon as it is answered: nothing is held but the row.
    const io::QueryHeader header =
        io::make_header(*prepared->view, prepared->query, options.route.common.scenario);
    std::optional<io::SweepWriter> writer;
    const auto start = [&](bool base_reachable) {
        writer.emplace(output.stream(), options.route.route_format(), scenario, header, parameters,
                       base_reachable);
    };
    phases.begin("sweeping", "combination");
    std::size_t done = 0;
    const Completion completion = stream_sweep(
        scenario, prepared->query.activity, prepared->query.routes, parameters, options.count_limit,
        phases.stop(), start, [&](const SweepRow& row) {
            writer->row(row);
            output.stream().flush();  // a row can take long: each is seen when answered
            phases.count(++done);
            return !output.failed();  // stop at the first failed write
        });
    if (!writer) {
        start(false);  // cut short before the answer under the settings as given
    }
    writer->finish(completion);
    phases.end();
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    return completion.cut_short() ? ExitCode::kCutShort : ExitCode::kYes;
}

}  // namespace flowsim::cli
