#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <flowsim/io/scenario_loader.hpp>

namespace CLI {
class App;
}

namespace flowsim::cli {

/// How much the command says on stderr besides its results.
enum class Verbosity { kQuiet, kNormal, kVerbose };

/// How a scenario is read: the loader's budget and where includes may reach.
struct LoadOptions {
    std::size_t max_input_bytes = io::LoadLimits{}.max_input_bytes;  ///< --max-input-bytes
    std::vector<std::string> include_dirs;                           ///< --include-dir

    io::LoadLimits limits() const;
};

/// Options every command accepts.
struct CommonOptions {
    std::string scenario;  ///< the scenario file (positional)
    bool verbose = false;
    bool quiet = false;
    LoadOptions load;

    Verbosity verbosity() const {
        return quiet ? Verbosity::kQuiet : verbose ? Verbosity::kVerbose : Verbosity::kNormal;
    }
};

/// Adds the SCENARIO argument, -v/-q and the load options to `command`.
void add_common_options(CLI::App& command, CommonOptions& options);

/// Adds --max-input-bytes and --include-dir, for every command that reads a scenario.
void add_load_options(CLI::App& command, LoadOptions& options);

/// Makes every repeatable option of `command` (--set, --without, --params, ...) take one
/// value per occurrence, so that options may come before SCENARIO: otherwise CLI11 lets
/// `--set a=false SCENARIO` swallow the file name as a second value. Call once all the
/// command's options are added.
void one_value_per_occurrence(CLI::App& command);

/// Points the default spdlog logger at stderr at the level `verbosity` asks for.
void configure_logging(Verbosity verbosity);

}  // namespace flowsim::cli
