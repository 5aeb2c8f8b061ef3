#pragma once

// The one seam to Boost.Graph: plain vectors in and out, no descriptors or property maps
// beyond this file pair.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace flowsim::detail {

/// A directed arc with an integer capacity (>= 0).
struct Arc {
    std::uint32_t from = 0;
    std::uint32_t to = 0;
    std::int64_t capacity = 0;
};

/// A minimum cut between two vertices.
struct MinimumCut {
    std::int64_t capacity = 0;          ///< the maximum flow, equal to the cut's capacity
    std::vector<std::size_t> cut_arcs;  ///< indices into the arcs, ascending
};

/// The minimum `source`-`sink` cut of the graph on `vertices` vertices with `arcs`
/// (push-relabel max-flow): the arcs from the vertices the source still reaches in the
/// residual graph to the rest. O(V^3) at worst; far less on sparse graphs.
MinimumCut minimum_cut(std::size_t vertices,
                       const std::vector<Arc>& arcs,
                       std::uint32_t source,
                       std::uint32_t sink);

}  // namespace flowsim::detail
