#include "flowsim/completion.hpp"

namespace flowsim {

Completion StopCondition::check() const {
    // The flag first: a Ctrl-C after the deadline passed is still reported as a Ctrl-C.
    if (interrupted != nullptr && interrupted->load(std::memory_order_relaxed)) {
        return Completion::interrupted_now();
    }
    if (deadline && Clock::now() >= *deadline) {
        return Completion::timed_out_now();
    }
    return {};
}

}  // namespace flowsim
