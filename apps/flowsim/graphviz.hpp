#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <flowsim/completion.hpp>

namespace flowsim::cli {

/// The path of the first executable file called `program` in a directory of $PATH;
/// nothing when there is none.
std::optional<std::string> find_on_path(std::string_view program);

/// The error that says `what_needs_it` ("--format svg") needs Graphviz's dot, which is
/// not on PATH, and which Debian package to install.
std::string missing_dot_message(std::string_view what_needs_it);

/// Most nodes a diagram may have to be laid out by dot (export --format svg|png, report):
/// past a few hundred, dot takes minutes to hours and gigabytes.
constexpr std::size_t kMaxLaidOutNodes = 500;

/// Above this many nodes, a report draws only what lies on its routes unless told
/// otherwise (--collapse-by): the whole network would be unreadable or refused.
constexpr std::size_t kRoutesOnlyAbove = 300;

/// Address space dot may use, in MiB, unless --dot-memory says otherwise.
constexpr std::size_t kDefaultDotMemoryMib = 2048;

/// The error for a diagram of `nodes` nodes, more than kMaxLaidOutNodes: how to narrow it.
std::string too_large_to_lay_out(std::size_t nodes);

/// What rendering produced: the output file's bytes, or why there are none.
struct Rendering {
    bool ok = false;
    std::string bytes;
    std::string error;      ///< what went wrong, with anything dot printed on stderr
    Completion completion;  ///< cut short: dot was stopped by the deadline or Ctrl-C
};

/// Bounds on one run of dot.
struct DotLimits {
    StopCondition stop;  ///< the command's deadline and interruption flag
    std::size_t memory_mib = kDefaultDotMemoryMib;  ///< address space; 0 for no cap
    std::function<void()> on_wait;  ///< called every 10 ms or so while dot runs (progress)
};

/// Renders `dot_text` with Graphviz's `dot` program at `dot_path` to `format` (svg, png):
/// writes the text to a file in a fresh temporary directory and runs
/// `dot -T<format> -o <out> <in>` there (no shell), in its own process group, with its
/// address space capped. Fails when dot cannot be started, exits non-zero, writes
/// anything on stderr (flowsim's DOT is meant to render without a warning, so one is a
/// bug to report, not noise to hide) or writes nothing. When `limits.stop` fires (before
/// or while dot runs), dot's process group is killed and the result is cut short. The
/// temporary directory is always removed: Ctrl-C, however often pressed meanwhile, only
/// sets the flag (CatchEveryInterruption).
Rendering render_with_dot(const std::string& dot_path,
                          std::string_view dot_text,
                          std::string_view format,
                          const DotLimits& limits = {});

}  // namespace flowsim::cli
