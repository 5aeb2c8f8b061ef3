#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "flowsim/duration.hpp"
#include "flowsim/ids.hpp"
#include "flowsim/source_location.hpp"

namespace flowsim {

/// What a node is; see docs/scenario-format.md, section 10.
enum class NodeKind {
    kCamera,
    kPlatform,
    kLocalAgency,
    kStateAgency,
    kFederalAgency,
    kPrivateParty,
    kOther
};

/// "camera", "platform", "local_agency", ...
std::string_view node_kind_name(NodeKind kind);
/// The inverse of node_kind_name; nullopt for anything else.
std::optional<NodeKind> parse_node_kind(std::string_view text);
/// Every kind name, in declaration order (for "did you mean" and documentation).
std::vector<std::string_view> node_kind_names();

/// Where a node sits. Any part may be missing; a matcher field a node lacks does not match.
struct Jurisdiction {
    std::optional<std::string> state;  ///< two-letter postal code, e.g. "IL"
    std::optional<std::string> county;
    std::optional<std::string> place;
};

/// A camera, platform, agency or party that data can pass through.
struct Node {
    std::string id;
    NodeKind kind = NodeKind::kOther;
    std::string label;                    ///< defaults to the id
    std::vector<DataKindIndex> produces;  ///< ascending, distinct
    Jurisdiction jurisdiction;
    std::vector<std::string> tags;  ///< ascending, distinct
    /// How long the node keeps a record (`simulate`): a hop from it whose delay is longer
    /// never happens. Absent: unlimited.
    std::optional<Seconds> retention;
    std::string note;
    SourceLocation where;

    bool has_tag(std::string_view tag) const;
};

}  // namespace flowsim
