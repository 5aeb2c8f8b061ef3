#pragma once

#include <string>
#include <vector>

#include "flowsim/common_options.hpp"
#include "flowsim/exit_codes.hpp"

namespace CLI {
class App;
}

namespace flowsim::cli {

struct AuditOptions {
    CommonOptions common;           ///< -v/-q, load options; `scenario` unused (see below)
    std::vector<std::string> logs;  ///< LOG.csv ...; "-" reads stdin
    std::string agency;             ///< --agency NODE
    std::string scenario;           ///< --scenario FILE
    std::string columns;            ///< --columns date=...,reason=...
    std::string patterns;           ///< --patterns FILE
    std::string kind = "organization";
    std::string format = "text";
    std::string output;          ///< -o FILE
    std::string svg;             ///< --svg FILE
    long long own_cameras = -1;  ///< --own-cameras N
    std::string scope_breaks;    ///< --scope-breaks OWN_MAX,STATE_MAX
    std::string source_id, source_title, publisher, url;
};

/// Registers `flowsim audit LOG.csv [more logs]`: a Flock search-audit log, summarised.
CLI::App& setup_audit(CLI::App& app, AuditOptions& options);

/// Reads every log as a stream and prints the summary; 0, 2 (bad log, option or
/// scenario), 4 (a file cannot be read or written).
ExitCode run_audit(const AuditOptions& options);

}  // namespace flowsim::cli
