#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <flowsim/diagnostic.hpp>
#include <flowsim/io/scenario_loader.hpp>

// Reading the scenario's files: only regular files, within the loader's budgets, each
// read once and its text let go once parsed. What is kept of a file is what quoting its
// lines later needs (where some lines start), so that diagnostics keep their excerpts.
namespace flowsim::io::detail {

/// True for a name a scenario file may have: .yaml, .yml or .csv. Only such files are
/// included, and only their lines are quoted in diagnostics.
bool has_scenario_extension(const std::string& path);

/// How `text` is encoded when it is not UTF-8: "UTF-16 (little-endian)", "UTF-32
/// (big-endian)", ... told by a byte-order mark or by the NUL bytes of ASCII text in
/// those encodings; nothing for anything else.
std::optional<std::string> wide_encoding(std::string_view text);

/// Why a file was not read: it cannot be (a missing file, a folder, a device...), or a
/// budget ran out (`budget`).
struct ReadFailure {
    bool budget = false;
    std::string why;
};

/// Every file the loader reads, in the order read, under LoadLimits' budgets: at most
/// `max_file_bytes` per file, `max_input_bytes` in all.
class InputFiles {
public:
    explicit InputFiles(const LoadLimits& limits) : limits_(limits) {}

    /// Reads the file at `path` (shown as `display`) whole. Only a regular file is read,
    /// not a folder, device, FIFO or socket, nor a file of /proc or /sys. Nothing, with
    /// `failure` filled in, when it cannot be read or would go past a budget.
    std::optional<std::string> read(const std::string& path,
                                    const std::string& display,
                                    ReadFailure& failure);

    /// Registers `text`, held by the caller until quote() is done, as the file `display`
    /// (a scenario given as text). False when it goes past a budget (`failure` says why).
    bool add_in_memory(const std::string& display, std::string_view text, ReadFailure& failure);

    /// The lines `diagnostics` point into, from the files that may be quoted (those
    /// with a scenario extension, or given as text), read again from disk; a line is cut
    /// after the last column a diagnostic points at, plus what an excerpt shows.
    SourceLines quote(const std::vector<Diagnostic>& diagnostics) const;

    /// The display names of every file read, sorted.
    std::vector<std::string> display_names() const;
    /// "fnv1a64:" and 16 hex digits: FNV-1a over each file's length, ':' and bytes, in
    /// the order the files were read.
    std::string content_hash() const;

private:
    /// A line's number and where it starts, noted every kCheckpointBytes or so.
    using Checkpoint = std::pair<int, std::uint64_t>;
    struct File {
        std::string display;
        std::string path;       ///< where to read it again; empty when given as text
        std::string_view text;  ///< when given as text
        std::uint64_t size = 0;
        std::vector<Checkpoint> checkpoints;
    };

    std::optional<std::string> budget_problem(std::uint64_t size) const;
    void add(File file, std::string_view text);

    LoadLimits limits_;
    std::vector<File> files_;
    std::uint64_t bytes_read_ = 0;
    std::uint64_t hash_ = 14695981039346656037ULL;  // FNV-1a offset basis
};

/// Reads again the lines of files that `diagnostics` point into and `lines` lacks (files
/// with a scenario extension only), for diagnostics found after loading.
void quote_missing_lines(const std::vector<Diagnostic>& diagnostics, SourceLines& lines);

}  // namespace flowsim::io::detail
