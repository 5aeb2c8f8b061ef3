#include "flowsim/command_support.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <spdlog/spdlog.h>

#include <flowsim/spelling.hpp>

#include "flowsim/print_diagnostics.hpp"

namespace flowsim::cli {

double milliseconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

namespace {

std::string& stored_command_line() {
    static std::string line = "flowsim";
    return line;
}

std::string shell_word(const std::string& word) {
    const bool plain = !word.empty() && word.find_first_not_of(
                                            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                            "0123456789_-./=:,+@%") == std::string::npos;
    if (plain) {
        return word;
    }
    std::string quoted = "'";
    for (const char c : word) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

}  // namespace

void remember_command_line(int argc, const char* const* argv) {
    // The output file by its name only: the command, run in the folder of the file it
    // wrote, writes it again; and where a copy lies does not change the page.
    const auto file_name = [](const std::string& path) {
        return std::filesystem::path(path).filename().string();
    };
    std::string line = "flowsim";
    for (int i = 1; i < argc; ++i) {
        std::string word = argv[i];
        const std::string previous = i > 1 ? argv[i - 1] : "";
        if (previous == "-o" || previous == "--output") {
            word = file_name(word);
        } else if (word.rfind("--output=", 0) == 0) {
            word = "--output=" + file_name(word.substr(9));
        }
        line += " " + shell_word(word);
    }
    stored_command_line() = line;
}

const std::string& command_line() {
    return stored_command_line();
}

std::optional<Scenario> load_or_report(const std::string& path,
                                       std::vector<std::string>* files,
                                       std::string* content_hash) {
    io::LoadResult result = io::load_scenario_file(path);
    if (files != nullptr) {
        *files = std::move(result.files);
    }
    print_diagnostics(std::cerr, result);
    if (!result.ok()) {
        return std::nullopt;
    }
    if (content_hash) {
        *content_hash = result.content_hash;
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
    std::string content_hash;
    auto scenario = load_or_report(path, &files, &content_hash);
    if (!scenario) {
        return nullptr;
    }
    spdlog::debug("loaded {} in {:.1f} ms", path, milliseconds_since(load_start));
    auto query = resolve_or_report(*scenario, request);
    if (!query) {
        return nullptr;
    }
    auto prepared = std::make_unique<PreparedQuery>(
        PreparedQuery{std::move(*scenario), std::move(*query), nullptr, std::move(files),
                      std::move(content_hash)});
    const auto view_start = std::chrono::steady_clock::now();
    prepared->view =
        std::make_unique<ConfigurationView>(prepared->scenario, prepared->query.activity);
    spdlog::debug("configuration view in {:.1f} ms", milliseconds_since(view_start));
    return prepared;
}

std::optional<std::vector<ParameterIndex>> named_parameters(const Scenario& scenario,
                                                            const std::vector<std::string>& names,
                                                            const std::string& option) {
    std::vector<std::string_view> known;
    for (const Parameter& parameter : scenario.parameters()) {
        known.push_back(parameter.id);
    }
    std::vector<ParameterIndex> parameters;
    bool ok = true;
    for (const std::string& name : names) {
        const auto found = scenario.find_parameter(name);
        if (!found) {
            std::cerr << "flowsim: error: no parameter '" << name << "'"
                      << did_you_mean(name, known) << "\n";
            ok = false;
        } else if (std::find(parameters.begin(), parameters.end(), *found) != parameters.end()) {
            std::cerr << "flowsim: error: parameter '" << name << "' is named twice in " << option
                      << "\n";
            ok = false;
        } else {
            parameters.push_back(*found);
        }
    }
    if (!ok) {
        return std::nullopt;
    }
    return parameters;
}

}  // namespace flowsim::cli
