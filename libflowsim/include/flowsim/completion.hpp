#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace flowsim {

/// How a search, or a listing made of searches, ended: complete; stopped at a limit the
/// caller set (a route count, a callback that said enough); or cut short by the deadline
/// or an interruption (a StopCondition).
class Completion {
public:
    /// In the order merge() keeps the later one.
    enum class State : std::uint8_t { kComplete, kLimited, kInterrupted, kTimedOut };

    constexpr Completion() = default;
    constexpr explicit Completion(State state) : state_(state) {}

    static constexpr Completion limited() { return Completion(State::kLimited); }
    static constexpr Completion interrupted_now() { return Completion(State::kInterrupted); }
    static constexpr Completion timed_out_now() { return Completion(State::kTimedOut); }

    constexpr State state() const { return state_; }
    constexpr bool complete() const { return state_ == State::kComplete; }
    constexpr bool timed_out() const { return state_ == State::kTimedOut; }
    constexpr bool interrupted() const { return state_ == State::kInterrupted; }
    /// Stopped by the deadline or an interruption, rather than complete or at a limit.
    constexpr bool cut_short() const { return timed_out() || interrupted(); }

    /// Folds in how another part of the same work ended: the whole is complete only when
    /// every part is; a deadline outranks an interruption, and both outrank a limit.
    constexpr Completion& merge(Completion other) {
        if (other.state_ > state_) {
            state_ = other.state_;
        }
        return *this;
    }

    friend constexpr bool operator==(Completion a, Completion b) { return a.state_ == b.state_; }
    friend constexpr bool operator!=(Completion a, Completion b) { return a.state_ != b.state_; }

private:
    State state_ = State::kComplete;
};

/// When work must stop early: a deadline, a flag that another thread or a signal handler
/// sets, or both.
struct StopCondition {
    using Clock = std::chrono::steady_clock;

    StopCondition() = default;
    // Implicit on purpose: a bare deadline is the common case.
    StopCondition(Clock::time_point at) : deadline(at) {}  // NOLINT(google-explicit-constructor)

    /// The one stop check: interrupted_now() when the flag is set, else timed_out_now()
    /// when the deadline has passed, else complete (go on). Reads the clock, so loops
    /// with cheap steps call it every thousand or so.
    Completion check() const;

    std::optional<Clock::time_point> deadline;
    const std::atomic<bool>* interrupted = nullptr;
};

/// The stop check of a loop that hands out or writes what was found (a route listed, a
/// table row): asks `stop` once every `every` steps, never before the first `every`, so
/// that a short loop always finishes (a listing of ten routes is written even after the
/// deadline that cut its search short) and a long one ends soon after the deadline or a
/// Ctrl-C.
class StopEvery {
public:
    explicit StopEvery(StopCondition stop, std::size_t every = 1024)
        : stop_(std::move(stop)), every_(every == 0 ? 1 : every) {}

    /// False once `stop` has said stop, and from then on; completion() says why.
    bool go_on() {
        if (completion_.cut_short()) {
            return false;
        }
        if (++steps_ % every_ == 0) {
            completion_ = stop_.check();
        }
        return !completion_.cut_short();
    }
    /// Complete, or cut short by the deadline or an interruption.
    Completion completion() const { return completion_; }

private:
    StopCondition stop_;
    std::size_t every_;
    std::size_t steps_ = 0;
    Completion completion_;
};

}  // namespace flowsim
