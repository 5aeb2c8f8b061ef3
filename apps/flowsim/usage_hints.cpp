#include "flowsim/usage_hints.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include <flowsim/spelling.hpp>

namespace flowsim::cli {
namespace {

// "; did you mean 'x'?" (or "'x' or 'y'") when a name begins with `word` (an
// abbreviation) or is near it (a typo), else `otherwise`.
std::string nearest_or(std::string_view word,
                       const std::vector<std::string>& names,
                       const std::string& otherwise) {
    std::vector<std::string> matches;
    for (const std::string& name : names) {
        if (name.size() > word.size() && name.compare(0, word.size(), word) == 0 &&
            std::find(matches.begin(), matches.end(), name) == matches.end()) {
            matches.push_back(name);
        }
    }
    const std::vector<std::string_view> candidates(names.begin(), names.end());
    const auto near = closest_match(word, candidates);
    if (near && std::find(matches.begin(), matches.end(), *near) == matches.end()) {
        matches.push_back(*near);
    }
    if (matches.empty() || matches.size() > 3) {
        return otherwise;
    }
    std::string text = "; did you mean ";
    for (std::size_t i = 0; i < matches.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == matches.size() ? " or " : ", ") + ("'" + matches[i] + "'");
    }
    return text + "?";
}

std::optional<std::string> unknown_command(const CLI::App& app, const std::string& word) {
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands({})) {
        if (command->get_name() == word) {
            return std::nullopt;
        }
        names.push_back(command->get_name());
    }
    std::string list;
    for (const std::string& name : names) {
        list += (list.empty() ? "" : ", ") + name;
    }
    return "unknown command '" + word + "'" +
           nearest_or(word, names, "; the commands are " + list + " (flowsim --help)");
}

// The first word that looks like an option (`--name`, `--name=value`, `-x`) and names
// none of `command`'s.
std::optional<std::string> unknown_option(const CLI::App& command,
                                          int argc,
                                          const char* const* argv) {
    std::vector<std::string> long_names;
    std::vector<std::string> short_names;
    std::vector<std::string> taking_values;  // a word after one of these is its value
    for (const CLI::Option* option : command.get_options()) {
        const bool takes_value = option->get_type_size_max() > 0 && !option->get_positional();
        for (const std::string& name : option->get_lnames()) {
            long_names.push_back("--" + name);
            if (takes_value) {
                taking_values.push_back(long_names.back());
            }
        }
        for (const std::string& name : option->get_snames()) {
            short_names.push_back("-" + name);
            if (takes_value) {
                taking_values.push_back(short_names.back());
            }
        }
    }
    const auto known = [](const std::vector<std::string>& names, const std::string& name) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    for (int i = 2; i < argc; ++i) {
        const std::string word = argv[i];
        if (word == "--") {
            break;
        }
        if (known(taking_values, argv[i - 1])) {
            continue;  // a value, such as `--timeout -inf`
        }
        std::string name;
        if (word.size() > 2 && word.compare(0, 2, "--") == 0) {
            name = word.substr(0, word.find('='));
            if (known(long_names, name)) {
                continue;
            }
        } else if (word.size() > 1 && word[0] == '-' && word[1] != '-' &&
                   std::isalpha(static_cast<unsigned char>(word[1]))) {
            name = word.substr(0, 2);
            if (known(short_names, name)) {
                continue;
            }
        } else {
            continue;
        }
        return command.get_name() + ": unknown option '" + name + "'" +
               nearest_or(name, long_names, "; see flowsim " + command.get_name() + " --help");
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> usage_hint(const CLI::App& app, int argc, const char* const* argv) {
    if (argc < 2 || argv[1][0] == '-') {
        return std::nullopt;
    }
    const std::string word = argv[1];
    if (auto problem = unknown_command(app, word)) {
        return problem;
    }
    return unknown_option(*app.get_subcommand(word), argc, argv);
}

}  // namespace flowsim::cli
