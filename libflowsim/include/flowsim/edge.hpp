#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "flowsim/date.hpp"
#include "flowsim/duration.hpp"
#include "flowsim/evidence.hpp"
#include "flowsim/expression.hpp"
#include "flowsim/ids.hpp"
#include "flowsim/node.hpp"
#include "flowsim/source_location.hpp"

namespace flowsim {

/// A data kind changing along an edge: what enters as `from` leaves as `to`.
struct Conversion {
    DataKindIndex from = 0;
    DataKindIndex to = 0;
};

/// How long an edge takes, from the moment its tail holds a record to the moment its head
/// does (`simulate`): fixed when `min == max`, else drawn uniformly, in whole seconds, once
/// per run. 0 <= min <= max <= kMaxDuration.
struct Delay {
    Seconds min = 0;
    Seconds max = 0;

    bool fixed() const { return min == max; }
};

/// One way data can move from one node to another. Edges are directed; several edges
/// may join the same two nodes (they make distinct routes).
struct Edge {
    std::string id;  ///< explicit, or "<from>-><to>", then "#2", "#3"... for repeats
    NodeIndex from = 0;
    NodeIndex to = 0;
    std::vector<DataKindIndex> carries;  ///< ascending, distinct, never empty
    std::string mechanism;
    Expression when;               ///< parameters bound; `true` when not given
    SourceLocation when_where;     ///< where the `when` text starts
    std::vector<GateIndex> gates;  ///< ascending, distinct
    Evidence status = Evidence::kHypothetical;
    SourceLocation status_where;       ///< where `status` is written; line 0 when defaulted
    std::vector<SourceIndex> sources;  ///< ascending, distinct
    std::optional<double> likelihood;  ///< 0 < p <= 1; absent: unknown (not 1)
    std::optional<double> cut_cost;    ///< > 0; absent: the edge cannot be cut
    /// Who can end the edge (for `cut`; only with a cut_cost), free text such as "city
    /// council"; empty: the parties it joins, its two end nodes.
    std::string lever;
    std::vector<Conversion> convert;  ///< ascending by `from`, one per kind
    DateWindow in_force;
    Delay delay;  ///< 0 when not given
    std::string note;
    SourceLocation where;

    bool carries_kind(DataKindIndex kind) const;
    /// The kind that leaves the edge when `kind` enters it.
    DataKindIndex converted(DataKindIndex kind) const;
};

}  // namespace flowsim
