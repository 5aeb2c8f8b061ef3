#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <flowsim/diagnostic.hpp>

namespace flowsim::io::detail {

/// Collects the loader's diagnostics. Past `max_errors` it only counts, so a table of a
/// million bad rows costs memory for the first few hundred messages.
class DiagnosticSink {
public:
    explicit DiagnosticSink(std::size_t max_errors) : max_errors_(max_errors) {}

    void error(SourceLocation where, std::string message) {
        ++error_count_;
        if (listed_ < max_errors_) {
            add(std::move(where), std::move(message));
        }
    }

    /// Reports that a budget ran out (LoadLimits): the input is too large to read, not
    /// wrong. The message starts "input budget exceeded: ".
    /// Always listed, even past `max_errors`.
    void budget_error(SourceLocation where, const std::string& message) {
        budget_exceeded_ = true;
        ++error_count_;
        add(std::move(where), "input budget exceeded: " + message);
    }

    /// Counts `count` errors that were found but not kept (a reader's own cap).
    void count_unlisted(std::size_t count) { error_count_ += count; }

    std::size_t error_count() const { return error_count_; }
    bool budget_exceeded() const { return budget_exceeded_; }
    /// Errors counted but not listed, past `max_errors`.
    std::size_t unlisted_errors() const { return error_count_ - listed_; }

    /// Whether a hint worth computing (a "did you mean" search) would still be shown.
    bool listing() const { return listed_ < max_errors_; }

    /// The diagnostics listed, sorted.
    std::vector<Diagnostic> take() {
        sort_diagnostics(diagnostics_);
        return std::move(diagnostics_);
    }

private:
    void add(SourceLocation where, std::string message) {
        diagnostics_.push_back({Severity::kError, std::move(where), std::move(message)});
        ++listed_;
    }

    std::size_t max_errors_;
    std::size_t error_count_ = 0;
    std::size_t listed_ = 0;
    bool budget_exceeded_ = false;
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace flowsim::io::detail
