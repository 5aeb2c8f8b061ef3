#include "flowsim/interruption.hpp"

#include <csignal>

namespace flowsim::cli {
namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_signal(int signal_number) {
    interrupted.store(true, std::memory_order_relaxed);
    // The next signal of the same kind gets the default action: a stuck program can
    // still be stopped.
    std::signal(signal_number, SIG_DFL);
}

}  // namespace

void catch_interruptions() {
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
}

StopCondition stop_condition(double timeout_seconds) {
    StopCondition stop;
    if (timeout_seconds > 0) {
        stop.deadline = StopCondition::Clock::now() +
                        std::chrono::duration_cast<StopCondition::Clock::duration>(
                            std::chrono::duration<double>(timeout_seconds));
    }
    stop.interrupted = &interrupted;
    return stop;
}

}  // namespace flowsim::cli
