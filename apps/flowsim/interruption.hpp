#pragma once

#include <atomic>

#include <flowsim/route_finder.hpp>

namespace flowsim::cli {

/// Makes Ctrl-C (SIGINT) and SIGTERM set a flag instead of killing the process, so long
/// work can stop cleanly with what it has. A second one ends flowsim at once, as usual,
/// after removing the temporary files registered with RemoveOnKill; except while a
/// CatchEveryInterruption exists, when it only sets the flag again.
void catch_interruptions();

/// Says on stderr (unless -q) what cut the command short, for a command that exits 3
/// (its output, when it has one, says so too): Ctrl-C, or the deadline of
/// stop_condition() when it has passed; nothing otherwise (a diff stopped at its
/// --limit says why itself).
void say_what_cut_short();

/// Longest --timeout taken as a deadline, in seconds (about 31 years): a longer one, up
/// to the largest a double holds, means no limit rather than overflowing the clock.
constexpr double kLongestTimeoutSeconds = 1e9;

/// Stop on Ctrl-C, and after `timeout_seconds` from now when it is above 0 and below
/// kLongestTimeoutSeconds (--timeout). `timeout_seconds` is finite and not negative (the
/// option's check says so).
StopCondition stop_condition(double timeout_seconds);

/// While one exists, every Ctrl-C or SIGTERM, the second and later ones too, only sets
/// the flag: for code that looks at it every few milliseconds and cleans up after itself
/// when it is set (waiting for Graphviz's dot, whose process group must be killed and
/// whose temporary folder removed, not left behind by a flowsim that died at once). When
/// a signal came while one existed, the catching lasts to the end: flowsim is stopping
/// then (every phase looks at the flag), and exits 3 itself.
class CatchEveryInterruption {
public:
    CatchEveryInterruption();
    ~CatchEveryInterruption();
    CatchEveryInterruption(const CatchEveryInterruption&) = delete;
    CatchEveryInterruption& operator=(const CatchEveryInterruption&) = delete;
};

/// While one exists, `path` (a temporary file; the string must outlive this) is removed
/// if a second Ctrl-C or SIGTERM ends flowsim at once. A few at a time; more are not
/// registered.
class RemoveOnKill {
public:
    explicit RemoveOnKill(const char* path);
    ~RemoveOnKill();
    RemoveOnKill(const RemoveOnKill&) = delete;
    RemoveOnKill& operator=(const RemoveOnKill&) = delete;

private:
    int slot_ = -1;
};

}  // namespace flowsim::cli
