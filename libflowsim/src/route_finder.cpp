#include "flowsim/route_finder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <queue>
#include <unordered_map>

namespace flowsim {
namespace {

constexpr std::uint32_t kUnreachable = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t kNoState = std::numeric_limits<std::uint32_t>::max();
constexpr double kInfiniteCost = std::numeric_limits<double>::infinity();
// How many "out-groups near a target" lists the route finder keeps (see near_groups).
constexpr std::uint32_t kNearLevels = 3;

// Ranks of items by id, so that comparing ranks compares ids as byte strings. Sorting
// compares the ids' first eight bytes as one integer and looks at the strings only on a
// tie: a national network has millions of edge ids.
template <typename T>
std::vector<std::uint32_t> ranks_by_id(const std::vector<T>& items) {
    struct Keyed {
        std::uint64_t prefix;  // the first 8 bytes, big-endian, zero-padded
        std::uint32_t item;
    };
    std::vector<Keyed> keyed(items.size());
    for (std::uint32_t i = 0; i < items.size(); ++i) {
        const std::string& id = items[i].id;
        std::uint64_t prefix = 0;
        for (std::size_t b = 0; b < 8; ++b) {
            prefix = (prefix << 8) | (b < id.size() ? static_cast<unsigned char>(id[b]) : 0U);
        }
        keyed[i] = {prefix, i};
    }
    std::sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
        if (a.prefix != b.prefix) {
            return a.prefix < b.prefix;
        }
        return items[a.item].id < items[b.item].id;
    });
    std::vector<std::uint32_t> rank(items.size());
    for (std::uint32_t i = 0; i < keyed.size(); ++i) {
        rank[keyed[i].item] = i;
    }
    return rank;
}

// The edges from one node to one other node, in edge-id order.
struct EdgeGroup {
    NodeIndex head;
    std::uint32_t begin;  // into Graph::group_edges
    std::uint32_t end;
};

// One partial route at some depth: the edge that reached this depth, the variant at the
// previous depth it extends, its starting kind and its current kind. Parallel edges and
// several starting kinds make several variants for one sequence of nodes. `cost` is the
// sum of -log(likelihood) over its edges, added in route order (see likelihood_cost).
struct Variant {
    std::uint32_t parent;
    EdgeIndex edge;
    DataKindIndex start;
    DataKindIndex current;
    double cost;
};

// Whether a partial route of cost `cost`, whose cheapest completion costs at least
// `rest`, can still end strictly cheaper than `ceiling` (the k-th best held; none while
// fewer than k are held). An infinite cost is an unknown likelihood: such a route never
// beats a held one, which is known or, being found earlier, first in the fixed order; a
// known one beats every unknown. The sums are floating point: a
// relative slack far above their rounding error keeps the test from dropping a route
// that rounding made look a hair too expensive, while exact ties (most often 0 + 0, when
// every likelihood is 1) are still dropped, so a run of equally likely routes costs
// nothing once k of them are held.
bool could_beat(double cost, double rest, const std::optional<double>& ceiling) {
    if (!ceiling) {
        return true;
    }
    const double bound = cost + rest;
    if (bound == kInfiniteCost) {
        return false;
    }
    if (*ceiling == kInfiniteCost) {
        return true;
    }
    return bound - 1e-12 * (bound + *ceiling) < *ceiling;
}

KindMask carried_kinds(const Edge& edge) {
    KindMask mask = 0;
    for (const DataKindIndex kind : edge.carries) {
        mask |= kind_bit(kind);
    }
    return mask;
}

}  // namespace

struct RouteFinder::Impl {
    const ConfigurationView& view;
    const Scenario& scenario;
    RouteQuery query;
    std::size_t kinds;  // number of data kinds

    std::vector<std::uint32_t> node_rank, kind_rank;
    std::vector<NodeIndex> edge_tail, edge_head;  // per edge, copied out of the scenario
    // Out-edges grouped by head node, groups in node-id order: CSR over nodes.
    std::vector<std::uint32_t> group_offsets;
    std::vector<EdgeGroup> groups;
    std::vector<EdgeIndex> group_edges;
    // In-edges of each node: CSR over nodes.
    std::vector<std::uint32_t> in_offsets;
    std::vector<EdgeIndex> in_edges;
    std::vector<char> converts;  // per edge: changes some kind (has `convert`); see kind_after
    // Per edge: -log(likelihood), >= 0; inf: unknown. Filled by most_likely, the only
    // search that ranks routes (a logarithm per edge is a cost every other query skips).
    std::vector<double> edge_cost;

    std::vector<char> is_target, is_avoided, is_via;
    std::vector<NodeIndex> sources;  // in node-id order

