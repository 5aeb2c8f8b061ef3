#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowsim {

/// The candidate closest to `word` by edit distance, when it is close enough to be a
/// plausible typo (at most a third of the word's length, and at least 1 edit away).
/// Ties go to the candidate that sorts first, so hints are deterministic.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates);

/// " (did you mean 'x'?)" when a close candidate exists, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace flowsim
