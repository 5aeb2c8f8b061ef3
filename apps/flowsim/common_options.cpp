#include "flowsim/common_options.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <system_error>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace flowsim::cli {

io::LoadLimits LoadOptions::limits() const {
    io::LoadLimits limits;
    limits.max_input_bytes = max_input_bytes;
    limits.include_dirs = include_dirs;
    return limits;
}

void add_common_options(CLI::App& command, CommonOptions& options) {
    command.add_option("SCENARIO", options.scenario, "Scenario file (YAML)")->required();
    command.add_flag("-v,--verbose", options.verbose, "Say more: timings, sources, details");
    command.add_flag("-q,--quiet", options.quiet, "Say nothing but errors and results");
    add_load_options(command, options.load);
}

void add_load_options(CLI::App& command, LoadOptions& options) {
    // A minus sign would wrap around to a huge size: refused before the units are read.
    const CLI::Validator no_minus(
        [](std::string& value) {
            return value.find('-') == std::string::npos
                       ? std::string()
                       : "expected a size, 0 or more (such as 500MB or 8GiB); got '" + value + "'";
        },
        "");
    command
        .add_option("--max-input-bytes", options.max_input_bytes,
                    "Read at most this much of the scenario and its includes together, such "
                    "as 500MB or 8GiB (default 4GiB); past it, exit 4")
        ->check(no_minus)
        ->transform(CLI::AsSizeValue(true));
    command.add_option("--include-dir", options.include_dirs,
                       "Also let includes reach files under this folder (repeatable; by default "
                       "only the scenario's own folder)");
}

void one_value_per_occurrence(CLI::App& command) {
    for (CLI::Option* option : command.get_options()) {
        if (!option->get_positional() && option->get_items_expected_max() > 1) {
            option->allow_extra_args(false);
        }
    }
}

CLI::Validator whole_number(std::size_t minimum) {
    const std::string expected =
        "expected a whole number, " + std::to_string(minimum) + " or more; got '";
    return CLI::Validator(
        [minimum, expected](std::string& text) -> std::string {
            const bool digits =
                !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
            std::size_t value = 0;
            const auto [end, error] =
                std::from_chars(text.data(), text.data() + text.size(), value);
            if (!digits || error != std::errc() || end != text.data() + text.size()) {
                return expected + text + "'" +
                       (digits ? " (more than " + std::to_string(SIZE_MAX) + ")" : "");
            }
            if (value < minimum) {
                return expected + text + "'";
            }
            text = std::to_string(value);  // "010" is ten, not the octal eight
            return "";
        },
        "N");
}

CLI::Validator seconds() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            const std::string refused =
                "expected a number of seconds, 0 or more; got '" + text + "'";
            if (text.empty() || text.find_first_not_of("0123456789.eE+-") != std::string::npos) {
                return refused;  // nan, inf, infinity, hexadecimal
            }
            char* end = nullptr;
            const double value = std::strtod(text.c_str(), &end);
            if (end != text.c_str() + text.size() || std::isnan(value) || value < 0) {
                return refused;
            }
            if (std::isinf(value)) {
                // 1e400: too large for a double, yet finite as written; as good as no limit.
                text = "1e308";
            }
            return "";
        },
        "SECONDS");
}

void configure_logging(Verbosity verbosity) {
    auto logger = spdlog::stderr_logger_st("flowsim");
    logger->set_pattern("flowsim: %v");
    logger->set_level(verbosity == Verbosity::kVerbose ? spdlog::level::debug
                      : verbosity == Verbosity::kQuiet ? spdlog::level::err
                                                       : spdlog::level::info);
    spdlog::set_default_logger(std::move(logger));
}

}  // namespace flowsim::cli