    // Sources with the same active policies see the same edges: one group each.
    struct OriginGroup {
        std::vector<KindMask> active;     // per edge
        std::vector<std::uint32_t> dist;  // per state (node * kinds + kind): hops to a target
        std::vector<std::uint32_t> next;  // per state: the next state on a shortest way
        // With --via: per state, the fewest hops to a target through a via node.
        std::vector<std::uint32_t> dist_via;
        // Per out-group (see `groups`): the fewest hops from its head to a target in any
        // kind, ignoring the route so far; 0 for a target. A lower bound that lets the
        // search skip a group without looking at its edges.
        std::vector<std::uint32_t> head_dist;
        // For t < kNearLevels: per node, its out-groups with head_dist <= t, in node-id
        // order (CSR over nodes). Near the end of a route only these can come next, and
        // hub nodes have thousands of out-groups of which a handful are near a target.
        std::array<std::vector<std::uint32_t>, kNearLevels> near_offsets, near_groups;
        // For most_likely: per state, the least cost (sum of -log likelihood) to a
        // target, ignoring the route so far. Empty until needed.
        std::vector<double> cost_to_target;
    };
    std::vector<OriginGroup> origin_groups;
    std::vector<std::uint32_t> group_of_source;  // parallel to `sources`

    // Scratch for the enumeration.
    std::vector<std::uint32_t> on_path;  // epoch marks
    std::vector<NodeIndex> path;
    std::vector<std::vector<Variant>> levels;
    std::vector<std::uint32_t> seen;  // epoch marks for searches
    std::uint32_t seen_epoch = 0;
    std::vector<std::uint32_t> queue, queue_depth;

    Impl(const ConfigurationView& v, RouteQuery q)
        : view(v),
          scenario(v.scenario()),
          query(std::move(q)),
          kinds(scenario.data_kinds().size()) {
        build_graph();
        build_roles();
        build_origin_groups();
    }

    void build_graph() {
        const auto& nodes = scenario.nodes();
        const auto& edges = scenario.edges();
        node_rank = ranks_by_id(nodes);
        kind_rank = ranks_by_id(scenario.data_kinds());

        // Tails, heads, conversions and likelihood costs copied out of the edge records in one
        // pass: every
        // pass below reads them, and an Edge is hundreds of bytes.
        edge_tail.resize(edges.size());
        edge_head.resize(edges.size());
        converts.resize(edges.size());
        for (EdgeIndex e = 0; e < edges.size(); ++e) {
            const Edge& edge = edges[e];
            edge_tail[e] = edge.from;
            edge_head[e] = edge.to;
            converts[e] = !edge.convert.empty();
        }

        // Edges by tail (counting sort), then by head's rank, then parallel edges by id.
        // Edge ids are compared only between parallel edges: the only edges a route can
        // choose between for the same step, so no global order of edge ids is needed.
        std::vector<std::uint32_t> tail_offsets(nodes.size() + 1, 0);
        for (const NodeIndex tail : edge_tail) {
            ++tail_offsets[tail + 1];
        }
        std::partial_sum(tail_offsets.begin(), tail_offsets.end(), tail_offsets.begin());
        // Per edge, in tail order: the head's rank in the high half, the edge in the low.
        std::vector<std::uint64_t> keyed(edges.size());
        {
            std::vector<std::uint32_t> fill(tail_offsets.begin(), tail_offsets.end() - 1);
            for (EdgeIndex e = 0; e < edges.size(); ++e) {
                keyed[fill[edge_tail[e]]++] = (std::uint64_t{node_rank[edge_head[e]]} << 32) | e;
            }
        }
        const auto edge_of = [](std::uint64_t key) {
            return static_cast<EdgeIndex>(key);
        };
        for (NodeIndex node = 0; node < nodes.size(); ++node) {
            const auto first = keyed.begin() + tail_offsets[node];
            const auto last = keyed.begin() + tail_offsets[node + 1];
            std::sort(first, last);
            // Runs with the same head are parallel edges: by id.
            for (auto run = first; run != last;) {
                auto run_end = run + 1;
                while (run_end != last && (*run_end >> 32) == (*run >> 32)) {
                    ++run_end;
                }
                if (run_end - run > 1) {
                    std::sort(run, run_end, [&](std::uint64_t a, std::uint64_t b) {
                        return edges[edge_of(a)].id < edges[edge_of(b)].id;
                    });
                }
                run = run_end;
            }
        }
        group_offsets.assign(nodes.size() + 1, 0);
        group_edges.resize(edges.size());
        groups.reserve(edges.size());  // at most one group per edge: no copying as it grows
        for (std::uint32_t i = 0; i < keyed.size(); ++i) {
            const EdgeIndex e = edge_of(keyed[i]);
            group_edges[i] = e;
            if (i == 0 || edge_tail[group_edges[i - 1]] != edge_tail[e] ||
                edge_head[group_edges[i - 1]] != edge_head[e]) {
                groups.push_back({edge_head[e], i, i + 1});
                ++group_offsets[edge_tail[e] + 1];
            } else {
                groups.back().end = i + 1;
            }
        }
        std::partial_sum(group_offsets.begin(), group_offsets.end(), group_offsets.begin());

        in_offsets.assign(nodes.size() + 1, 0);
        for (const NodeIndex head : edge_head) {
            ++in_offsets[head + 1];
        }
        std::partial_sum(in_offsets.begin(), in_offsets.end(), in_offsets.begin());
        in_edges.resize(edges.size());
        std::vector<std::uint32_t> fill(in_offsets.begin(), in_offsets.end() - 1);
        for (EdgeIndex e = 0; e < edges.size(); ++e) {
            in_edges[fill[edge_head[e]]++] = e;
        }
    }

