#include "flowsim/source_kind.hpp"

#include <array>

namespace flowsim {
namespace {

constexpr std::array<std::string_view, 7> kNames = {"record", "law",      "filing",   "statement",
                                                    "news",   "advocacy", "secondary"};

}  // namespace

std::string_view source_kind_name(SourceKind kind) {
    return kNames.at(static_cast<std::size_t>(kind));
}

std::optional<SourceKind> parse_source_kind(std::string_view text) {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == text) {
            return static_cast<SourceKind>(i);
        }
    }
    return std::nullopt;
}

}  // namespace flowsim
