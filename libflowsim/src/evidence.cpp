#include "flowsim/evidence.hpp"

#include <array>

namespace flowsim {
namespace {

constexpr std::array<std::string_view, 5> kNames = {"documented", "reported", "alleged",
                                                    "announced", "hypothetical"};

}  // namespace

std::string_view evidence_name(Evidence evidence) {
    return kNames.at(static_cast<std::size_t>(evidence));
}

std::optional<Evidence> parse_evidence(std::string_view text) {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == text) {
            return static_cast<Evidence>(i);
        }
    }
    return std::nullopt;
}

bool at_least(Evidence evidence, Evidence floor) {
    // Stronger evidence comes first in the enumeration.
    return static_cast<int>(evidence) <= static_cast<int>(floor);
}

}  // namespace flowsim
