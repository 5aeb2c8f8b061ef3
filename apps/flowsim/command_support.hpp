#pragma once

#include <fstream>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/query_request.hpp>

namespace flowsim::cli {

/// Loads the scenario at `path`, printing every diagnostic to stderr. Nothing when it
/// has errors (the command then exits 2).
std::optional<Scenario> load_or_report(const std::string& path);

/// Resolves `request`; prints each problem to stderr and returns nothing when there are any.
std::optional<ResolvedQuery> resolve_or_report(const Scenario& scenario,
                                               const QueryRequest& request);

/// Where a command writes its result: stdout, or a file written beside its final name
/// and renamed into place by commit(), so a failure never leaves half a file.
class Output {
public:
    /// `path` empty: stdout.
    explicit Output(std::string path);
    ~Output();
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    /// False (after printing why) when the file cannot be opened.
    bool ok() const { return ok_; }
    std::ostream& stream();
    /// Flushes and moves the file into place; false (after printing why) on failure.
    bool commit();

private:
    std::string path_;
    std::string temporary_;
    std::ofstream file_;
    bool ok_ = true;
    bool committed_ = false;
};

}  // namespace flowsim::cli
