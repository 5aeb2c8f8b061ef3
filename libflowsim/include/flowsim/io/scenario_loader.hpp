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

/// Bounds on what the loader reads, so that no input can exhaust the machine.
struct LoadLimits {
    std::size_t max_file_bytes = std::size_t{1} << 30;  ///< per file, YAML or CSV
    int max_include_depth = 32;
    std::size_t max_nodes = 20'000'000;
    std::size_t max_edges = 200'000'000;
    std::size_t max_errors = 1000;  ///< further problems are counted, not listed
};

/// The outcome of loading: a scenario, or every problem found. Never both, never half.
struct LoadResult {
    std::optional<Scenario> scenario;     ///< present exactly when there is no error
    std::vector<Diagnostic> diagnostics;  ///< sorted; errors and warnings
    /// The text of every file read, by display name, so diagnostics can quote their
    /// line. Kept only when there are diagnostics.
    std::map<std::string, std::string> texts;
    /// Every file read (the scenario and what it includes), as opened, sorted; so that
    /// a command can refuse to write over one of them.
    std::vector<std::string> files;
    /// "fnv1a64:" and 16 hex digits: a hash of every file's bytes (each with its length),
    /// files in display-name order, so the same files give the same hash wherever they
    /// lie; for reports' provenance.
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

/// Adds to `result.texts` the text of every file a diagnostic points into that it lacks
/// (reading it again by its display name), so that diagnostics found after loading, such
/// as `check`'s warnings about sources, can quote their line. A file that cannot be read
/// is left out: its diagnostics print without their line.
void read_missing_texts(LoadResult& result, const LoadLimits& limits = {});

}  // namespace flowsim::io
