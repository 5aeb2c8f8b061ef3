#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "flowsim/date.hpp"
#include "flowsim/edge.hpp"
#include "flowsim/expression.hpp"
#include "flowsim/node.hpp"
#include "flowsim/source_location.hpp"

namespace flowsim {

/// Picks nodes by their fields. Every field given must match; a field that is a list
/// matches when any of its values does. A field the node lacks (no county, say) does
/// not match; under `negated` it does, since `not` inverts the whole nested matcher.
struct Matcher {
    std::vector<NodeKind> kinds;
    std::vector<std::string> states;
    std::vector<std::string> counties;
    std::vector<std::string> places;
    std::vector<std::string> tags;  ///< matches a node that has any of them
    std::vector<NodeIndex> ids;
    std::shared_ptr<const Matcher> negated;  ///< `not:`; shared so Matcher stays copyable

    /// True when `node` (at `index`) satisfies every given field.
    bool matches(const Node& node, NodeIndex index) const;
};

/// What a policy switches off. Absent parts match everything.
struct DenyRule {
    std::vector<DataKindIndex> carries;  ///< kinds entering the edge; empty: every kind
    std::optional<Matcher> origin;       ///< the route's source node
    std::optional<Matcher> from;         ///< the edge's tail
    std::optional<Matcher> to;           ///< the edge's head
};

/// A law or rule that, while its `when` holds and it is in force, denies a class of edges.
struct Policy {
    std::string id;
    std::string label;
    Expression when;
    SourceLocation when_where;
    DenyRule deny;
    DateWindow in_force;
    std::vector<SourceIndex> sources;  ///< ascending, distinct
    std::string note;
    SourceLocation where;
};

}  // namespace flowsim
