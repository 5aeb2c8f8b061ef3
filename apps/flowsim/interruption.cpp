#include "flowsim/interruption.hpp"

#include <csignal>
#include <optional>

#include <spdlog/spdlog.h>

#include <unistd.h>

namespace flowsim::cli {
namespace {

std::atomic<bool> interrupted{false};
// The command's deadline, once stop_condition() has set one.
std::optional<StopCondition::Clock::time_point> deadline;
std::atomic<int> catching_every{0};

// The temporary files to remove when a second signal ends flowsim at once (Output's).
constexpr int kSlots = 8;
std::atomic<const char*> temporaries[kSlots];

extern "C" void on_signal(int signal_number) {
    const bool again = interrupted.exchange(true, std::memory_order_relaxed);
    if (!again || catching_every.load(std::memory_order_relaxed) > 0) {
        return;  // the work under way sees the flag and stops cleanly
    }
    // The second: a stuck program can still be stopped. Only async-signal-safe calls.
    for (std::atomic<const char*>& slot : temporaries) {
        if (const char* path = slot.load(std::memory_order_relaxed)) {
            ::unlink(path);
        }
    }
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

}  // namespace

void catch_interruptions() {
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
}

void say_what_cut_short() {
    if (interrupted.load()) {
        spdlog::warn("cut short by an interruption (Ctrl-C)");
    } else if (deadline && StopCondition::Clock::now() >= *deadline) {
        spdlog::warn("cut short by the time limit (--timeout)");
    }
}

StopCondition stop_condition(double timeout_seconds) {
    StopCondition stop;
    if (timeout_seconds > 0 && timeout_seconds < kLongestTimeoutSeconds) {
        stop.deadline = StopCondition::Clock::now() +
                        std::chrono::duration_cast<StopCondition::Clock::duration>(
                            std::chrono::duration<double>(timeout_seconds));
        deadline = stop.deadline;
    }
    stop.interrupted = &interrupted;
    return stop;
}

CatchEveryInterruption::CatchEveryInterruption() {
    catching_every.fetch_add(1);
}

CatchEveryInterruption::~CatchEveryInterruption() {
    if (!interrupted.load()) {
        catching_every.fetch_sub(1);
    }
}

RemoveOnKill::RemoveOnKill(const char* path) {
    for (int i = 0; i < kSlots; ++i) {
        const char* empty = nullptr;
        if (temporaries[i].compare_exchange_strong(empty, path)) {
            slot_ = i;
            return;
        }
    }
}

RemoveOnKill::~RemoveOnKill() {
    if (slot_ >= 0) {
        temporaries[slot_].store(nullptr);
    }
}

}  // namespace flowsim::cli
