#include "flowsim/check_command.hpp"

#include <chrono>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/scenario.hpp>

#include "flowsim/print_diagnostics.hpp"

namespace flowsim::cli {
namespace {

// "3 camera, 2 platform" in the fixed order of the kinds, skipping those with none.
template <typename Key, typename Name>
std::string breakdown(const std::map<Key, std::size_t>& counts, Name name) {
    std::string text;
    for (const auto& [key, count] : counts) {
        text += (text.empty() ? "" : ", ") + std::to_string(count) + " " + std::string(name(key));
    }
    return text;
}

std::string plural(std::size_t count, const std::string& one, const std::string& many = {}) {
    return std::to_string(count) + " " + (count == 1 ? one : many.empty() ? one + "s" : many);
}

void print_summary(std::ostream& out,
                   const std::string& file,
                   const Scenario& scenario,
                   Verbosity verbosity) {
    out << file << ": valid\n";
    if (!scenario.title().empty()) {
        out << "  " << scenario.title();
        if (scenario.as_of()) {
            out << " (facts as of " << scenario.as_of()->to_string() << ")";
        }
        out << "\n";
    }
    std::map<NodeKind, std::size_t> kinds;
    for (const Node& node : scenario.nodes()) {
        ++kinds[node.kind];
    }
    std::map<Evidence, std::size_t> statuses;
    for (const Edge& edge : scenario.edges()) {
        ++statuses[edge.status];
    }
    out << "  " << plural(scenario.nodes().size(), "node") << ": "
        << breakdown(kinds, node_kind_name) << "\n";
    out << "  " << plural(scenario.edges().size(), "edge") << ": "
        << breakdown(statuses, evidence_name) << "\n";
    out << "  " << plural(scenario.sources().size(), "source") << ", "
        << plural(scenario.parameters().size(), "parameter") << ", "
        << plural(scenario.gates().size(), "gate") << ", "
        << plural(scenario.policies().size(), "policy", "policies") << ", "
        << plural(scenario.configurations().size(), "configuration") << "\n";
    if (!scenario.questions().empty()) {
        out << "  " << plural(scenario.questions().size(), "saved question")
            << " (checked for references; answering them needs the route engine)\n";
    }
    if (verbosity == Verbosity::kVerbose) {
        out << "\nSources:\n";
        std::size_t number = 0;
        for (const Source& source : scenario.sources()) {
            out << "  [" << ++number << "] " << source.title;
            if (!source.publisher.empty()) {
                out << ", " << source.publisher;
            }
            if (source.date) {
                out << ", " << source.date->to_string();
            }
            if (!source.url.empty()) {
                out << ". " << source.url;
            }
            out << "\n";
        }
    }
}

}  // namespace

CLI::App& setup_check(CLI::App& app, CheckOptions& options) {
    CLI::App& command =
        *app.add_subcommand("check", "Validate a scenario and answer its saved questions");
    add_common_options(command, options.common);
    return command;
}

ExitCode run_check(const CheckOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    const io::LoadResult result = io::load_scenario_file(options.common.scenario);
    const auto elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
    spdlog::debug("loaded {} in {:.1f} ms", options.common.scenario, elapsed.count());
    print_diagnostics(std::cerr, result);
    if (!result.ok()) {
        return ExitCode::kInvalidInput;
    }
    if (options.common.verbosity() != Verbosity::kQuiet) {
        print_summary(std::cout, options.common.scenario, *result.scenario,
                      options.common.verbosity());
    }
    return ExitCode::kYes;
}

}  // namespace flowsim::cli
