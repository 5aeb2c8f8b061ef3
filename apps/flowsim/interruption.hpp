#pragma once

#include <atomic>

#include <flowsim/route_finder.hpp>

namespace flowsim::cli {

/// Makes Ctrl-C (SIGINT) and SIGTERM set a flag instead of killing the process, so long
/// work can stop cleanly with what it has. A second Ctrl-C kills as usual.
void catch_interruptions();

/// Stop on Ctrl-C, and after `timeout_seconds` from now when it is above 0 (--timeout).
StopCondition stop_condition(double timeout_seconds);

}  // namespace flowsim::cli
