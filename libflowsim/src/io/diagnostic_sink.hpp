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
        if (++error_count_ <= max_errors_) {
            diagnostics_.push_back({Severity::kError, std::move(where), std::move(message)});
        }
    }

    std::size_t error_count() const { return error_count_; }

    /// Whether a hint worth computing (a "did you mean" search) would still be shown.
    bool listing() const { return error_count_ < max_errors_; }

    /// The diagnostics, sorted, with a closing one that counts those not listed.
    std::vector<Diagnostic> take(const std::string& file) {
        sort_diagnostics(diagnostics_);
        if (error_count_ > max_errors_) {
            diagnostics_.push_back(
                {Severity::kError,
                 {file, 0, 0},
                 std::to_string(error_count_ - max_errors_) + " more errors not listed"});
        }
        return std::move(diagnostics_);
    }

private:
    std::size_t max_errors_;
    std::size_t error_count_ = 0;
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace flowsim::io::detail
