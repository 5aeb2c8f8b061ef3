#include "flowsim/progress.hpp"

#include <algorithm>
#include <cstdio>

#include <spdlog/spdlog.h>

#include "flowsim/interruption.hpp"

#include <unistd.h>

namespace flowsim::cli {

namespace {
// Quick work draws nothing; longer work is redrawn a few times a second.
constexpr auto kFirstDraw = std::chrono::milliseconds(500);
constexpr auto kInterval = std::chrono::milliseconds(250);

double milliseconds(Phases::Clock::duration duration) {
    return std::chrono::duration<double, std::milli>(duration).count();
}
}  // namespace

std::string with_commas(std::size_t number) {
    std::string digits = std::to_string(number);
    for (std::size_t at = digits.size(); at > 3; at -= 3) {
        digits.insert(at - 3, ",");
    }
    return digits;
}

Phases::Phases(double timeout_seconds, Verbosity verbosity)
    : stop_(stop_condition(timeout_seconds)),
      verbose_(verbosity == Verbosity::kVerbose),
      shown_enabled_(verbosity != Verbosity::kQuiet && isatty(STDERR_FILENO) != 0),
      started_(Clock::now()),
      phase_started_(started_),
      next_draw_(started_ + kFirstDraw) {}

Phases::~Phases() {
    end();
    if (verbose_) {
        spdlog::debug("total: {:.1f} ms", milliseconds(Clock::now() - started_));
    }
}

void Phases::begin(std::string name, std::string noun) {
    end();
    phase_ = std::move(name);
    noun_ = std::move(noun);
    count_ = 0;
    phase_started_ = Clock::now();
    tick();
}

void Phases::count(std::size_t count) {
    count_ = count;
    if (!shown_enabled_ || ++calls_ < stride_) {
        return;
    }
    // Read the clock about once a millisecond, whether an item takes a microsecond (a
    // route counted) or a second (a row of a sweep).
    calls_ = 0;
    const Clock::time_point now = Clock::now();
    if (now - last_clock_ < std::chrono::milliseconds(1)) {
        stride_ = std::min<std::size_t>(stride_ * 2, 4096);
    } else if (stride_ > 1) {
        stride_ /= 2;
    }
    last_clock_ = now;
    if (!phase_.empty() && now >= next_draw_) {
        draw(now);
    }
}

void Phases::tick() {
    if (!shown_enabled_ || phase_.empty()) {
        return;
    }
    const Clock::time_point now = Clock::now();
    if (now >= next_draw_) {
        draw(now);
    }
}

void Phases::end() {
    if (phase_.empty()) {
        return;
    }
    clear();
    if (verbose_) {
        const double took = milliseconds(Clock::now() - phase_started_);
        if (noun_.empty()) {
            spdlog::debug("{}: {:.1f} ms", phase_, took);
        } else {
            spdlog::debug("{}: {} in {:.1f} ms", phase_, counted(), took);
        }
    }
    phase_.clear();
}

void Phases::draw(Clock::time_point now) {
    next_draw_ = now + kInterval;
    std::string line = "\rflowsim: " + phase_;
    if (!noun_.empty()) {
        line += ": " + counted();
    }
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, ", %.1f s",
                  std::chrono::duration<double>(now - started_).count());
    line += elapsed;
    line += "\033[K";  // the rest of a longer line drawn before
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    drawn_ = true;
}

std::string Phases::counted() const {
    return with_commas(count_) + " " + noun_ + (count_ == 1 ? "" : "s");
}

void Phases::clear() {
    if (drawn_) {
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
        drawn_ = false;
    }
}

}  // namespace flowsim::cli
