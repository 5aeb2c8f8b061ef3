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

std::optional<Scenario> load_or_report(const std::string& path) {
    io::LoadResult result = io::load_scenario_file(path);
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
    auto scenario = load_or_report(path);
    if (!scenario) {
        return nullptr;
    }
    spdlog::debug("loaded {} in {:.1f} ms", path, milliseconds_since(load_start));
    auto query = resolve_or_report(*scenario, request);
    if (!query) {
        return nullptr;
    }
    auto prepared = std::make_unique<PreparedQuery>(
        PreparedQuery{std::move(*scenario), std::move(*query), nullptr});
    const auto view_start = std::chrono::steady_clock::now();
    prepared->view =
        std::make_unique<ConfigurationView>(prepared->scenario, prepared->query.activity);
    spdlog::debug("configuration view in {:.1f} ms", milliseconds_since(view_start));
    return prepared;
}

Output::Output(std::string path) : path_(std::move(path)) {
    if (path_.empty()) {
        return;
    }
    temporary_ = path_ + ".tmp";
    file_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!file_) {
        std::cerr << "flowsim: error: cannot write '" << path_ << "': " << std::strerror(errno)
                  << "\n";
        ok_ = false;
    }
}

Output::~Output() {
    if (!path_.empty() && !committed_) {
        file_.close();
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
    }
}

std::ostream& Output::stream() {
    return path_.empty() ? std::cout : static_cast<std::ostream&>(file_);
}

bool Output::commit() {
    if (path_.empty()) {
        std::cout.flush();
        return static_cast<bool>(std::cout);
    }
    file_.flush();
    const bool written = static_cast<bool>(file_);
    file_.close();
    std::error_code error;
    if (written) {
        std::filesystem::rename(temporary_, path_, error);
    }
    if (!written || error) {
        std::cerr << "flowsim: error: cannot write '" << path_
                  << "': " << (error ? error.message() : std::string("write failed")) << "\n";
        return false;
    }
    committed_ = true;
    return true;
}

}  // namespace flowsim::cli
