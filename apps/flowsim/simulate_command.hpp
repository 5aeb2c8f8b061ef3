#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <flowsim/io/simulation_writer.hpp>

#include "flowsim/command_support.hpp"
#include "flowsim/exit_codes.hpp"
#include "flowsim/route_options.hpp"

namespace CLI {
class App;
}

namespace flowsim::cli {

/// How to simulate: shared by `simulate` and `report --simulate`.
struct SimulationOptions {
    std::uint64_t runs = 10000;
    std::uint64_t seed = 1;
    unsigned threads = 0;       ///< 0: every core
    std::string within = "1d";  ///< a duration
    double unknown_likelihood = 1.0;
};

/// Adds --runs, --seed, --threads, --within and --unknown-likelihood to `command`.
void add_simulation_options(CLI::App& command, SimulationOptions& options);

/// Simulates the query of `prepared` (docs/cli.md, `simulate`), showing progress on a
/// terminal; nothing, after printing why, when the options or the question cannot be
/// simulated (`failure` then holds the exit status). The deadline and Ctrl-C of `phases`
/// bound it (a result cut short holds the first runs); its progress shows the runs.
std::optional<io::SimulationReport> simulate_query(const PreparedQuery& prepared,
                                                   const SimulationOptions& options,
                                                   Phases& phases,
                                                   ExitCode& failure);

struct SimulateOptions {
    RouteOptions route;  ///< route.format: text, json or svg
    SimulationOptions simulation;
};

/// Registers `flowsim simulate SCENARIO`: the Monte Carlo spread of a record over time.
CLI::App& setup_simulate(CLI::App& app, SimulateOptions& options);

/// Prints the results (text, JSON, or the exposure curve as SVG). Exit 0; 2 on bad input
/// or a question too large to simulate; 3 when --timeout or Ctrl-C cut the runs short
/// (the output then holds the runs done, in order); 4 when the output cannot be written.
ExitCode run_simulate(const SimulateOptions& options);

}  // namespace flowsim::cli
