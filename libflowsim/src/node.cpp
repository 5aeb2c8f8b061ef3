#include "flowsim/node.hpp"

#include <algorithm>
#include <array>

namespace flowsim {
namespace {

constexpr std::array<std::string_view, 7> kKindNames = {
    "camera",         "platform",      "local_agency", "state_agency",
    "federal_agency", "private_party", "other"};

}  // namespace

std::string_view node_kind_name(NodeKind kind) {
    return kKindNames.at(static_cast<std::size_t>(kind));
}

std::optional<NodeKind> parse_node_kind(std::string_view text) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i) {
        if (kKindNames[i] == text) {
            return static_cast<NodeKind>(i);
        }
    }
    return std::nullopt;
}

std::vector<std::string_view> node_kind_names() {
    return {kKindNames.begin(), kKindNames.end()};
}

bool Node::has_tag(std::string_view tag) const {
    return std::binary_search(tags.begin(), tags.end(), tag);
}

}  // namespace flowsim
