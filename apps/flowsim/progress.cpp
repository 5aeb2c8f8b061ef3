#include "flowsim/progress.hpp"

#include <cstdio>

#include <unistd.h>

namespace flowsim::cli {

namespace {
constexpr auto kInterval = std::chrono::milliseconds(250);
}  // namespace

Progress::Progress(std::string noun)
    : noun_(std::move(noun)),
      enabled_(isatty(STDERR_FILENO) != 0),
      next_(std::chrono::steady_clock::now() + kInterval) {}

void Progress::update(std::size_t count) {
    // Look at the clock only every 4096 items: it costs more than an item.
    if (!enabled_ || (count & 4095) != 0) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now < next_) {
        return;
    }
    next_ = now + kInterval;
    std::fprintf(stderr, "\r%zu %s...", count, noun_.c_str());
    std::fflush(stderr);
    shown_ = true;
}

void Progress::done() {
    if (shown_) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
        shown_ = false;
    }
}

}  // namespace flowsim::cli
