#include "flowsim/policy.hpp"

#include <algorithm>

namespace flowsim {
namespace {

// A list field matches when it is empty (not given) or holds the node's value; a value
// the node lacks never matches a given field.
bool field_matches(const std::vector<std::string>& wanted, const std::optional<std::string>& have) {
    if (wanted.empty()) {
        return true;
    }
    return have && std::find(wanted.begin(), wanted.end(), *have) != wanted.end();
}

}  // namespace

bool Matcher::matches(const Node& node, NodeIndex index) const {
    if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), node.kind) == kinds.end()) {
        return false;
    }
    if (!field_matches(states, node.jurisdiction.state) ||
        !field_matches(counties, node.jurisdiction.county) ||
        !field_matches(places, node.jurisdiction.place)) {
        return false;
    }
    if (!tags.empty() && std::none_of(tags.begin(), tags.end(),
                                      [&](const std::string& tag) { return node.has_tag(tag); })) {
        return false;
    }
    if (!ids.empty() && std::find(ids.begin(), ids.end(), index) == ids.end()) {
        return false;
    }
    return !negated || !negated->matches(node, index);
}

}  // namespace flowsim
