#pragma once

#include <chrono>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <flowsim/configuration_view.hpp>
#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/query_request.hpp>

#include "flowsim/output.hpp"

namespace flowsim::cli {

/// Milliseconds since `start`, for the timings `-v` prints.
double milliseconds_since(std::chrono::steady_clock::time_point start);

/// Loads the scenario at `path`, printing every diagnostic to stderr. Nothing when it
/// has errors (the command then exits 2). `files`, when given, receives every file read;
/// `content_hash`, the hash of their bytes (io::LoadResult::content_hash).
std::optional<Scenario> load_or_report(const std::string& path,
                                       std::vector<std::string>* files = nullptr,
                                       std::string* content_hash = nullptr);

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

/// Loads `path` and resolves `request`; nothing (after printing every problem to
/// stderr) when either has errors, and the command exits 2.
std::unique_ptr<PreparedQuery> prepare_query(const std::string& path, const QueryRequest& request);

}  // namespace flowsim::cli