    // The kind that leaves edge `e` when `kind` enters it. Few edges convert, so their
    // records are read only for those; a table per edge and kind would cost every query
    // memory in proportion to edges times kinds.
    DataKindIndex kind_after(EdgeIndex e, DataKindIndex kind) const {
        return converts[e] ? scenario.edges()[e].converted(kind) : kind;
    }

    void build_roles() {
        const std::size_t n = scenario.nodes().size();
        is_avoided.assign(n, 0);
        if (!query.structural) {
            for (const NodeIndex node : query.avoid) {
                is_avoided[node] = 1;
            }
        }
        is_target.assign(n, 0);
        for (const NodeIndex node : query.to) {
            is_target[node] = !is_avoided[node];
        }
        is_via.assign(n, 0);
        if (query.via) {
            for (const NodeIndex node : *query.via) {
                is_via[node] = 1;
            }
        }
        // A source inside the targets has no route: nothing may come before a target.
        for (const NodeIndex node : query.from) {
            if (!is_avoided[node] && !is_target[node]) {
                sources.push_back(node);
            }
        }
        std::sort(sources.begin(), sources.end(),
                  [&](NodeIndex a, NodeIndex b) { return node_rank[a] < node_rank[b]; });
        sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
        on_path.assign(n, 0);
        seen.assign(n * std::max<std::size_t>(kinds, 1), 0);
    }

    void build_origin_groups() {
        std::map<std::vector<std::uint32_t>, std::uint32_t> group_by_policies;
        for (const NodeIndex source : sources) {
            auto policies =
                query.structural ? std::vector<std::uint32_t>{} : view.policies_for_origin(source);
            const auto found = group_by_policies.find(policies);
            if (found != group_by_policies.end()) {
                group_of_source.push_back(found->second);
                continue;
            }
            const auto index = static_cast<std::uint32_t>(origin_groups.size());
            group_by_policies.emplace(policies, index);
            group_of_source.push_back(index);
            OriginGroup group;
            group.active.resize(scenario.edges().size());
            for (EdgeIndex e = 0; e < scenario.edges().size(); ++e) {
                const bool touches_avoided = is_avoided[edge_tail[e]] || is_avoided[edge_head[e]];
                if (query.structural) {
                    group.active[e] = carried_kinds(scenario.edges()[e]);
                } else {
                    group.active[e] = touches_avoided ? 0
                                                      : view.unconditional_kinds(e) &
                                                            ~view.denied_kinds(e, policies);
                }
            }
            compute_distances(group);
            compute_head_distances(group);
            if (query.via) {
                compute_via_distances(group);
            }
            origin_groups.push_back(std::move(group));
        }
    }

    // Calls `visit` with every state one active edge before `state`: the states a route
    // can be in just before it reaches `state`. Targets have no successors on a route
    // (a route ends at its first target), so they are never predecessors.
    template <typename Visit>
    void for_each_predecessor(const OriginGroup& group, std::uint32_t state, Visit visit) const {
        const NodeIndex node = state / kinds;
        const DataKindIndex kind = state % kinds;
        for (std::uint32_t i = in_offsets[node]; i < in_offsets[node + 1]; ++i) {
            const EdgeIndex e = in_edges[i];
            const NodeIndex tail = edge_tail[e];
            if (is_target[tail]) {
                continue;
            }
            KindMask mask = group.active[e];
            if (!converts[e]) {
                // Every kind leaves as it entered: only `kind` itself comes before.
                if ((mask & kind_bit(kind)) != 0) {
                    visit(static_cast<std::uint32_t>(tail * kinds + kind), e);
                }
                continue;
            }
            while (mask != 0) {
                const auto k = static_cast<DataKindIndex>(__builtin_ctzll(mask));
                mask &= mask - 1;
                if (kind_after(e, k) == kind) {
                    visit(static_cast<std::uint32_t>(tail * kinds + k), e);
                }
            }
        }
    }

    // Backward breadth-first search over (node, kind) states from every target: the
    // fewest hops from each state to a target, ignoring the route so far.
    void compute_distances(OriginGroup& group) {
        const std::size_t states = scenario.nodes().size() * kinds;
        group.dist.assign(states, kUnreachable);
        group.next.assign(states, kNoState);
        std::vector<std::uint32_t>& frontier = queue;  // first in, first out: read at `at`
        frontier.clear();
        for (NodeIndex node = 0; node < scenario.nodes().size(); ++node) {
            if (is_target[node]) {
                for (DataKindIndex k = 0; k < kinds; ++k) {
                    group.dist[node * kinds + k] = 0;
                    frontier.push_back(static_cast<std::uint32_t>(node * kinds + k));
                }
            }
        }
        for (std::size_t at = 0; at < frontier.size(); ++at) {
            const std::uint32_t state = frontier[at];
            for_each_predecessor(group, state, [&](std::uint32_t before, EdgeIndex) {
                if (group.dist[before] == kUnreachable) {
                    group.dist[before] = group.dist[state] + 1;
                    group.next[before] = state;
                    frontier.push_back(before);
                }
            });
        }
    }

