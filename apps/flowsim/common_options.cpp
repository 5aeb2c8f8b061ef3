#include "flowsim/common_options.hpp"

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

void configure_logging(Verbosity verbosity) {
    auto logger = spdlog::stderr_logger_st("flowsim");
    logger->set_pattern("flowsim: %v");
    logger->set_level(verbosity == Verbosity::kVerbose ? spdlog::level::debug
                      : verbosity == Verbosity::kQuiet ? spdlog::level::err
                                                       : spdlog::level::info);
    spdlog::set_default_logger(std::move(logger));
}

}  // namespace flowsim::cli
