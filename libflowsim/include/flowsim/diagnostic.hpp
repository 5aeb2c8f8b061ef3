#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "flowsim/source_location.hpp"

namespace flowsim {

enum class Severity { kError, kWarning, kNote };

/// One problem found in the input, with where it is. Messages are lower case with no
/// trailing period, e.g. "edge 'a->b' names unknown node 'icee' (did you mean 'ice'?)".
struct Diagnostic {
    Severity severity = Severity::kError;
    SourceLocation where;
    std::string message;
};

/// Orders diagnostics by file, line, column, severity, then message, so that output is
/// the same whatever order the checks ran in.
bool operator<(const Diagnostic& a, const Diagnostic& b);
bool operator==(const Diagnostic& a, const Diagnostic& b);

/// Sorts and removes exact duplicates.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

/// True when any diagnostic is an error.
bool has_errors(const std::vector<Diagnostic>& diagnostics);

/// The source lines diagnostics quote: by file (display name), then by 1-based line
/// number, the line's text without its line break. A long line may be cut short after
/// the last column a diagnostic points at (an excerpt shows a window around it).
using SourceLines = std::map<std::string, std::map<int, std::string>>;

/// Formats one diagnostic GNU style: "file:line:col: error: message", then, when
/// `source_text` (the whole file the diagnostic points into) is given and the line
/// exists, that source line and a caret under the column. Long lines are shown as a
/// window around the column. Control bytes, bytes that are not UTF-8 and hidden
/// controls (is_hidden_control) are shown as '?', in the excerpt and in the message.
/// Ends with a newline.
std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view source_text = {});

/// As format_diagnostic, with the excerpt taken from `line`, the text of the line the
/// diagnostic points at (none when `line` is null).
std::string format_diagnostic_at_line(const Diagnostic& diagnostic, const std::string* line);

/// Formats every diagnostic (each with its line from `lines`) followed, when
/// `unlisted_errors` is not 0, by "N more errors not listed", then a count line such as
/// "3 errors", "1 error, 2 warnings" or "2 warnings" (notes are not counted; the count
/// includes the errors not listed). Sorts a copy first.
std::string format_diagnostics(std::vector<Diagnostic> diagnostics,
                               const SourceLines& lines,
                               std::size_t unlisted_errors = 0);

}  // namespace flowsim
