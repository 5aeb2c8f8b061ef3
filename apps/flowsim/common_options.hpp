#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <flowsim/io/scenario_loader.hpp>

namespace CLI {
class App;
class Validator;
}  // namespace CLI

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

/// The one check of every whole-number option (--limit, -k, --count-limit, --max-hops,
/// --exact-routes, --max-combinations, --dot-memory...): digits only, at least `minimum`,
/// at most what the program can count. Anything else (-5, 1.5, 0x10, a word) is refused
/// (exit 2) with one message: "--limit: expected a whole number, 0 or more; got '-5'".
CLI::Validator whole_number(std::size_t minimum = 0);

/// The check of --timeout: a finite number of seconds, 0 or more (nan, inf and negative
/// numbers are refused, exit 2). A number too large for a double is taken as the largest
/// one: as any timeout past kLongestTimeoutSeconds, no limit.
CLI::Validator seconds();

/// Points the default spdlog logger at stderr at the level `verbosity` asks for.
void configure_logging(Verbosity verbosity);

}  // namespace flowsim::cli
