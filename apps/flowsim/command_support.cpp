#include "flowsim/command_support.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string_view>
#include <utility>

#include <CLI/CLI.hpp>

#include <flowsim/spelling.hpp>

#include "flowsim/exit_codes.hpp"
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

// The file extensions that name a format, for -o FILE without --format.
constexpr std::pair<std::string_view, std::string_view> kFormatOfExtension[] = {
    {".dot", "dot"},   {".gv", "dot"},          {".svg", "svg"},   {".png", "png"},
    {".json", "json"}, {".graphml", "graphml"}, {".html", "html"}, {".htm", "html"},
    {".md", "md"},     {".markdown", "md"},
};

// The format the extension of `path` names; empty for any other extension, or none.
std::string format_of_file(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    for (char& c : extension) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (const auto& [known, format] : kFormatOfExtension) {
        if (extension == known) {
            return std::string(format);
        }
    }
    return "";
}

// "text, json or md".
std::string either(const std::vector<std::string>& formats) {
    std::string text;
    for (std::size_t i = 0; i < formats.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == formats.size() ? " or " : ", ") + formats[i];
    }
    return text;
}

}  // namespace

CLI::Option* add_format_option(CLI::App& command,
                               std::string& format,
                               const std::string& output,
                               const std::vector<std::string>& formats,
                               const std::string& description) {
    CLI::Option* option = command.add_option("--format", format, description)
                              ->check(CLI::IsMember(formats))
                              ->capture_default_str();
    CLI::App* app = &command;
    // After parsing, once every value is in place: the usage problem is printed in our
    // words, and the RuntimeError makes main exit 2 without CLI11 adding its own.
    command.callback([app, &format, &output, formats] {
        const std::string named = format_of_file(output);
        if (named.empty()) {
            return;
        }
        const CLI::Option* given = app->get_option_no_throw("--format");
        std::string problem;
        if (given != nullptr && given->count() > 0) {
            if (named != format) {
                problem = "--format " + format + " contradicts the extension of -o " + output +
                          " (" + named + "); drop one of them, or make them agree";
            }
        } else if (std::find(formats.begin(), formats.end(), named) == formats.end()) {
            problem = "-o " + output + ": " + app->get_name() + " writes " + either(formats) +
                      ", not " + named + "; give --format or another file name";
        } else {
            format = named;
        }
        if (!problem.empty()) {
            std::cerr << "flowsim: error: " << problem << "\n";
            throw CLI::RuntimeError(to_int(ExitCode::kInvalidInput));
        }
    });
    return option;
}

std::string file_beside(const std::string& path, const std::string& extension) {
    return std::filesystem::path(path).replace_extension(extension).string();
}

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
                                       const io::LoadLimits& limits,
                                       std::vector<std::string>* files,
                                       std::string* content_hash) {
    io::LoadResult result = io::load_scenario_file(path, limits);
    if (files != nullptr) {
        *files = std::move(result.files);
    }
    print_diagnostics(std::cerr, result);
    if (result.budget_exceeded) {
        throw BudgetExceeded();
    }
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

std::unique_ptr<PreparedQuery> prepare_query(const CommonOptions& common,
                                             const QueryRequest& request,
                                             Phases& phases) {
    phases.begin("loading " + common.scenario);
    std::vector<std::string> files;
    std::string content_hash;
    auto scenario = load_or_report(common.scenario, common.load.limits(), &files, &content_hash);
    if (!scenario) {
        return nullptr;
    }
    phases.begin("applying the configuration");
    auto query = resolve_or_report(*scenario, request);
    if (!query) {
        return nullptr;
    }
    auto prepared = std::make_unique<PreparedQuery>(
        PreparedQuery{std::move(*scenario), std::move(*query), nullptr, std::move(files),
                      std::move(content_hash)});
    prepared->view =
        std::make_unique<ConfigurationView>(prepared->scenario, prepared->query.activity);
    phases.end();
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
