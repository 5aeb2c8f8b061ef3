#include "flowsim/simulate_command.hpp"

#include <chrono>
#include <ctime>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <flowsim/duration.hpp>

#include "flowsim/progress.hpp"

namespace flowsim::cli {

void add_simulation_options(CLI::App& command, SimulationOptions& options) {
    command.add_option("--runs", options.runs, "Records to follow (runs)")
        ->capture_default_str()
        ->check(whole_number(1));
    command.add_option("--seed", options.seed, "Seed of the random draws: same seed, same numbers")
        ->capture_default_str()
        ->check(whole_number());
    command
        .add_option("--threads", options.threads,
                    "Threads to run on (0: every core); the results do not depend on it")
        ->capture_default_str()
        ->check(whole_number())
        ->check(CLI::Range(0U, 4096U));
    command
        .add_option("--within", options.within,
                    "Also count the records that arrive within this time (30m, 6h, 3d, ...)")
        ->capture_default_str();
    command
        .add_option("--unknown-likelihood", options.unknown_likelihood,
                    "The chance that an edge without a likelihood opens (default 1: assume it "
                    "can happen)")
        ->check(CLI::Range(0.0, 1.0));
}

std::optional<io::SimulationReport> simulate_query(const PreparedQuery& prepared,
                                                   const SimulationOptions& options,
                                                   Phases& phases,
                                                   ExitCode& failure) {
    const StopCondition& stop = phases.stop();
    DurationError problem;
    const auto within = parse_duration(options.within, &problem);
    if (!within) {
        std::cerr << "flowsim: error: --within '" << options.within << "': " << problem.message
                  << "\n";
        failure = ExitCode::kInvalidInput;
        return std::nullopt;
    }
    io::SimulationReport report;
    report.settings.runs = options.runs;
    report.settings.seed = options.seed;
    report.settings.threads = options.threads;
    report.settings.within = *within;
    report.model.unknown_likelihood = options.unknown_likelihood;
    report.runs_asked = options.runs;

    const auto prepare_start = std::chrono::steady_clock::now();
    const Simulation simulation(*prepared.view, prepared.query.routes, report.model,
                                SimulationMethod::kAuto, stop);
    if (!simulation.error().empty()) {
        std::cerr << "flowsim: error: " << simulation.error() << "\n";
        failure =
            simulation.preparation().cut_short() ? ExitCode::kCutShort : ExitCode::kInvalidInput;
        return std::nullopt;
    }
    report.edges = simulation.edges_on_routes();
    std::size_t by_graph = 0;
    for (const SimulationMethod method : simulation.methods()) {
        by_graph += method == SimulationMethod::kGraph ? 1 : 0;
    }
    spdlog::debug(
        "simulation prepared in {:.1f} ms: {} of {} sources by the compiled graph, "
        "the rest by their route lists",
        milliseconds_since(prepare_start), by_graph, simulation.methods().size());

    const auto run_start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();  // every thread's processor time
    phases.begin("simulating", "run");
    report.result = simulation.simulate(report.settings, stop, [&](std::uint64_t done) {
        phases.count(static_cast<std::size_t>(done));
    });
    phases.end();
    const double seconds = milliseconds_since(run_start) / 1000;
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    const auto rate = [](double count, double per) {
        return per > 0 ? count / per : 0.0;
    };
    const auto runs = static_cast<double>(report.result.runs);
    const auto trials = static_cast<double>(report.result.edge_trials);
    // Per second of processor time is per core, whatever else the machine is doing.
    spdlog::debug(
        "{} runs in {:.3f} s: {:.0f} runs/s, {} edge trials, {:.3g} edge trials/s; "
        "{:.3f} s of processor time: {:.0f} runs/s and {:.3g} edge trials/s per core",
        report.result.runs, seconds, rate(runs, seconds), report.result.edge_trials,
        rate(trials, seconds), cpu, rate(runs, cpu), rate(trials, cpu));
    return report;
}

CLI::App& setup_simulate(CLI::App& app, SimulateOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "simulate",
        "Monte Carlo: the share of records that reach each target, how fast, and by which routes");
    add_route_options(command, options.route);
    // The route options offer the listing formats; simulate adds the curve.
    command.remove_option(command.get_option("--format"));
    command
        .add_option("--format", options.route.format,
                    "text, json, or svg (the cumulative exposure curve)")
        ->check(CLI::IsMember({"text", "json", "svg"}))
        ->capture_default_str();
    add_simulation_options(command, options.simulation);
    return command;
}

ExitCode run_simulate(const SimulateOptions& options) {
    Phases phases(options.route.timeout_seconds, options.route.common.verbosity());
    const auto prepared = prepare_query(options.route.common, options.route.to_request(), phases);
    if (!prepared) {
        return ExitCode::kInvalidInput;
    }
    ExitCode failure = ExitCode::kYes;
    const auto report = simulate_query(*prepared, options.simulation, phases, failure);
    if (!report) {
        return failure;
    }
    Output output(options.route.output, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    if (options.route.format == "svg") {
        output.stream() << io::exposure_curve_svg(prepared->scenario, *report);
    } else {
        io::write_simulation(
            output.stream(), options.route.route_format(), prepared->scenario,
            io::make_header(*prepared->view, prepared->query, options.route.common.scenario),
            *report);
    }
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    return report->result.completion.cut_short() ? ExitCode::kCutShort : ExitCode::kYes;
}

}  // namespace flowsim::cli
