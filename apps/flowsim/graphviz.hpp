#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flowsim::cli {

/// The path of the first executable file called `program` in a directory of $PATH;
/// nothing when there is none.
std::optional<std::string> find_on_path(std::string_view program);

/// The error that says `what_needs_it` ("--format svg") needs Graphviz's dot, which is
/// not on PATH, and which Debian package to install.
std::string missing_dot_message(std::string_view what_needs_it);

/// What rendering produced: the output file's bytes, or why there are none.
struct Rendering {
    bool ok = false;
    std::string bytes;
    std::string error;  ///< what went wrong, with anything dot printed on stderr
};

/// Renders `dot_text` with Graphviz's `dot` program at `dot_path` to `format` (svg, png):
/// writes the text to a file in a fresh temporary directory and runs
/// `dot -T<format> -o <out> <in>` there (no shell). Fails when dot cannot be started, exits
/// non-zero or writes anything on stderr: flowsim's DOT is meant to render without a
/// warning, so one is a bug to report, not noise to hide.
Rendering render_with_dot(const std::string& dot_path,
                          std::string_view dot_text,
                          std::string_view format);

}  // namespace flowsim::cli
