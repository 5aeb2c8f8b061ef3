#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <flowsim/diagnostic.hpp>
#include <flowsim/scenario.hpp>

namespace flowsim::io {

/// Bounds on what the loader reads, so that no input can exhaust the machine. Going past
/// a budget (the sizes, counts and aliases below, or memory itself) is reported as
/// "input budget exceeded: ..." and marks the result (LoadResult::budget_exceeded).
struct LoadLimits {
    std::size_t max_file_bytes = std::size_t{1} << 30;   ///< per file, YAML or CSV
    std::size_t max_input_bytes = std::size_t{4} << 30;  ///< all files read, together
    int max_include_depth = 32;
    std::size_t max_nodes = 20'000'000;
    std::size_t max_edges = 200'000'000;
    std::size_t max_errors = 1000;  ///< further problems are counted, not listed
    /// Nodes that aliases (`*name`) stand for, in all the scenario's files: each use of
    /// an alias counts every node under its anchor, so that small files cannot expand
    /// into a huge scenario.
    std::size_t max_alias_nodes = 1'000'000;
    /// Folders that includes may reach besides the top-level scenario's own folder (each
    /// with everything under it). Includes anywhere else are refused.
    std::vector<std::string> include_dirs;
};

/// The outcome of loading: a scenario, or every problem found. Never both, never half.
struct LoadResult {
    std::optional<Scenario> scenario;     ///< present exactly when there is no error
    std::vector<Diagnostic> diagnostics;  ///< sorted; errors and warnings
    /// Errors found past LoadLimits::max_errors: counted, not listed.
    std::size_t unlisted_errors = 0;
    /// True when a budget of LoadLimits ran out: the input was too large to read whole,
    /// which says nothing of whether it is valid.
    bool budget_exceeded = false;
    /// The source lines the diagnostics point into, read again from the files (only
    /// files named .yaml, .yml or .csv are quoted), so that they can be shown.
    SourceLines lines;
    /// Every file read (the scenario and what it includes), as opened, sorted; so that
    /// a command can refuse to write over one of them.
    std::vector<std::string> files;
    /// "fnv1a64:" and 16 hex digits: a hash of every file's bytes (each with its length),
    /// files in the order they are read (the top file, then its includes depth first),
    /// so the same files give the same hash wherever they lie; for reports' provenance.
    std::string content_hash;

    bool ok() const { return scenario.has_value(); }
};

/// Loads a scenario from `text`, naming it `display_name` in diagnostics. Includes are
/// resolved relative to the directory of `display_name`. Never throws for bad input:
/// every problem becomes a diagnostic.
LoadResult load_scenario(std::string_view text,
                         const std::string& display_name,
                         const LoadLimits& limits = {});

/// Reads `path` and loads it as load_scenario does; a missing or unreadable file is a
/// diagnostic too.
LoadResult load_scenario_file(const std::string& path, const LoadLimits& limits = {});

/// Adds to `result.lines` every line a diagnostic points into that it lacks (reading its
/// file again by its display name), so that diagnostics found after loading, such as
/// `check`'s warnings about sources, can quote their line. A file that cannot be read
/// is left out: its diagnostics print without their line.
void read_missing_lines(LoadResult& result);

/// The diagnostics of `result` as format_diagnostics prints them: with their source
/// lines, the count of errors not listed, and the count line.
std::string format_diagnostics(const LoadResult& result);

}  // namespace flowsim::io
