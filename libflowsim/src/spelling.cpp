#include "flowsim/spelling.hpp"

#include <algorithm>
#include <numeric>

namespace flowsim {
namespace {

// Edit distance counting insertions, deletions, substitutions and swaps of two
// neighbouring characters (optimal string alignment), so "lable" is one edit from
// "label". Gives up (returning `limit + 1`) once the distance must exceed `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) {
        return limit + 1;
    }
    std::vector<std::size_t> before_previous(b.size() + 1);
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    std::iota(previous.begin(), previous.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t row_best = current[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                current[j] = std::min(current[j], before_previous[j - 2] + 1);
            }
            row_best = std::min(row_best, current[j]);
        }
        if (row_best > limit) {
            return limit + 1;
        }
        std::swap(before_previous, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

// Words longer than this get no hint: comparing them is costly and a hint is unlikely.
constexpr std::size_t kLongestHintedWord = 64;

}  // namespace

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates) {
    if (word.empty() || word.size() > kLongestHintedWord) {
        return std::nullopt;
    }
    const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
    std::optional<std::string_view> best;
    std::size_t best_distance = limit + 1;
    for (const std::string_view candidate : candidates) {
        if (candidate == word) {
            continue;
        }
        const std::size_t distance = edit_distance(word, candidate, limit);
        if (distance < best_distance || (distance == best_distance && best && candidate < *best)) {
            best = candidate;
            best_distance = distance;
        }
    }
    if (!best || best_distance > limit) {
        return std::nullopt;
    }
    return std::string(*best);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates) {
    const auto match = closest_match(word, candidates);
    return match ? " (did you mean '" + *match + "'?)" : std::string();
}

}  // namespace flowsim