    void compute_head_distances(OriginGroup& group) const {
        group.head_dist.resize(groups.size());
        for (std::size_t g = 0; g < groups.size(); ++g) {
            const NodeIndex head = groups[g].head;
            std::uint32_t least = is_target[head] ? 0 : kUnreachable;
            for (DataKindIndex k = 0; k < kinds && least != 0; ++k) {
                least = std::min(least, group.dist[head * kinds + k]);
            }
            group.head_dist[g] = least;
        }
        const std::size_t n = scenario.nodes().size();
        for (std::uint32_t t = 0; t < kNearLevels; ++t) {
            std::vector<std::uint32_t>& offsets = group.near_offsets[t];
            std::vector<std::uint32_t>& near = group.near_groups[t];
            offsets.assign(n + 1, 0);
            for (NodeIndex node = 0; node < n; ++node) {
                for (std::uint32_t g = group_offsets[node]; g < group_offsets[node + 1]; ++g) {
                    if (group.head_dist[g] <= t) {
                        near.push_back(g);
                    }
                }
                offsets[node + 1] = static_cast<std::uint32_t>(near.size());
            }
        }
    }

    // For --via: the fewest hops from each state to a target by way of a via node,
    // ignoring the route so far. A via node starts with its own distance to a target;
    // from there the search runs backwards as compute_distances does, nearest first.
    void compute_via_distances(OriginGroup& group) {
        group.dist_via.assign(group.dist.size(), kUnreachable);
        using Entry = std::pair<std::uint32_t, std::uint32_t>;  // distance, state
        std::priority_queue<Entry, std::vector<Entry>, std::greater<>> frontier;
        for (NodeIndex node = 0; node < scenario.nodes().size(); ++node) {
            if (!is_via[node] || is_avoided[node]) {
                continue;
            }
            for (DataKindIndex k = 0; k < kinds; ++k) {
                const auto state = static_cast<std::uint32_t>(node * kinds + k);
                if (group.dist[state] != kUnreachable) {
                    group.dist_via[state] = group.dist[state];
                    frontier.emplace(group.dist[state], state);
                }
            }
        }
        while (!frontier.empty()) {
            // Plain copies: a lambda may not capture structured bindings in C++17.
            const std::uint32_t distance = frontier.top().first;
            const std::uint32_t state = frontier.top().second;
            frontier.pop();
            if (distance != group.dist_via[state]) {
                continue;  // a shorter way was found after this entry was queued
            }
            for_each_predecessor(group, state, [&](std::uint32_t before, EdgeIndex) {
                if (distance + 1 < group.dist_via[before]) {
                    group.dist_via[before] = distance + 1;
                    frontier.emplace(distance + 1, before);
                }
            });
        }
    }

    // For most_likely: Dijkstra backwards from every target over -log(likelihood), so
    // that cost_to_target is a lower bound on what any route can still add.
    void compute_costs_to_target(OriginGroup& group) {
        group.cost_to_target.assign(group.dist.size(), kInfiniteCost);
        using Entry = std::pair<double, std::uint32_t>;  // cost, state
        std::priority_queue<Entry, std::vector<Entry>, std::greater<>> frontier;
        for (NodeIndex node = 0; node < scenario.nodes().size(); ++node) {
            if (is_target[node]) {
                for (DataKindIndex k = 0; k < kinds; ++k) {
                    const auto state = static_cast<std::uint32_t>(node * kinds + k);
                    group.cost_to_target[state] = 0.0;
                    frontier.emplace(0.0, state);
                }
            }
        }
        while (!frontier.empty()) {
            const double cost = frontier.top().first;
            const std::uint32_t state = frontier.top().second;
            frontier.pop();
            if (cost != group.cost_to_target[state]) {
                continue;
            }
            for_each_predecessor(group, state, [&](std::uint32_t before, EdgeIndex edge) {
                const double through = edge_cost[edge] + cost;
                if (through < group.cost_to_target[before]) {
                    group.cost_to_target[before] = through;
                    frontier.emplace(through, before);
                }
            });
        }
    }

    // Whether a route can go on from `node`, holding `kind`, to a target within
    // `budget` hops without touching a node marked on the current route (`node` itself
    // is marked). First the shortest way found without the route; only when that way
    // runs into the route, a search that avoids it.
    bool can_finish(const OriginGroup& group,
                    NodeIndex node,
                    DataKindIndex kind,
                    std::uint32_t budget,
                    std::uint32_t path_epoch) {
        const std::uint32_t start = static_cast<std::uint32_t>(node * kinds + kind);
        if (group.dist[start] > budget) {
            return false;
        }
        // A route that has not yet touched a via node must still pass one.
        if (query.via && !via_on_path.back() && !is_via[node] && group.dist_via[start] > budget) {
            return false;
        }
        ++seen_epoch;
        bool clear = true;
        for (std::uint32_t state = group.next[start]; state != kNoState;
             state = group.next[state]) {
            const NodeIndex on = state / kinds;
            if (on_path[on] == path_epoch || seen[on] == seen_epoch) {
                clear = false;
                break;
            }
            seen[on] = seen_epoch;
        }
        if (clear) {
            return true;
        }
        const std::uint32_t prefix = trie_path.back();
        std::uint32_t* known = nullptr;
        if (prefix != kNoState) {
            const auto found = detours.distances[prefix].find(start);
            if (found != detours.distances[prefix].end()) {
                known = &found->second;
                if ((*known & kMoreThan) == 0) {
                    return *known <= budget;  // the exact distance
                }
                if (budget <= (*known & ~kMoreThan)) {
                    return false;  // known to need more hops than `budget`
                }
            }
        }
        const std::uint32_t distance = distance_avoiding_route(group, start, path_epoch, budget);
        // Exact when within the budget; else only "more than `budget`".
        const std::uint32_t learned = distance <= budget ? distance : (budget | kMoreThan);
        if (known != nullptr) {
            *known = learned;  // a larger budget than the last search had
        } else if (detours.entries < kMaxDetours) {
            remember_detour(start, learned);
        }
        return distance <= budget;
    }

