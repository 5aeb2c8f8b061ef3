#pragma once

#include <chrono>
#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <flowsim/configuration_view.hpp>
#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/query_request.hpp>

#include "flowsim/common_options.hpp"
#include "flowsim/output.hpp"
#include "flowsim/progress.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace flowsim::cli {

/// Milliseconds since `start`, for the timings `-v` prints beside those of Phases.
double milliseconds_since(std::chrono::steady_clock::time_point start);

/// Thrown by load_or_report (and so prepare_query) once the diagnostics are printed,
/// when the scenario went past a budget of the loader (io::LoadResult::budget_exceeded):
/// the command stops, and main exits 4, not 2, since the input was not shown invalid.
struct BudgetExceeded : std::runtime_error {
    BudgetExceeded() : std::runtime_error("input budget exceeded") {}
};

/// Loads the scenario at `path` within `limits`, printing every diagnostic to stderr.
/// Nothing when it has errors (the command then exits 2); BudgetExceeded when it went
/// past a budget. `files`, when given, receives every file read; `content_hash`, the
/// hash of their bytes (io::LoadResult::content_hash).
std::optional<Scenario> load_or_report(const std::string& path,
                                       const io::LoadLimits& limits,
                                       std::vector<std::string>* files = nullptr,
                                       std::string* content_hash = nullptr);

/// Adds `--format` to `command`: one of `formats`, with `format` holding the default until
/// the command line says otherwise. -o FILE may choose it instead: when --format is
/// absent, an extension that names a format (.dot, .gv, .svg, .png, .json, .graphml,
/// .html, .htm, .md, .markdown; any case) chooses that format. A --format that
/// contradicts the extension of -o (`--format dot -o x.svg`), or an extension naming a
/// format the command does not write, is refused at parse time with a message and exit 2.
/// `output` is where the command keeps -o. A second call for the same command (after
/// removing the first --format) replaces the first.
CLI::Option* add_format_option(CLI::App& command,
                               std::string& format,
                               const std::string& output,
                               const std::vector<std::string>& formats,
                               const std::string& description);

/// `path` with its extension replaced by `extension` (".svg"): the file written beside
/// a Markdown report for its diagram or chart.
std::string file_beside(const std::string& path, const std::string& extension);

/// Remembers the command line as typed (main calls it once), for reports' provenance.
void remember_command_line(int argc, const char* const* argv);

/// "flowsim report scenarios/x.yaml --set a=true -o out.html": the command as typed, the
/// program named "flowsim", the output file (-o) by its name only, each word quoted for
/// a POSIX shell when it needs it.
const std::string& command_line();

/// Resolves `request`; prints each problem to stderr and returns nothing when there are any.
std::optional<ResolvedQuery> resolve_or_report(const Scenario& scenario,
                                               const QueryRequest& request);

/// A scenario loaded and a query resolved against it and applied: what every command
/// that looks for routes starts from.
struct PreparedQuery {
    Scenario scenario;
    ResolvedQuery query;
    std::unique_ptr<ConfigurationView> view;  ///< refers to `scenario`: keep them together
    std::vector<std::string> files;           ///< every file the scenario was read from
    std::string content_hash;  ///< of the files loaded (io::LoadResult::content_hash)
};

/// The parameters `names` names, in that order; nothing (after saying on stderr which
/// name is unknown, with a hint, or named twice in `option`) when any is wrong.
std::optional<std::vector<ParameterIndex>> named_parameters(const Scenario& scenario,
                                                            const std::vector<std::string>& names,
                                                            const std::string& option);

/// Loads the scenario `common` names (within its load options) and resolves `request`
/// (the phases "loading" and "applying the configuration" of `phases`); nothing (after
/// printing every problem to stderr) when either has errors, and the command exits 2;
/// BudgetExceeded as load_or_report.
std::unique_ptr<PreparedQuery> prepare_query(const CommonOptions& common,
                                             const QueryRequest& request,
                                             Phases& phases);

}  // namespace flowsim::cli
