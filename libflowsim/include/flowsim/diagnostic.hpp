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

/// Formats one diagnostic GNU style: "file:line:col: error: message", then, when
/// `source_text` (the whole file the diagnostic points into) is given and the line
/// exists, that source line and a caret under the column. Long lines are shown as a
/// window around the column; control bytes are shown as '?'. Ends with a newline.
std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view source_text = {});

/// Formats every diagnostic (each with its file's text from `texts`, keyed by display
/// name) followed by a count line such as "3 errors", "1 error, 2 warnings" or
/// "2 warnings" (notes are not counted). Sorts a copy first.
std::string format_diagnostics(std::vector<Diagnostic> diagnostics,
                               const std::map<std::string, std::string>& texts);

}  // namespace flowsim