    // Distances found by distance_avoiding_route, kept across rounds (round h + 1 walks
    // the same prefixes as round h, with a larger budget). A prefix (the nodes of the
    // route so far) is a path in this trie; a trie node maps states to their fewest hops
    // to a target while that prefix is taken, or, with kMoreThan set, to a number of hops
    // the fewest is known to exceed (the search was bounded). Only prefixes that needed a
    // search get trie nodes, so memory follows the searches made, and stops growing at
    // kMaxDetours.
    struct Detours {
        std::vector<std::unordered_map<NodeIndex, std::uint32_t>> children{1};  // 0: root
        std::vector<std::unordered_map<std::uint32_t, std::uint32_t>> distances{1};
        std::size_t entries = 0;
    };
    static constexpr std::size_t kMaxDetours = 1 << 20;
    static constexpr std::uint32_t kMoreThan = 1U << 31;
    Detours detours;
    std::vector<std::uint32_t> trie_path;  // per depth: the trie node of path[0..depth]
    std::vector<char> via_on_path;         // per depth: path[0..depth] has a via node

    std::uint32_t trie_child(std::uint32_t parent, NodeIndex node) const {
        if (parent == kNoState) {
            return kNoState;
        }
        const auto found = detours.children[parent].find(node);
        return found == detours.children[parent].end() ? kNoState : found->second;
    }

    void remember_detour(std::uint32_t state, std::uint32_t distance) {
        std::uint32_t parent = 0;
        for (std::size_t depth = 0; depth < path.size(); ++depth) {
            auto found = detours.children[parent].find(path[depth]);
            if (found == detours.children[parent].end()) {
                const auto index = static_cast<std::uint32_t>(detours.children.size());
                found = detours.children[parent].emplace(path[depth], index).first;
                detours.children.emplace_back();
                detours.distances.emplace_back();
            }
            parent = found->second;
            trie_path[depth] = parent;
        }
        detours.distances[parent].emplace(state, distance);
        ++detours.entries;
    }

    // Breadth-first search forwards over states from `start`, never entering a node on
    // the route: the fewest hops to a target that way when that is at most `budget`, else
    // kUnreachable. A state is not queued when even its shortest way ignoring the route
    // (`dist`, a lower bound) would end past the budget, so the search stays within the
    // few states that could still finish in time.
    std::uint32_t distance_avoiding_route(const OriginGroup& group,
                                          std::uint32_t start,
                                          std::uint32_t path_epoch,
                                          std::uint32_t budget) {
        ++seen_epoch;
        queue.clear();
        queue_depth.clear();
        queue.push_back(start);
        queue_depth.push_back(0);
        seen[start] = seen_epoch;
        for (std::size_t at = 0; at < queue.size(); ++at) {
            const std::uint32_t state = queue[at];
            const std::uint32_t depth = queue_depth[at];
            const NodeIndex node = state / kinds;
            const DataKindIndex kind = state % kinds;
            for (std::uint32_t g = group_offsets[node]; g < group_offsets[node + 1]; ++g) {
                const NodeIndex head = groups[g].head;
                if (on_path[head] == path_epoch) {
                    continue;
                }
                for (std::uint32_t i = groups[g].begin; i < groups[g].end; ++i) {
                    const EdgeIndex e = group_edges[i];
                    if ((group.active[e] & kind_bit(kind)) == 0) {
                        continue;
                    }
                    if (is_target[head]) {
                        return depth + 1;  // breadth first: the first target is the nearest
                    }
                    const std::uint32_t after =
                        static_cast<std::uint32_t>(head * kinds + kind_after(e, kind));
                    if (seen[after] != seen_epoch &&
                        std::uint64_t{depth} + 1 + group.dist[after] <= budget) {
                        seen[after] = seen_epoch;
                        queue.push_back(after);
                        queue_depth.push_back(depth + 1);
                    }
                }
            }
        }
        return kUnreachable;
    }

    // ---- Enumeration ----------------------------------------------------------------------

    struct Run {
        const std::function<bool(const Route&)>* on_route;
        StopCondition stop_condition;
        std::size_t hops = 0;       // this round's route length
        std::size_t hop_limit = 0;  // the longest route wanted at all
        bool longer_possible = false;
        bool stop = false;
        Completion ending;  // why it stopped, when it did
        std::size_t emitted = 0;
        std::size_t steps = 0;
        // most_likely: drop partial routes that cannot end cheaper than this.
        const std::optional<double>* ceiling = nullptr;
        // enumerate_from: only this source, and only this starting kind when given.
        std::optional<NodeIndex> only_source;
        std::optional<DataKindIndex> only_kind;
        std::uint32_t path_epoch = 0;
        const OriginGroup* group = nullptr;
        Route route;
    };

