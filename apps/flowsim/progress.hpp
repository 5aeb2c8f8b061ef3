#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace flowsim::cli {

/// A count of work done on stderr ("1,234,567 routes"), redrawn at most a few times a
/// second, and only when stderr is a terminal: scripts and logs see nothing.
class Progress {
public:
    explicit Progress(std::string noun);
    ~Progress() { done(); }
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void update(std::size_t count);
    /// Clears the line.
    void done();

private:
    std::string noun_;
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point next_;
};

}  // namespace flowsim::cli
