#include "flowsim/diagnostic.hpp"

#include <algorithm>
#include <tuple>

#include "flowsim/utf8.hpp"

namespace flowsim {
namespace {

std::string_view severity_name(Severity severity) {
    switch (severity) {
        case Severity::kError:
            return "error";
        case Severity::kWarning:
            return "warning";
        case Severity::kNote:
            return "note";
    }
    return "error";
}

// The text of 1-based line `line` in `text`, without its line break.
std::string_view line_of(std::string_view text, int line) {
    std::size_t start = 0;
    for (int current = 1; current < line; ++current) {
        const std::size_t newline = text.find('\n', start);
        if (newline == std::string_view::npos) {
            return {};
        }
        start = newline + 1;
    }
    if (start > text.size()) {
        return {};
    }
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
        end = text.size();
    }
    std::string_view result = text.substr(start, end - start);
    if (!result.empty() && result.back() == '\r') {
        result.remove_suffix(1);
    }
    return result;
}

constexpr std::size_t kShownLineWidth = 160;

// The character at text[i]: its length in bytes (1 for a byte that is not UTF-8), and
// whether it may be shown as it is; otherwise it is shown as one '?': a control byte, a
// byte that is not UTF-8, a hidden control.
struct Character {
    std::size_t length;
    bool showable;
};
Character character_at(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
        return {1, false};
    }
    if (length == 1) {
        return {1, c == '\t' || (c >= 0x20 && c != 0x7f)};
    }
    return {length, !is_hidden_control(utf8_code_point(text, i, length))};
}

// `text` with every character that may not be shown replaced by '?'.
std::string shown(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Character next = character_at(text, i);
        if (next.showable) {
            out.append(text, i, next.length);
        } else {
            out += '?';
        }
        i += next.length;
    }
    return out;
}

// The source line and a caret under byte column `column` (1-based). A long line is cut
// to a window around the column; tabs are kept in the caret line so the caret lines up.
std::string excerpt(std::string_view line, int column) {
    std::size_t caret = column > 0 ? static_cast<std::size_t>(column - 1) : 0;
    caret = std::min(caret, line.size());
    std::size_t begin = 0;
    std::string prefix;
    if (line.size() > kShownLineWidth) {
        begin = caret > kShownLineWidth / 2 ? caret - kShownLineWidth / 2 : 0;
        begin = std::min(begin, line.size() - std::min(line.size(), kShownLineWidth));
        if (begin > 0) {
            prefix = "...";
        }
    }
    const std::string_view window = line.substr(begin, kShownLineWidth);
    // Valid UTF-8 as it is and everything else masked, so the excerpt is text; the caret
    // line gets one space per character, not per byte, so the caret lines up.
    std::string text = prefix + shown(window);
    std::string marker(prefix.size(), ' ');
    for (std::size_t i = 0; i < window.size() && begin + i < caret;
         i += character_at(window, i).length) {
        marker += window[i] == '\t' ? '\t' : ' ';
    }
    if (begin + window.size() < line.size()) {
        text += "...";
    }
    marker += '^';
    return "    " + text + "\n    " + marker + "\n";
}

}  // namespace

bool operator<(const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column, a.severity, a.message) <
           std::tie(b.where.file, b.where.line, b.where.column, b.severity, b.message);
}

bool operator==(const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column, a.severity, a.message) ==
           std::tie(b.where.file, b.where.line, b.where.column, b.severity, b.message);
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
    std::sort(diagnostics.begin(), diagnostics.end());
    diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end()), diagnostics.end());
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

std::string format_diagnostic_at_line(const Diagnostic& diagnostic, const std::string* line) {
    std::string out = shown(diagnostic.where.file.str());
    if (diagnostic.where.line > 0) {
        out += ':' + std::to_string(diagnostic.where.line);
        if (diagnostic.where.column > 0) {
            out += ':' + std::to_string(diagnostic.where.column);
        }
    }
    out += out.empty() ? "" : ": ";
    out += severity_name(diagnostic.severity);
    out += ": ";
    out += shown(diagnostic.message);
    out += '\n';
    if (diagnostic.where.line > 0 && diagnostic.where.column > 0 && line != nullptr &&
        !line->empty()) {
        out += excerpt(*line, diagnostic.where.column);
    }
    return out;
}

std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view source_text) {
    const std::string line(source_text.empty() || diagnostic.where.line <= 0
                               ? std::string_view{}
                               : line_of(source_text, diagnostic.where.line));
    return format_diagnostic_at_line(diagnostic, &line);
}

std::string format_diagnostics(std::vector<Diagnostic> diagnostics,
                               const SourceLines& lines,
                               std::size_t unlisted_errors) {
    sort_diagnostics(diagnostics);
    std::string out;
    std::size_t errors = unlisted_errors;
    std::size_t warnings = 0;
    for (const Diagnostic& diagnostic : diagnostics) {
        const std::string* line = nullptr;
        if (const auto file = lines.find(diagnostic.where.file); file != lines.end()) {
            if (const auto found = file->second.find(diagnostic.where.line);
                found != file->second.end()) {
                line = &found->second;
            }
        }
        out += format_diagnostic_at_line(diagnostic, line);
        errors += diagnostic.severity == Severity::kError ? 1 : 0;
        warnings += diagnostic.severity == Severity::kWarning ? 1 : 0;
    }
    if (unlisted_errors > 0) {
        out += std::to_string(unlisted_errors) + " more errors not listed\n";
    }
    std::string count;
    if (errors > 0) {
        count = std::to_string(errors) + (errors == 1 ? " error" : " errors");
    }
    if (warnings > 0) {
        count += (count.empty() ? "" : ", ") + std::to_string(warnings) +
                 (warnings == 1 ? " warning" : " warnings");
    }
    return count.empty() ? out : out + count + "\n";
}

}  // namespace flowsim