    Enumeration enumerate(const std::function<bool(const Route&)>& on_route,
                          const StopCondition& stop,
                          const std::optional<double>* ceiling = nullptr,
                          std::optional<NodeIndex> only_source = std::nullopt,
                          std::optional<DataKindIndex> only_kind = std::nullopt) {
        Run run;
        run.on_route = &on_route;
        run.stop_condition = stop;
        run.ceiling = ceiling;
        run.only_source = only_source;
        run.only_kind = only_kind;
        const std::size_t most = scenario.nodes().empty() ? 0 : scenario.nodes().size() - 1;
        run.hop_limit = query.max_hops ? std::min(*query.max_hops, most) : most;
        levels.resize(run.hop_limit + 1);
        for (std::size_t hops = 1; hops <= run.hop_limit && !run.stop; ++hops) {
            run.hops = hops;
            run.longer_possible = false;
            for (std::size_t i = 0; i < sources.size() && !run.stop; ++i) {
                if (run.only_source && sources[i] != *run.only_source) {
                    continue;
                }
                start_from(run, sources[i], origin_groups[group_of_source[i]]);
            }
            if (!run.longer_possible) {
                break;
            }
        }
        Enumeration result;
        result.routes = run.emitted;
        result.completion = run.ending;
        return result;
    }

    std::vector<DataKindIndex> start_kinds(NodeIndex source) const {
        std::vector<DataKindIndex> result;
        if (query.data) {
            result.push_back(*query.data);
        } else if (!scenario.nodes()[source].produces.empty()) {
            result = scenario.nodes()[source].produces;
        } else {
            for (DataKindIndex k = 0; k < kinds; ++k) {
                result.push_back(k);
            }
        }
        std::sort(result.begin(), result.end(),
                  [&](DataKindIndex a, DataKindIndex b) { return kind_rank[a] < kind_rank[b]; });
        return result;
    }

    void start_from(Run& run, NodeIndex source, const OriginGroup& group) {
        run.group = &group;
        run.path_epoch = next_path_epoch();
        std::vector<Variant>& first = levels[0];
        first.clear();
        for (const DataKindIndex kind : start_kinds(source)) {
            if (run.only_kind && kind != *run.only_kind) {
                continue;
            }
            const std::uint32_t state = source * kinds + kind;
            const bool needs_via = query.via && !is_via[source];
            if ((needs_via ? group.dist_via[state] : group.dist[state]) <= run.hop_limit) {
                first.push_back({kNoState, 0, kind, kind, 0.0});
            }
        }
        if (first.empty()) {
            return;
        }
        path.assign(1, source);
        via_on_path.assign(1, is_via[source]);
        trie_path.assign(1, trie_child(0, source));
        on_path[source] = run.path_epoch;
        extend(run);
        on_path[source] = 0;
    }

    std::uint32_t next_path_epoch() {
        static_assert(sizeof(std::uint32_t) == 4);
        // Each source gets a fresh mark; marks of earlier sources never match.
        ++path_epoch_counter;
        return path_epoch_counter;
    }
    std::uint32_t path_epoch_counter = 0;

    // Whether the stop condition holds; checked every 1024 steps, since the clock and
    // the flag cost more than a step.
    bool out_of_time(Run& run) {
        if ((++run.steps & 1023) != 0) {
            return run.stop;
        }
        const Completion now = run.stop_condition.check();
        if (!now.complete()) {
            run.ending.merge(now);
            run.stop = true;
        }
        return run.stop;
    }

    // One depth of the search in `extend`: the out-groups of path[depth] still to try
    // (indices into `groups`, or with `near` > 0 into near_groups[near - 1]), and whether
    // path[depth + 1] was pushed (to be popped when its search ends).
    struct Frame {
        std::uint32_t next;
        std::uint32_t end;
        std::uint32_t near;
        bool descended;
    };
    std::vector<Frame> frames;
    std::vector<Variant> kept_scratch;  // try_group's variants that can still finish

    // The frame for `node` at `depth`: only the out-groups whose head can still reach a
    // target within this round's length, or, while it is not yet known whether longer
    // routes exist (try_group's `longer_possible`), within the hop limit; the same groups
    // `extend` would keep, without looking at the others.
    Frame frame_for(const Run& run, NodeIndex node, std::size_t depth) const {
        const std::size_t hops = depth + 1;  // the route's length through the next head
        const std::size_t reach = run.longer_possible ? run.hops : run.hop_limit;
        if (reach >= hops && reach - hops < kNearLevels) {
            const auto t = static_cast<std::uint32_t>(reach - hops);
            const std::vector<std::uint32_t>& offsets = run.group->near_offsets[t];
            return {offsets[node], offsets[node + 1], t + 1, false};
        }
        return {group_offsets[node], group_offsets[node + 1], 0, false};
    }

