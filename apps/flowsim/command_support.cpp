#include "flowsim/command_support.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <spdlog/spdlog.h>

#include "flowsim/print_diagnostics.hpp"

namespace flowsim::cli {

double milliseconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

std::optional<Scenario> load_or_report(const std::string& path, std::vector<std::string>* files) {
    io::LoadResult result = io::load_scenario_file(path);
    if (files != nullptr) {
        *files = std::move(result.files);
    }
    print_diagnostics(std::cerr, result);
    if (!result.ok()) {
        return std::nullopt;
    }
    return std::move(result.scenario);
}

std::optional<ResolvedQuery> resolve_or_report(const Scenario& scenario,
                                               const QueryRequest& request) {
    std::vector<std::string> errors;
    ResolvedQuery resolved = resolve_request(scenario, request, errors);
    for (const std::string& error : errors) {
        std::cerr << "flowsim: error: " << error << "\n";
    }
    if (!errors.empty()) {
        return std::nullopt;
    }
    return resolved;
}

std::unique_ptr<PreparedQuery> prepare_query(const std::string& path, const QueryRequest& request) {
    const auto load_start = std::chrono::steady_clock::now();
    std::vector<std::string> files;
    auto scenario = load_or_report(path, &files);
    if (!scenario) {
        return nullptr;
    }
    spdlog::debug("loaded {} in {:.1f} ms", path, milliseconds_since(load_start));
    auto query = resolve_or_report(*scenario, request);
    if (!query) {
        return nullptr;
    }
    auto prepared = std::make_unique<PreparedQuery>(
        PreparedQuery{std::move(*scenario), std::move(*query), nullptr, std::move(files)});
    const auto view_start = std::chrono::steady_clock::now();
    prepared->view =
        std::make_unique<ConfigurationView>(prepared->scenario, prepared->query.activity);
    spdlog::debug("configuration view in {:.1f} ms", milliseconds_since(view_start));
    return prepared;
}

}  // namespace flowsim::cli
