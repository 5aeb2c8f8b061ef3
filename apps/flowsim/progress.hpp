#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include <flowsim/completion.hpp>

#include "flowsim/common_options.hpp"

namespace flowsim::cli {

/// One command's work, phase by phase ("loading", "searching", "writing", "laying out
/// the diagram"):
///
/// - one stop condition for every phase: the deadline `--timeout` sets, counted once from
///   the start of the command, and Ctrl-C (interruption.hpp). Each phase checks it, so
///   that none outlives the deadline by more than a moment;
/// - progress on stderr while stderr is a terminal and -q is not given: what it is doing,
///   how many items so far, the time since the start ("flowsim: searching: 1,234,567
///   routes, 12.5 s"), redrawn a few times a second once the work has taken half a
///   second, and cleared when it ends. Nothing otherwise: scripts and logs see nothing;
/// - with -v, each phase's time as it ends ("flowsim: searching: 1,234 routes in 250.3
///   ms"), and the total.
class Phases {
public:
    using Clock = std::chrono::steady_clock;

    /// `timeout_seconds`: 0 for no deadline (stop_condition()).
    Phases(double timeout_seconds, Verbosity verbosity);
    ~Phases();
    Phases(const Phases&) = delete;
    Phases& operator=(const Phases&) = delete;

    /// The deadline and Ctrl-C, the same for every phase.
    const StopCondition& stop() const { return stop_; }

    /// Ends the phase under way and starts `name`, whose items are `noun` ("route"; an
    /// "s" makes the plural).
    void begin(std::string name, std::string noun = "");
    /// `count` items of the phase are done: the progress line shows it now and then.
    /// Cheap enough to call for every route.
    void count(std::size_t count);
    /// Redraws the progress line when it is time (for a wait without items, as for dot).
    void tick();
    /// Ends the phase under way: its time at -v, the progress line cleared.
    void end();

private:
    void draw(Clock::time_point now);
    std::string counted() const;  // "1,234 routes"
    void clear();

    StopCondition stop_;
    bool verbose_;
    bool shown_enabled_;  // stderr is a terminal and -q is not given
    bool drawn_ = false;
    Clock::time_point started_;
    Clock::time_point phase_started_;
    Clock::time_point next_draw_;
    std::string phase_;
    std::string noun_;
    std::size_t count_ = 0;
    std::size_t calls_ = 0;   // count() calls since the clock was last read
    std::size_t stride_ = 1;  // calls between two readings of the clock
    Clock::time_point last_clock_;
};

/// "1,234,567".
std::string with_commas(std::size_t number);

}  // namespace flowsim::cli