    // Depth-first search from path[0] over node sequences of this round's length, in
    // node-id order. The stack of frames is explicit, one per hop: a chain of a million
    // nodes must not exhaust the call stack.
    void extend(Run& run) {
        frames.clear();
        frames.push_back(frame_for(run, path.front(), 0));
        while (!frames.empty()) {
            Frame& frame = frames.back();
            if (frame.descended) {
                frame.descended = false;
                const NodeIndex child = path.back();
                trie_path.pop_back();
                via_on_path.pop_back();
                path.pop_back();
                on_path[child] = 0;
            }
            if (frame.next >= frame.end || run.stop || out_of_time(run)) {
                frames.pop_back();
                continue;
            }
            const std::uint32_t g = frame.near > 0
                                        ? run.group->near_groups[frame.near - 1][frame.next++]
                                        : frame.next++;
            // The head cannot finish in this round, nor (when that is still in question)
            // within the hop limit: try_group would drop it, and cost a look at its edges.
            const std::size_t hops = frames.size();  // the route's length through g
            const std::uint32_t least = run.group->head_dist[g];
            if (hops + least > run.hops && (run.longer_possible || hops + least > run.hop_limit)) {
                continue;
            }
            if (try_group(run, frames.size() - 1, g)) {
                // path.back() is now groups[g].head, marked on the route.
                frame.descended = true;
                frames.push_back(frame_for(run, path.back(), frames.size()));
            }
        }
    }

    // One step of `extend`: the variants at `depth + 1` through out-group `g` of
    // path[depth]. Emits the routes that end there; returns true when the search goes on
    // from the group's head (pushed on `path` and marked), false when it does not.
    bool try_group(Run& run, std::size_t depth, std::uint32_t g) {
        const OriginGroup& group = *run.group;
        const std::vector<Variant>& here = levels[depth];
        const NodeIndex head = groups[g].head;
        if (on_path[head] == run.path_epoch) {
            return false;
        }
        std::vector<Variant>& next = levels[depth + 1];
        next.clear();
        for (std::uint32_t v = 0; v < here.size(); ++v) {
            for (std::uint32_t i = groups[g].begin; i < groups[g].end; ++i) {
                const EdgeIndex e = group_edges[i];
                if ((group.active[e] & kind_bit(here[v].current)) == 0) {
                    continue;
                }
                const DataKindIndex after = kind_after(e, here[v].current);
                const double cost = run.ceiling != nullptr ? here[v].cost + edge_cost[e] : 0.0;
                if (run.ceiling != nullptr &&
                    !could_beat(cost, group.cost_to_target[head * kinds + after], *run.ceiling)) {
                    continue;
                }
                next.push_back({v, e, here[v].start, after, cost});
            }
        }
        if (next.empty()) {
            return false;
        }
        const std::size_t hops = depth + 1;
        if (is_target[head]) {
            if (hops == run.hops) {
                emit(run, depth + 1, head);
            }
            return false;
        }
        on_path[head] = run.path_epoch;
        if (hops == run.hops) {
            // Routes longer than this round's come in a later round, if any exist.
            if (!run.longer_possible && hops < run.hop_limit) {
                for (const Variant& variant : next) {
                    if (can_finish(group, head, variant.current,
                                   static_cast<std::uint32_t>(run.hop_limit - hops),
                                   run.path_epoch)) {
                        run.longer_possible = true;
                        break;
                    }
                }
            }
        } else {
            const auto budget = static_cast<std::uint32_t>(run.hops - hops);
            std::vector<Variant>& kept = kept_scratch;
            kept.clear();
            // One check per distinct current kind.
            KindMask checked = 0;
            KindMask feasible = 0;
            for (const Variant& variant : next) {
                const KindMask bit = kind_bit(variant.current);
                if ((checked & bit) == 0) {
                    checked |= bit;
                    if (can_finish(group, head, variant.current, budget, run.path_epoch)) {
                        feasible |= bit;
                    } else if (!run.longer_possible &&
                               can_finish(group, head, variant.current,
                                          static_cast<std::uint32_t>(run.hop_limit - hops),
                                          run.path_epoch)) {
                        // Too long for this round, but a later round will find it.
                        run.longer_possible = true;
                    }
                }
                if (feasible & bit) {
                    kept.push_back(variant);
                }
            }
            if (!kept.empty()) {
                next.swap(kept);
                path.push_back(head);
                via_on_path.push_back(via_on_path.back() || is_via[head]);
                trie_path.push_back(trie_child(trie_path.back(), head));
                return true;
            }
        }
        on_path[head] = 0;
        return false;
    }

    // Hands every variant at `depth` (which ends at target `head`) to the callback, in
    // edge-id order, then starting-kind order.
    void emit(Run& run, std::size_t depth, NodeIndex head) {
        if (query.via) {
            bool touches = is_via[head] != 0;
            for (const NodeIndex node : path) {
                touches = touches || is_via[node];
            }
            if (!touches) {
                return;
            }
        }
        Route& route = run.route;
        route.nodes = path;
        route.nodes.push_back(head);
        route.source = path.front();
        route.target = head;
        const std::vector<Variant>& last = levels[depth];
        if (last.size() == 1) {
            // One variant (no parallel edges, one starting kind): nothing to order, and the
            // route's vectors keep their capacity from one route to the next.
            fill_edges(route.edges, depth, last.front());
            route.data = last.front().start;
            route.arrives_as = last.front().current;
            hand_over(run, route);
            return;
        }
        struct Found {
            std::vector<EdgeIndex> edges;
            DataKindIndex start;
            DataKindIndex arrives;
        };
        std::vector<Found> found;
        for (const Variant& variant : last) {
            Found item{{}, variant.start, variant.current};
            fill_edges(item.edges, depth, variant);
            found.push_back(std::move(item));
        }
        std::sort(found.begin(), found.end(), [&](const Found& a, const Found& b) {
            for (std::size_t i = 0; i < a.edges.size(); ++i) {
                if (a.edges[i] != b.edges[i]) {
                    // Parallel edges (same nodes): by id.
                    return scenario.edges()[a.edges[i]].id < scenario.edges()[b.edges[i]].id;
                }
            }
            return kind_rank[a.start] < kind_rank[b.start];
        });
        for (Found& item : found) {
            route.edges = std::move(item.edges);
            route.data = item.start;
            route.arrives_as = item.arrives;
            if (!hand_over(run, route)) {
                return;
            }
        }
    }

