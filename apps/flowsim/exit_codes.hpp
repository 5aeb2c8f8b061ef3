#pragma once

namespace flowsim::cli {

/// The exit statuses of every command (docs/cli.md, "Exit statuses"). Values are stable: scripts
/// depend on them, so append, never renumber.
enum class ExitCode : int {
    kYes = 0,           ///< success, or "yes" to the question asked
    kNo = 1,            ///< "no": unreachable, an expectation failed, no cut exists
    kInvalidInput = 2,  ///< bad scenario, bad option, bad usage
    kCutShort = 3,      ///< stopped by --timeout or Ctrl-C; the output says so
    kInternal = 4,      ///< input/output failure or a bug
};

inline int to_int(ExitCode code) {
    return static_cast<int>(code);
}

}  // namespace flowsim::cli
