#pragma once

#include <string>

namespace CLI {
class App;
}

namespace flowsim::cli {

/// How much the command says on stderr besides its results.
enum class Verbosity { kQuiet, kNormal, kVerbose };

/// Options every command accepts.
struct CommonOptions {
    std::string scenario;  ///< the scenario file (positional)
    bool verbose = false;
    bool quiet = false;

    Verbosity verbosity() const {
        return quiet ? Verbosity::kQuiet : verbose ? Verbosity::kVerbose : Verbosity::kNormal;
    }
};

/// Adds the SCENARIO argument and -v/-q to `command`.
void add_common_options(CLI::App& command, CommonOptions& options);

/// Makes every repeatable option of `command` (--set, --without, --params, ...) take one
/// value per occurrence, so that options may come before SCENARIO: otherwise CLI11 lets
/// `--set a=false SCENARIO` swallow the file name as a second value. Call once all the
/// command's options are added.
void one_value_per_occurrence(CLI::App& command);

/// Points the default spdlog logger at stderr at the level `verbosity` asks for.
void configure_logging(Verbosity verbosity);

}  // namespace flowsim::cli