    // The edges of the route that ends with `variant` at `depth`, first edge first.
    void fill_edges(std::vector<EdgeIndex>& edges,
                    std::size_t depth,
                    const Variant& variant) const {
        edges.resize(depth);
        const Variant* at = &variant;
        for (std::size_t d = depth; d > 0; --d) {
            edges[d - 1] = at->edge;
            if (d > 1) {
                at = &levels[d - 1][at->parent];
            }
        }
    }

    // Gives `route` to the callback; false (and the run stopped) when it says stop.
    bool hand_over(Run& run, const Route& route) {
        ++run.emitted;
        if (!(*run.on_route)(route)) {
            run.ending.merge(Completion::limited());
            run.stop = true;
            return false;
        }
        return true;
    }

    Enumeration most_likely(std::size_t k,
                            const std::function<bool(const Route&)>& on_route,
                            const StopCondition& stop) {
        if (k == 0) {
            return {};
        }
        if (edge_cost.empty()) {
            edge_cost.resize(scenario.edges().size());
            for (EdgeIndex e = 0; e < scenario.edges().size(); ++e) {
                edge_cost[e] = likelihood_cost(scenario.edges()[e].likelihood);
            }
        }
        for (OriginGroup& group : origin_groups) {
            if (group.cost_to_target.empty()) {
                compute_costs_to_target(group);
            }
        }
        // The k cheapest routes so far, as a max-heap on (cost, order found): the fixed
        // order breaks ties, so an equally cheap route found later never displaces one.
        struct Ranked {
            double cost;
            std::size_t order;
            Route route;
        };
        const auto before = [](const Ranked& a, const Ranked& b) {
            return a.cost != b.cost ? a.cost < b.cost : a.order < b.order;
        };
        std::vector<Ranked> best;
        std::size_t found = 0;
        std::optional<double> ceiling;
        const std::function<bool(const Route&)> keep = [&](const Route& route) {
            double cost = 0.0;
            for (const EdgeIndex e : route.edges) {
                cost += edge_cost[e];
            }
            const std::size_t order = found++;
            if (best.size() == k && !(cost < best.front().cost)) {
                return true;
            }
            best.push_back({cost, order, route});
            std::push_heap(best.begin(), best.end(), before);
            if (best.size() > k) {
                std::pop_heap(best.begin(), best.end(), before);
                best.pop_back();
            }
            if (best.size() == k) {
                ceiling = best.front().cost;
            }
            return true;
        };
        Enumeration result = enumerate(keep, stop, &ceiling);
        std::sort_heap(best.begin(), best.end(), before);
        result.routes = 0;
        for (const Ranked& ranked : best) {
            ++result.routes;
            if (!on_route(ranked.route)) {
                break;
            }
        }
        return result;
    }

    bool maybe_reachable() {
        for (std::size_t i = 0; i < sources.size(); ++i) {
            const OriginGroup& group = origin_groups[group_of_source[i]];
            for (const DataKindIndex kind : start_kinds(sources[i])) {
                const std::uint32_t state = sources[i] * kinds + kind;
                const bool needs_via = query.via && !is_via[sources[i]];
                if ((needs_via ? group.dist_via[state] : group.dist[state]) != kUnreachable) {
                    return true;
                }
            }
        }
        return false;
    }
};

RouteFinder::RouteFinder(const ConfigurationView& view, RouteQuery query)
    : impl_(std::make_unique<Impl>(view, std::move(query))) {}

RouteFinder::~RouteFinder() = default;

Enumeration RouteFinder::enumerate(const std::function<bool(const Route&)>& on_route,
                                   const StopCondition& stop) {
    return impl_->enumerate(on_route, stop);
}

Enumeration RouteFinder::enumerate_from(NodeIndex source,
                                        std::optional<DataKindIndex> kind,
                                        const std::function<bool(const Route&)>& on_route,
                                        const StopCondition& stop) {
    return impl_->enumerate(on_route, stop, nullptr, source, kind);
}

const std::vector<NodeIndex>& RouteFinder::sources() const {
    return impl_->sources;
}

std::vector<DataKindIndex> RouteFinder::start_kinds(NodeIndex source) const {
    return impl_->start_kinds(source);
}

Enumeration RouteFinder::most_likely(std::size_t k,
                                     const std::function<bool(const Route&)>& on_route,
                                     const StopCondition& stop) {
    return impl_->most_likely(k, on_route, stop);
}

bool RouteFinder::maybe_reachable() const {
    return impl_->maybe_reachable();
}

}  // namespace flowsim
