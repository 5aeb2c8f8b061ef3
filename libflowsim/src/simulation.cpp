#include "flowsim/simulation.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <thread>
#include <unordered_map>

namespace flowsim {
namespace {

// ---- Random numbers ----------------------------------------------------------------------

constexpr std::uint64_t kGamma = 0x9E3779B97F4A7C15ULL;  // SplitMix64's increment
constexpr std::uint64_t kAlways = std::uint64_t{1} << 53;

// SplitMix64's output function: a bijection on 64 bits with good avalanche.
std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// The seed of run `index`'s stream: a hash of the seed and the index alone, distinct for
// distinct indices (mix64 is a bijection).
std::uint64_t run_key(std::uint64_t seed, std::uint64_t index) {
    return mix64(mix64(seed + kGamma) ^ (index + kGamma));
}

// Output `n` (from 1) of SplitMix64 seeded with `key`: random access into the stream.
std::uint64_t draw(std::uint64_t key, std::uint64_t n) {
    return mix64(key + n * kGamma);
}

constexpr Seconds kNever = -1;  // an edge that is closed in a run
constexpr Seconds kNoLimit = std::numeric_limits<Seconds>::max();
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// What a run needs to know of an edge, compiled once.
struct EdgeDraw {
    std::uint64_t threshold = kAlways;  // open iff the draw's top 53 bits are below it
    Seconds min = 0;
    Seconds span = 0;          // max - min
    Seconds limit = kNoLimit;  // the tail's retention
};

// The edge's delay in the run with stream `key`, or kNever when it is closed: not open
// (draw 2e + 1), or its delay (draw 2e + 2 for a range) longer than its tail keeps data.
[[gnu::always_inline]] inline Seconds edge_delay(const EdgeDraw& edge,
                                                 std::uint64_t key,
                                                 EdgeIndex index) {
    const std::uint64_t n = 2 * std::uint64_t{index.value()} + 1;
    if (edge.threshold != kAlways && (draw(key, n) >> 11) >= edge.threshold) {
        return kNever;
    }
    Seconds delay = edge.min;
    if (edge.span != 0) {
        const double unit = static_cast<double>(draw(key, n + 1) >> 11) * 0x1.0p-53;
        delay +=
            std::min(edge.span, static_cast<Seconds>(unit * static_cast<double>(edge.span + 1)));
    }
    return delay > edge.limit ? kNever : delay;
}

// ---- Ranks and the fixed order -----------------------------------------------------------

template <typename T>
std::vector<std::uint32_t> ranks_of(const std::vector<T>& items) {
    std::vector<std::uint32_t> order(items.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return items[a].id < items[b].id; });
    std::vector<std::uint32_t> rank(items.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        rank[order[i]] = i;
    }
    return rank;
}

// ---- Plans: how a source's runs are searched ---------------------------------------------

// An edge of a compiled graph: its head (a local node) and the edge.
struct LocalEdge {
    std::uint32_t head;
    EdgeIndex edge;
};

// The part of the (node, data kind) graph one source can use from one starting kind, when
// every node in it is reached as one kind only: then every walk shortens to a route, and
// a shortest-time search over it is exact. Local node 0 is the source.
struct GraphPlan {
    DataKindIndex start = 0;
    std::vector<NodeIndex> nodes;            // local -> scenario node
    std::vector<std::uint32_t> target_slot;  // local -> index into targets, or kNone
    std::vector<std::uint32_t> out_offsets;  // CSR; edges by head's node id, then edge id
    std::vector<LocalEdge> out;
    std::vector<EdgeDraw> out_draw;         // parallel to `out`: read in order, not by edge index
    std::vector<std::uint32_t> in_offsets;  // CSR of in-edges, as indices into `out`
    std::vector<std::uint32_t> in_tail;     // parallel to `in`: the tail of each
    std::vector<std::uint32_t> in;
    bool zero_delays = true;  // every delay 0: breadth-first
    std::size_t targets = 0;  // local nodes that are targets
};

// The engine's routes from one source as a tree: each node one edge (the first level
// one starting kind), and a route where one ends.
struct TrieNode {
    EdgeIndex edge = kNone;  // kNone: a starting kind's node
    std::uint32_t first_child = kNone;
    std::uint32_t next_sibling = kNone;
    std::uint32_t route = kNone;   // a route ending here, by id
    std::uint32_t target = kNone;  // its target's slot
};

struct SourcePlan {
    NodeIndex source = 0;
    SimulationMethod method = SimulationMethod::kGraph;
    std::vector<GraphPlan> graphs;  // one per starting kind
    std::vector<TrieNode> trie;     // node 0 the root
};

// Most tree nodes route lists may take, in all: 16 bytes each.
constexpr std::size_t kMaxTrieNodes = 8'000'000;
// Routes listed to count the edges on routes exactly.
constexpr std::size_t kCoverRoutes = 20'000;

// One pair's best in one run: least time, then the fixed route order.
struct Best {
    Seconds time = kNever;
    std::uint32_t route = kNone;
};

}  // namespace

std::uint64_t ExposureTimes::total() const {
    std::uint64_t sum = 0;
    for (const auto& entry : counts) {
        sum += entry.second;
    }
    return sum;
}

Seconds ExposureTimes::quantile(double q) const {
    const std::uint64_t all = total();
    if (all == 0) {
        return 0;
    }
    // The nearest rank: the ceil(q * n)-th time, at least the first.
    const auto rank = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(all) - 1e-9)));
    std::uint64_t seen = 0;
    for (const auto& [time, count] : counts) {
        seen += count;
        if (seen >= rank) {
            return time;
        }
    }
    return counts.back().first;
}

std::uint64_t ExposureTimes::by(Seconds time) const {
    std::uint64_t seen = 0;
    for (const auto& entry : counts) {
        if (entry.first > time) {
            break;
        }
        seen += entry.second;
    }
    return seen;
}

ShareInterval wilson_interval(std::uint64_t successes, std::uint64_t trials) {
    if (trials == 0) {
        return {};
    }
    const double n = static_cast<double>(trials);
    const double p = static_cast<double>(successes) / n;
    const double z = 1.959963984540054;
    const double denominator = 1 + z * z / n;
    const double centre = (p + z * z / (2 * n)) / denominator;
    const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator;
    // At none and at every run the bound is exactly 0 or 1; rounding must not move it.
    return {p, successes == 0 ? 0.0 : std::max(0.0, centre - half),
            successes == trials ? 1.0 : std::min(1.0, centre + half)};
}

namespace {

// What one thread needs to run: scratch reused run after run.
struct Worker {
    // Graph searches, per local node: epoch stamps, and the least (time, hops) found.
    std::uint32_t epoch = 0;
    std::uint32_t mark_epoch = 0;
    // What a search knows of a node, together: one cache line holds all of it.
    struct NodeState {
        Seconds time = 0;
        std::uint32_t hops = 0;
        std::uint32_t labelled = 0;  // epoch stamps
        std::uint32_t marked = 0;
    };
    std::vector<NodeState> node;
    // Apart, and small: read for every edge a search looks at, most of them closed.
    std::vector<std::uint32_t> settled;
    struct Entry {
        Seconds time;
        std::uint32_t hops;
        std::uint32_t node;
    };
    std::vector<Entry> heap;
    std::vector<std::uint32_t> queue;
    std::vector<std::uint32_t> reached;
    // Per target slot: the route that arrives first from the current source, and when.
    std::vector<Route> candidate;
    std::vector<Seconds> candidate_time;
    Route scratch;
    // Route lists: each edge's outcome in this run, drawn once.
    std::uint32_t run_epoch = 0;
    std::vector<std::uint32_t> edge_stamp;
    std::vector<Seconds> edge_delay;
    std::vector<std::pair<std::uint32_t, Seconds>> trie_stack;
    // Routes interned before: (kind, edges) -> id, to spare the shared table's lock.
    std::map<std::vector<std::uint32_t>, std::uint32_t> known_routes;
    std::vector<std::uint32_t> route_key;
    std::uint64_t trials = 0;

    void start_search(std::size_t nodes) {
        if (node.size() < nodes) {
            node.resize(nodes);
            settled.resize(nodes, 0);
        }
        if (++epoch == 0) {  // wrapped: forget every stamp
            for (NodeState& state : node) {
                state.labelled = 0;
            }
            std::fill(settled.begin(), settled.end(), 0);
            epoch = 1;
        }
    }

    void start_marking() {
        if (++mark_epoch == 0) {
            for (NodeState& state : node) {
                state.marked = 0;
            }
            mark_epoch = 1;
        }
    }

    void start_run(std::size_t edges) {
        if (edge_stamp.size() < edges) {
            edge_stamp.assign(edges, 0);
            edge_delay.assign(edges, 0);
        }
        if (++run_epoch == 0) {
            std::fill(edge_stamp.begin(), edge_stamp.end(), 0);
            run_epoch = 1;
        }
    }
};

bool heap_after(const Worker::Entry& a, const Worker::Entry& b) {
    return a.time != b.time ? a.time > b.time : a.hops > b.hops;
}

}  // namespace

struct Simulation::Impl {
    const ConfigurationView& view;
    const Scenario& scenario;
    RouteQuery query;
    SimulationModel model;
    RouteFinder finder;
    std::size_t kinds;

    std::vector<EdgeDraw> draws;  // per edge
    std::vector<std::uint32_t> node_rank, kind_rank;
    std::vector<NodeIndex> targets;          // in node-id order
    std::vector<std::uint32_t> target_slot;  // per node: index into targets, or kNone
    std::vector<char> avoided;
    std::vector<SourcePlan> plans;  // parallel to finder.sources()
    std::vector<SimulationMethod> methods;
    bool any_routes_plan = false;
    std::string error;
    Completion preparation;

    // Every route a run can name, by id: the route lists' in their fixed order, then
    // routes the graph searches find, as they find them (under the lock).
    mutable std::mutex routes_lock;
    mutable std::vector<Route> routes;
    mutable std::map<std::vector<std::uint32_t>, std::uint32_t> route_ids;  // kind, edges

    // Out-edges of every node, by head's node id, then edge id (CSR).
    std::vector<std::uint32_t> out_offsets;
    std::vector<EdgeIndex> out_edges;

    Impl(const ConfigurationView& v,
         const RouteQuery& q,
         SimulationModel m,
         SimulationMethod method,
         const StopCondition& stop)
        : view(v),
          scenario(v.scenario()),
          query(q),
          model(m),
          finder(v, q),
          kinds(v.scenario().data_kinds().size()) {
        node_rank = ranks_of(scenario.nodes());
        kind_rank = ranks_of(scenario.data_kinds());
        compile_edges();
        compile_roles();
        for (const NodeIndex source : finder.sources()) {
            plans.push_back(plan_source(source, method, stop));
            methods.push_back(plans.back().method);
            if (!error.empty()) {
                break;
            }
        }
    }

    void compile_edges() {
        const auto& edges = scenario.edges();
        const auto& nodes = scenario.nodes();
        draws.resize(edges.size());
        for (EdgeIndex e = 0; e < edges.size(); ++e) {
            const Edge& edge = edges[e];
            double p = edge.likelihood.value_or(model.unknown_likelihood);
            for (const GateIndex gate : edge.gates) {
                p *= scenario.gates()[gate].probability;
            }
            EdgeDraw& d = draws[e];
            d.threshold =
                p >= 1 ? kAlways : static_cast<std::uint64_t>(std::max(0.0, p) * 0x1.0p53);
            d.min = edge.delay.min;
            d.span = edge.delay.max - edge.delay.min;
            d.limit = nodes[edge.from].retention.value_or(kNoLimit);
        }
        out_offsets.assign(nodes.size() + 1, 0);
        for (const Edge& edge : edges) {
            ++out_offsets[edge.from + 1];
        }
        std::partial_sum(out_offsets.begin(), out_offsets.end(), out_offsets.begin());
        out_edges.resize(edges.size());
        std::vector<std::uint32_t> fill(out_offsets.begin(), out_offsets.end() - 1);
        for (EdgeIndex e = 0; e < edges.size(); ++e) {
            out_edges[fill[edges[e].from]++] = e;
        }
        for (NodeIndex node = 0; node < nodes.size(); ++node) {
            std::sort(out_edges.begin() + out_offsets[node],
                      out_edges.begin() + out_offsets[node + 1], [&](EdgeIndex a, EdgeIndex b) {
                          const auto ra = node_rank[edges[a].to];
                          const auto rb = node_rank[edges[b].to];
                          return ra != rb ? ra < rb : edges[a].id < edges[b].id;
                      });
        }
    }

    void compile_roles() {
        const std::size_t n = scenario.nodes().size();
        avoided.assign(n, 0);
        for (const NodeIndex node : query.avoid) {
            avoided[node] = 1;
        }
        for (const NodeIndex node : query.to) {
            if (!avoided[node]) {
                targets.push_back(node);
            }
        }
        std::sort(targets.begin(), targets.end(),
                  [&](NodeIndex a, NodeIndex b) { return node_rank[a] < node_rank[b]; });
        targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
        target_slot.assign(n, kNone);
        for (std::uint32_t i = 0; i < targets.size(); ++i) {
            target_slot[targets[i]] = i;
        }
    }

    // Per edge, the kinds it passes on a route from an origin with `policies` (as the
    // engine decides: ConfigurationView, avoided nodes).
    std::vector<KindMask> active_for(const std::vector<std::uint32_t>& policies) const {
        std::vector<KindMask> active(scenario.edges().size(), 0);
        for (EdgeIndex e = 0; e < scenario.edges().size(); ++e) {
            const Edge& edge = scenario.edges()[e];
            if (!avoided[edge.from] && !avoided[edge.to]) {
                active[e] = view.unconditional_kinds(e) & ~view.denied_kinds(e, policies);
            }
        }
        return active;
    }

    // Per (node, kind) state: whether a target can be reached from it over `active`
    // edges (targets are not left: a route ends at its first target).
    std::vector<char> can_reach_target(const std::vector<KindMask>& active) const {
        const auto& edges = scenario.edges();
        std::vector<std::uint32_t> in_offsets(scenario.nodes().size() + 1, 0);
        for (const Edge& edge : edges) {
            ++in_offsets[edge.to + 1];
        }
        std::partial_sum(in_offsets.begin(), in_offsets.end(), in_offsets.begin());
        std::vector<EdgeIndex> in(edges.size());
        std::vector<std::uint32_t> fill(in_offsets.begin(), in_offsets.end() - 1);
        for (EdgeIndex e = 0; e < edges.size(); ++e) {
            in[fill[edges[e].to]++] = e;
        }
        std::vector<char> reach(scenario.nodes().size() * kinds, 0);
        std::vector<std::uint32_t> stack;
        for (const NodeIndex target : targets) {
            for (std::size_t k = 0; k < kinds; ++k) {
                reach[target * kinds + k] = 1;
                stack.push_back(static_cast<std::uint32_t>(target * kinds + k));
            }
        }
        while (!stack.empty()) {
            const std::uint32_t state = stack.back();
            stack.pop_back();
            const auto node = static_cast<NodeIndex>(state / kinds);
            const auto kind = static_cast<DataKindIndex>(state % kinds);
            for (std::uint32_t i = in_offsets[node]; i < in_offsets[node + 1]; ++i) {
                const EdgeIndex e = in[i];
                const NodeIndex tail = edges[e].from;
                if (target_slot[tail] != kNone) {
                    continue;
                }
                KindMask mask = active[e];
                while (mask != 0) {
                    const auto k = static_cast<DataKindIndex>(__builtin_ctzll(mask));
                    mask &= mask - 1;
                    const std::uint32_t before = tail * kinds + k;
                    if (!reach[before] && edges[e].converted(k) == kind) {
                        reach[before] = 1;
                        stack.push_back(before);
                    }
                }
            }
        }
        return reach;
    }

    // The compiled graph of `source` from `start`, or nothing when some node is reached
    // as two data kinds (a walk through it may then not shorten to a route).
    std::optional<GraphPlan> compile_graph(NodeIndex source,
                                           DataKindIndex start,
                                           const std::vector<KindMask>& active,
                                           const std::vector<char>& reach) const {
        const auto& edges = scenario.edges();
        GraphPlan plan;
        plan.start = start;
        if (!reach[source * kinds + start]) {
            plan.nodes = {source};
            plan.target_slot = {kNone};
            plan.out_offsets = {0, 0};
            plan.in_offsets = {0, 0};
            return plan;
        }
        std::unordered_map<NodeIndex, std::uint32_t> local;
        std::vector<DataKindIndex> kind_of;
        local.emplace(source, 0);
        plan.nodes.push_back(source);
        kind_of.push_back(start);
        for (std::uint32_t at = 0; at < plan.nodes.size(); ++at) {
            const NodeIndex node = plan.nodes[at];
            if (target_slot[node] != kNone) {
                continue;  // a route ends at its first target
            }
            const DataKindIndex kind = kind_of[at];
            for (std::uint32_t i = out_offsets[node]; i < out_offsets[node + 1]; ++i) {
                const EdgeIndex e = out_edges[i];
                const NodeIndex head = edges[e].to;
                if (!(active[e] & kind_bit(kind)) || head == source) {
                    continue;
                }
                const DataKindIndex next = edges[e].converted(kind);
                if (!reach[head * kinds + next]) {
                    continue;
                }
                const auto [found, added] =
                    local.emplace(head, static_cast<std::uint32_t>(plan.nodes.size()));
                if (added) {
                    plan.nodes.push_back(head);
                    kind_of.push_back(next);
                } else if (kind_of[found->second] != next && target_slot[head] == kNone) {
                    return std::nullopt;  // a target may arrive as any kind: it is not left
                }
            }
        }
        const std::size_t n = plan.nodes.size();
        plan.target_slot.resize(n);
        plan.out_offsets.assign(n + 1, 0);
        for (std::uint32_t u = 0; u < n; ++u) {
            const NodeIndex node = plan.nodes[u];
            plan.target_slot[u] = target_slot[node];
            plan.targets += target_slot[node] != kNone ? 1 : 0;
            if (target_slot[node] == kNone) {
                for (std::uint32_t i = out_offsets[node]; i < out_offsets[node + 1]; ++i) {
                    const EdgeIndex e = out_edges[i];
                    const auto head = local.find(edges[e].to);
                    if (!(active[e] & kind_bit(kind_of[u])) || head == local.end() ||
                        head->second == 0) {
                        continue;
                    }
                    const DataKindIndex next = edges[e].converted(kind_of[u]);
                    if (!reach[edges[e].to * kinds + next] ||
                        (kind_of[head->second] != next && target_slot[edges[e].to] == kNone)) {
                        continue;
                    }
                    plan.out.push_back({head->second, e});
                    plan.out_draw.push_back(draws[e]);
                    plan.zero_delays = plan.zero_delays && edges[e].delay.max == 0;
                }
            }
            plan.out_offsets[u + 1] = static_cast<std::uint32_t>(plan.out.size());
        }
        plan.in_offsets.assign(n + 1, 0);
        for (const LocalEdge& edge : plan.out) {
            ++plan.in_offsets[edge.head + 1];
        }
        std::partial_sum(plan.in_offsets.begin(), plan.in_offsets.end(), plan.in_offsets.begin());
        plan.in.resize(plan.out.size());
        plan.in_tail.resize(plan.out.size());
        std::vector<std::uint32_t> fill(plan.in_offsets.begin(), plan.in_offsets.end() - 1);
        for (std::uint32_t u = 0; u < n; ++u) {
            for (std::uint32_t i = plan.out_offsets[u]; i < plan.out_offsets[u + 1]; ++i) {
                const std::uint32_t slot = fill[plan.out[i].head]++;
                plan.in[slot] = i;
                plan.in_tail[slot] = u;
            }
        }
        return plan;
    }

    // Whether --via or --max-hops restrict the routes of `source` beyond what a search over
    // the graph can see.
    bool route_options_matter(NodeIndex source) const {
        if (query.max_hops) {
            return true;
        }
        if (!query.via) {
            return false;
        }
        const auto& via = *query.via;
        const auto in_via = [&](NodeIndex node) {
            return std::find(via.begin(), via.end(), node) != via.end();
        };
        return !in_via(source) && !std::all_of(targets.begin(), targets.end(), in_via);
    }

    SourcePlan plan_source(NodeIndex source, SimulationMethod method, const StopCondition& stop) {
        SourcePlan plan;
        plan.source = source;
        const std::vector<DataKindIndex> starts = finder.start_kinds(source);
        bool exact = method != SimulationMethod::kRoutes && !route_options_matter(source);
        if (exact) {
            const auto policies = view.policies_for_origin(source);
            auto found = active_by_policies.find(policies);
            if (found == active_by_policies.end()) {
                auto active = active_for(policies);
                auto reach = can_reach_target(active);
                found = active_by_policies
                            .emplace(policies, std::make_pair(std::move(active), std::move(reach)))
                            .first;
            }
            for (const DataKindIndex start : starts) {
                auto graph =
                    compile_graph(source, start, found->second.first, found->second.second);
                if (!graph) {
                    exact = false;
                    break;
                }
                plan.graphs.push_back(std::move(*graph));
            }
        }
        if (exact) {
            plan.method = SimulationMethod::kGraph;
            return plan;
        }
        if (method == SimulationMethod::kGraph) {
            error = "a search over the graph is not exact for the routes from " +
                    scenario.nodes()[source].id;
            return plan;
        }
        plan.graphs.clear();
        plan.method = SimulationMethod::kRoutes;
        any_routes_plan = true;
        build_trie(plan, starts, stop);
        return plan;
    }

    void build_trie(SourcePlan& plan,
                    const std::vector<DataKindIndex>& starts,
                    const StopCondition& stop) {
        plan.trie.emplace_back();  // the root
        std::vector<std::uint32_t> kind_node(kinds, kNone);
        for (const DataKindIndex start : starts) {
            kind_node[start] = add_child(plan.trie, 0, kNone);
        }
        const Enumeration listed = finder.enumerate_from(
            plan.source, std::nullopt,
            [&](const Route& route) {
                std::uint32_t at = kind_node[route.data];
                for (const EdgeIndex edge : route.edges) {
                    at = child(plan.trie, at, edge);
                }
                plan.trie[at].route = static_cast<std::uint32_t>(routes.size());
                plan.trie[at].target = target_slot[route.target];
                routes.push_back(route);
                return plan.trie.size() + trie_nodes_elsewhere <= kMaxTrieNodes;
            },
            stop);
        trie_nodes_elsewhere += plan.trie.size();
        preparation.merge(listed.completion.cut_short() ? listed.completion : Completion());
        if (listed.completion.cut_short()) {
            error = "listing the routes the simulation needs was cut short";
        } else if (!listed.completion.complete()) {
            error = "the routes from " + scenario.nodes()[plan.source].id +
                    " are too many to simulate with " + why_routes(plan.source) +
                    "; narrow the question (--from, --avoid, a smaller --max-hops)";
        }
    }

    std::string why_routes(NodeIndex source) const {
        if (query.max_hops) {
            return "--max-hops";
        }
        if (route_options_matter(source)) {
            return "--via";
        }
        return "a node reached as two data kinds";
    }

    static std::uint32_t add_child(std::vector<TrieNode>& trie,
                                   std::uint32_t parent,
                                   EdgeIndex edge) {
        TrieNode node;
        node.edge = edge;
        node.next_sibling = trie[parent].first_child;
        trie.push_back(node);
        const auto index = static_cast<std::uint32_t>(trie.size() - 1);
        trie[parent].first_child = index;
        return index;
    }

    // The child of `parent` for `edge`, added when missing. Children are few: a node's
    // out-edges that lie on routes.
    static std::uint32_t child(std::vector<TrieNode>& trie, std::uint32_t parent, EdgeIndex edge) {
        for (std::uint32_t c = trie[parent].first_child; c != kNone; c = trie[c].next_sibling) {
            if (trie[c].edge == edge) {
                return c;
            }
        }
        return add_child(trie, parent, edge);
    }

    std::map<std::vector<std::uint32_t>, std::pair<std::vector<KindMask>, std::vector<char>>>
        active_by_policies;
    std::size_t trie_nodes_elsewhere = 0;

    // ---- The fixed order ---------------------------------------------------------------

    // Whether route `a` comes before route `b` in the fixed order: fewer hops, then node
    // ids, then edge ids, then starting kind.
    bool before(const Route& a, const Route& b) const {
        if (a.edges.size() != b.edges.size()) {
            return a.edges.size() < b.edges.size();
        }
        for (std::size_t i = 0; i < a.nodes.size(); ++i) {
            if (a.nodes[i] != b.nodes[i]) {
                return node_rank[a.nodes[i]] < node_rank[b.nodes[i]];
            }
        }
        for (std::size_t i = 0; i < a.edges.size(); ++i) {
            if (a.edges[i] != b.edges[i]) {
                return scenario.edges()[a.edges[i]].id < scenario.edges()[b.edges[i]].id;
            }
        }
        return kind_rank[a.data] < kind_rank[b.data];
    }

    // The id of `route`, registering it on first sight (graph searches find routes as
    // they go). The worker remembers the ids it has seen, so the lock is rare.
    std::uint32_t intern(const Route& route, Worker& w) const {
        w.route_key.clear();
        w.route_key.push_back(route.data);
        for (const EdgeIndex edge : route.edges) {
            w.route_key.push_back(edge);
        }
        if (const auto known = w.known_routes.find(w.route_key); known != w.known_routes.end()) {
            return known->second;
        }
        const std::lock_guard<std::mutex> lock(routes_lock);
        const auto [found, added] =
            route_ids.emplace(w.route_key, static_cast<std::uint32_t>(routes.size()));
        if (added) {
            routes.push_back(route);
        }
        w.known_routes.emplace(w.route_key, found->second);
        return found->second;
    }

    // ---- One run ---------------------------------------------------------------------

    // Pairs per source: one per target, then "any target" when there are several.
    std::size_t pairs_per_source() const { return targets.size() + (targets.size() > 1 ? 1 : 0); }

    // The run with stream `key`: per source, per pair, the best (time, route id) into
    // `out` (sources major).
    void run_once(Worker& w, std::uint64_t key, std::vector<Best>& out) const {
        const std::size_t per_source = pairs_per_source();
        out.assign(plans.size() * per_source, Best{});
        if (any_routes_plan) {
            w.start_run(scenario.edges().size());
        }
        for (std::size_t s = 0; s < plans.size(); ++s) {
            Best* best = out.data() + s * per_source;
            Best* any = targets.size() > 1 ? best + targets.size() : nullptr;
            const SourcePlan& plan = plans[s];
            if (plan.method == SimulationMethod::kRoutes) {
                walk_trie(plan, w, key, best);
                // Ids of one source's routes follow the fixed order.
                for (std::size_t t = 0; any != nullptr && t < targets.size(); ++t) {
                    if (best[t].time != kNever &&
                        (any->time == kNever || best[t].time < any->time ||
                         (best[t].time == any->time && best[t].route < any->route))) {
                        *any = best[t];
                    }
                }
                continue;
            }
            w.candidate.resize(targets.size());
            w.candidate_time.assign(targets.size(), kNever);
            for (const GraphPlan& graph : plan.graphs) {
                search_graph(graph, w, key);
            }
            std::size_t first = targets.size();
            for (std::size_t t = 0; t < targets.size(); ++t) {
                if (w.candidate_time[t] == kNever) {
                    continue;
                }
                best[t] = {w.candidate_time[t], intern(w.candidate[t], w)};
                if (first == targets.size() || w.candidate_time[t] < w.candidate_time[first] ||
                    (w.candidate_time[t] == w.candidate_time[first] &&
                     before(w.candidate[t], w.candidate[first]))) {
                    first = t;
                }
            }
            if (any != nullptr && first < targets.size()) {
                *any = best[first];
            }
        }
    }

    Seconds cached_delay(Worker& w, std::uint64_t key, EdgeIndex edge) const {
        if (w.edge_stamp[edge] != w.run_epoch) {
            w.edge_stamp[edge] = w.run_epoch;
            w.edge_delay[edge] = edge_delay(draws[edge], key, edge);
            ++w.trials;
        }
        return w.edge_delay[edge];
    }

    // The engine's routes from one source, as a tree walked depth first; a branch ends at
    // its first closed edge. Route ids follow the fixed order, so (time, id) decides.
    void walk_trie(const SourcePlan& plan, Worker& w, std::uint64_t key, Best* best) const {
        const auto& trie = plan.trie;
        w.trie_stack.clear();
        for (std::uint32_t c = trie[0].first_child; c != kNone; c = trie[c].next_sibling) {
            w.trie_stack.emplace_back(c, 0);
        }
        while (!w.trie_stack.empty()) {
            auto [at, time] = w.trie_stack.back();
            w.trie_stack.pop_back();
            const TrieNode& node = trie[at];
            if (node.edge != kNone) {
                const Seconds delay = cached_delay(w, key, node.edge);
                if (delay == kNever) {
                    continue;
                }
                time += delay;
            }
            if (node.route != kNone) {
                Best& b = best[node.target];
                if (b.time == kNever || time < b.time || (time == b.time && node.route < b.route)) {
                    b = {time, node.route};
                }
            }
            for (std::uint32_t c = node.first_child; c != kNone; c = trie[c].next_sibling) {
                w.trie_stack.emplace_back(c, time);
            }
        }
    }

    // The least (time, hops) search from the source of `graph`, edges drawn as they are
    // reached; then, per target reached, the first route in the fixed order among those
    // that arrive first, kept in w.candidate when it beats what is there.
    void search_graph(const GraphPlan& graph, Worker& w, std::uint64_t key) const {
        if (graph.targets == 0) {
            return;
        }
        w.start_search(graph.nodes.size());
        const std::uint32_t epoch = w.epoch;
        w.node[0].time = 0;
        w.node[0].hops = 0;
        w.node[0].labelled = epoch;
        w.reached.clear();
        if (graph.zero_delays) {
            breadth_first(graph, w, key);
        } else {
            shortest_times(graph, w, key);
        }
        for (const std::uint32_t target : w.reached) {
            first_route(graph, w, key, target);
            const std::uint32_t slot = graph.target_slot[target];
            const Seconds time = w.node[target].time;
            if (w.candidate_time[slot] == kNever || time < w.candidate_time[slot] ||
                (time == w.candidate_time[slot] && before(w.scratch, w.candidate[slot]))) {
                w.candidate_time[slot] = time;
                std::swap(w.candidate[slot], w.scratch);
            }
        }
    }

    // Every delay 0: breadth first, and a node's hops are final once it is labelled.
    void breadth_first(const GraphPlan& graph, Worker& w, std::uint64_t key) const {
        const std::uint32_t epoch = w.epoch;
        std::size_t remaining = graph.targets;
        w.queue.clear();
        w.queue.push_back(0);
        w.settled[0] = epoch;
        for (std::size_t head = 0; head < w.queue.size() && remaining > 0; ++head) {
            const std::uint32_t u = w.queue[head];
            if (graph.target_slot[u] != kNone) {
                w.reached.push_back(u);
                --remaining;
                continue;
            }
            const std::uint32_t next = w.node[u].hops + 1;
            for (std::uint32_t i = graph.out_offsets[u]; i < graph.out_offsets[u + 1]; ++i) {
                const LocalEdge& edge = graph.out[i];
                if (w.node[edge.head].labelled == epoch) {
                    continue;
                }
                ++w.trials;
                if (edge_delay(graph.out_draw[i], key, edge.edge) == kNever) {
                    continue;
                }
                w.node[edge.head].labelled = epoch;
                w.settled[edge.head] = epoch;
                w.node[edge.head].time = 0;
                w.node[edge.head].hops = next;
                w.queue.push_back(edge.head);
            }
        }
    }

    // Dijkstra on (time, hops), stopped once every target is settled.
    void shortest_times(const GraphPlan& graph, Worker& w, std::uint64_t key) const {
        const std::uint32_t epoch = w.epoch;
        std::size_t remaining = graph.targets;
        w.heap.clear();
        w.heap.push_back({0, 0, 0});
        while (!w.heap.empty() && remaining > 0) {
            std::pop_heap(w.heap.begin(), w.heap.end(), heap_after);
            const Worker::Entry top = w.heap.back();
            w.heap.pop_back();
            const std::uint32_t u = top.node;
            if (w.settled[u] == epoch || top.time != w.node[u].time || top.hops != w.node[u].hops) {
                continue;  // settled already, by a better label
            }
            w.settled[u] = epoch;
            if (graph.target_slot[u] != kNone) {
                w.reached.push_back(u);
                --remaining;
                continue;
            }
            for (std::uint32_t i = graph.out_offsets[u]; i < graph.out_offsets[u + 1]; ++i) {
                const LocalEdge& edge = graph.out[i];
                const std::uint32_t v = edge.head;
                if (w.settled[v] == epoch) {
                    continue;
                }
                ++w.trials;
                const Seconds delay = edge_delay(graph.out_draw[i], key, edge.edge);
                if (delay == kNever) {
                    continue;
                }
                const Seconds t = top.time + delay;
                const std::uint32_t h = top.hops + 1;
                if (w.node[v].labelled != epoch || t < w.node[v].time ||
                    (t == w.node[v].time && h < w.node[v].hops)) {
                    w.node[v].labelled = epoch;
                    w.node[v].time = t;
                    w.node[v].hops = h;
                    w.heap.push_back({t, h, v});
                    std::push_heap(w.heap.begin(), w.heap.end(), heap_after);
                }
            }
        }
    }

    // Whether the edge at `i` of graph.out, from `u`, is open and on a least (time,
    // hops) way to its head: an edge of some route that arrives first.
    bool tight(const GraphPlan& graph,
               const Worker& w,
               std::uint64_t key,
               std::uint32_t u,
               std::uint32_t i) const {
        const LocalEdge& edge = graph.out[i];
        const std::uint32_t v = edge.head;
        if (w.settled[u] != w.epoch || w.node[v].labelled != w.epoch ||
            w.node[u].hops + 1 != w.node[v].hops) {
            return false;
        }
        const Seconds delay =
            edge_delay(graph.out_draw[i], key, edge.edge);  // drawn again: same value
        return delay != kNever && w.node[u].time + delay == w.node[v].time;
    }

    // Into w.scratch: the first route in the fixed order among those that reach `target`
    // first. Every such route uses only tight edges; those that can still reach the
    // target along tight edges are marked backwards from it, then the route is chosen
    // forwards from the source, taking at each step the first marked head (out-edges
    // are in node-id order, then edge-id order). All of them have the same number of
    // hops, so this is the first in the fixed order.
    void first_route(const GraphPlan& graph,
                     Worker& w,
                     std::uint64_t key,
                     std::uint32_t target) const {
        w.start_marking();
        const std::uint32_t epoch = w.mark_epoch;
        w.node[target].marked = epoch;
        w.queue.clear();
        w.queue.push_back(target);
        while (!w.queue.empty()) {
            const std::uint32_t v = w.queue.back();
            w.queue.pop_back();
            for (std::uint32_t j = graph.in_offsets[v]; j < graph.in_offsets[v + 1]; ++j) {
                const std::uint32_t u = graph.in_tail[j];
                if (w.node[u].marked != epoch && tight(graph, w, key, u, graph.in[j])) {
                    w.node[u].marked = epoch;
                    w.queue.push_back(u);
                }
            }
        }
        Route& route = w.scratch;
        route.data = graph.start;
        route.edges.clear();
        route.nodes.assign(1, graph.nodes[0]);
        DataKindIndex kind = graph.start;
        for (std::uint32_t u = 0; u != target;) {
            std::uint32_t i = graph.out_offsets[u];
            while (w.node[graph.out[i].head].marked != epoch || !tight(graph, w, key, u, i)) {
                ++i;  // some tight edge to a marked node exists: u is marked
            }
            const EdgeIndex edge = graph.out[i].edge;
            route.edges.push_back(edge);
            u = graph.out[i].head;
            route.nodes.push_back(graph.nodes[u]);
            kind = scenario.edges()[edge].converted(kind);
        }
        route.source = route.nodes.front();
        route.target = route.nodes.back();
        route.arrives_as = kind;
    }
};

namespace {

// One pair's tallies over some runs.
// One pair's tallies over some runs: in a chunk, the times as they come and the routes
// in a short list (a pair has few first-arrival routes); in the totals, the times as
// ascending (time, runs) and the routes in a map.
struct PairTally {
    std::uint64_t reached = 0;
    std::uint64_t within = 0;
    std::vector<Seconds> times;
    std::vector<std::pair<std::uint32_t, std::uint64_t>> routes;

    void count_route(std::uint32_t route) {
        for (auto& entry : routes) {
            if (entry.first == route) {
                ++entry.second;
                return;
            }
        }
        routes.emplace_back(route, 1);
    }
};

struct PairTotal {
    std::uint64_t reached = 0;
    std::uint64_t within = 0;
    std::vector<std::pair<Seconds, std::uint64_t>> times;  // ascending, once compacted
    std::vector<Seconds> pending;                          // times not yet compacted
    std::unordered_map<std::uint32_t, std::uint64_t> routes;

    void add(const PairTally& chunk) {
        reached += chunk.reached;
        within += chunk.within;
        pending.insert(pending.end(), chunk.times.begin(), chunk.times.end());
        // Compacting costs what is held; doing it only once the pending times outnumber
        // it keeps the cost per time logarithmic, and memory follows the distinct times.
        if (pending.size() > std::max<std::size_t>(65536, times.size())) {
            compact();
        }
        for (const auto& [route, count] : chunk.routes) {
            routes[route] += count;
        }
    }

    void compact() {
        std::sort(pending.begin(), pending.end());
        std::vector<std::pair<Seconds, std::uint64_t>> merged;
        merged.reserve(times.size() + pending.size());
        auto old = times.begin();
        for (std::size_t i = 0; i < pending.size();) {
            const Seconds time = pending[i];
            std::uint64_t count = 0;
            for (; i < pending.size() && pending[i] == time; ++i) {
                ++count;
            }
            for (; old != times.end() && old->first < time; ++old) {
                merged.push_back(*old);
            }
            if (old != times.end() && old->first == time) {
                count += (old++)->second;
            }
            merged.emplace_back(time, count);
        }
        merged.insert(merged.end(), old, times.end());
        times = std::move(merged);
        pending.clear();
    }
};

struct ChunkTally {
    std::uint64_t runs = 0;
    std::uint64_t trials = 0;
    std::vector<PairTally> pairs;
};

}  // namespace

Simulation::Simulation(const ConfigurationView& view,
                       const RouteQuery& query,
                       SimulationModel model,
                       SimulationMethod method,
                       const StopCondition& stop)
    : impl_(std::make_unique<Impl>(view, query, model, method, stop)) {}

Simulation::~Simulation() = default;

const std::string& Simulation::error() const {
    return impl_->error;
}

Completion Simulation::preparation() const {
    return impl_->preparation;
}

const std::vector<NodeIndex>& Simulation::sources() const {
    return impl_->finder.sources();
}

const std::vector<NodeIndex>& Simulation::targets() const {
    return impl_->targets;
}

const std::vector<SimulationMethod>& Simulation::methods() const {
    return impl_->methods;
}

EdgesOnRoutes Simulation::edges_on_routes() const {
    Impl& impl = *impl_;
    const auto& edges = impl.scenario.edges();
    std::vector<char> on(edges.size(), 0);
    std::size_t listed = 0;
    const Enumeration enumeration = impl.finder.enumerate([&](const Route& route) {
        for (const EdgeIndex edge : route.edges) {
            on[edge] = 1;
        }
        return ++listed < kCoverRoutes;
    });
    EdgesOnRoutes result;
    if (!enumeration.completion.complete()) {
        // Too many routes to list: every edge the runs can take instead.
        result.exact = false;
        for (const SourcePlan& plan : impl.plans) {
            for (const GraphPlan& graph : plan.graphs) {
                for (const LocalEdge& edge : graph.out) {
                    on[edge.edge] = 1;
                }
            }
            for (const TrieNode& node : plan.trie) {
                if (node.edge != kNone) {
                    on[node.edge] = 1;
                }
            }
        }
    }
    for (EdgeIndex e = 0; e < edges.size(); ++e) {
        if (on[e]) {
            ++result.edges;
            result.without_likelihood += edges[e].likelihood ? 0 : 1;
        }
    }
    return result;
}

std::vector<Arrival> Simulation::run(std::uint64_t seed, std::uint64_t index) const {
    const Impl& impl = *impl_;
    Worker worker;
    std::vector<Best> best;
    impl.run_once(worker, run_key(seed, index), best);
    std::vector<Arrival> arrivals;
    const std::size_t per_source = impl.pairs_per_source();
    for (std::size_t s = 0; s < impl.plans.size(); ++s) {
        for (std::size_t t = 0; t < impl.targets.size(); ++t) {
            const Best& b = best[s * per_source + t];
            Arrival arrival;
            if (b.time != kNever) {
                arrival.reached = true;
                arrival.time = b.time;
                const std::lock_guard<std::mutex> lock(impl.routes_lock);
                arrival.route = impl.routes[b.route];
            }
            arrivals.push_back(std::move(arrival));
        }
    }
    return arrivals;
}

SimulationResult Simulation::simulate(const SimulationSettings& settings,
                                      const StopCondition& stop,
                                      const std::function<void(std::uint64_t)>& progress) const {
    const Impl& impl = *impl_;
    const std::size_t per_source = impl.pairs_per_source();
    const std::size_t pair_count = impl.plans.size() * per_source;
    const std::uint64_t chunk = std::max<std::uint64_t>(1, settings.chunk);
    const std::uint64_t chunks = (settings.runs + chunk - 1) / chunk;
    unsigned threads =
        settings.threads != 0 ? settings.threads : std::thread::hardware_concurrency();
    threads = static_cast<unsigned>(
        std::clamp<std::uint64_t>(threads, 1, std::max<std::uint64_t>(chunks, 1)));

    // Chunks are merged in order, so that a run cut short keeps exactly its first runs.
    std::mutex lock;
    std::condition_variable changed;
    std::map<std::uint64_t, ChunkTally> pending;
    std::uint64_t merged_chunks = 0;
    std::uint64_t merged_runs = 0;
    std::uint64_t trials = 0;
    std::vector<PairTotal> totals(pair_count);
    std::atomic<std::uint64_t> next_chunk{0};
    std::atomic<bool> stopped{false};
    Completion completion;
    unsigned running = threads;

    const auto work = [&] {
        Worker worker;
        std::vector<Best> best;
        for (;;) {
            const std::uint64_t c = next_chunk.fetch_add(1);
            if (c >= chunks || stopped.load()) {
                break;
            }
            ChunkTally tally;
            tally.pairs.resize(pair_count);
            const std::uint64_t first = c * chunk;
            const std::uint64_t last = std::min(settings.runs, first + chunk);
            const std::uint64_t trials_before = worker.trials;
            bool cut = false;
            for (std::uint64_t i = first; i < last; ++i) {
                if ((i - first) % 16 == 0) {
                    const Completion now = stop.check();
                    if (now.cut_short()) {
                        const std::lock_guard<std::mutex> guard(lock);
                        completion.merge(now);
                        stopped = true;
                        cut = true;
                        break;
                    }
                }
                impl.run_once(worker, run_key(settings.seed, i), best);
                for (std::size_t p = 0; p < pair_count; ++p) {
                    const Best& b = best[p];
                    if (b.time == kNever) {
                        continue;
                    }
                    PairTally& pair = tally.pairs[p];
                    ++pair.reached;
                    pair.within += b.time <= settings.within ? 1 : 0;
                    pair.times.push_back(b.time);
                    pair.count_route(b.route);
                }
            }
            if (cut) {
                break;
            }
            tally.runs = last - first;
            tally.trials = worker.trials - trials_before;
            const std::lock_guard<std::mutex> guard(lock);
            pending.emplace(c, std::move(tally));
            for (auto found = pending.find(merged_chunks); found != pending.end();
                 found = pending.find(merged_chunks)) {
                for (std::size_t p = 0; p < pair_count; ++p) {
                    totals[p].add(found->second.pairs[p]);
                }
                merged_runs += found->second.runs;
                trials += found->second.trials;
                pending.erase(found);
                ++merged_chunks;
            }
            changed.notify_all();
        }
        const std::lock_guard<std::mutex> guard(lock);
        --running;
        changed.notify_all();
    };

    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back(work);
    }
    {
        std::unique_lock<std::mutex> guard(lock);
        while (running > 0) {
            changed.wait_for(guard, std::chrono::milliseconds(100));
            if (progress) {
                const std::uint64_t done = merged_runs;
                guard.unlock();
                progress(done);
                guard.lock();
            }
        }
    }
    for (std::thread& thread : pool) {
        thread.join();
    }

    SimulationResult result;
    result.runs = merged_runs;
    result.completion = completion;
    result.edge_trials = trials;
    for (std::size_t s = 0; s < impl.plans.size(); ++s) {
        for (std::size_t t = 0; t < per_source; ++t) {
            PairTotal& tally = totals[s * per_source + t];
            PairResult pair;
            pair.source = impl.plans[s].source;
            if (t < impl.targets.size()) {
                pair.target = impl.targets[t];
            }
            pair.reached = tally.reached;
            pair.within = tally.within;
            tally.compact();
            pair.times.counts = std::move(tally.times);
            for (const auto& [route, count] : tally.routes) {
                pair.first_arrivals.push_back({impl.routes[route], count});
            }
            std::sort(pair.first_arrivals.begin(), pair.first_arrivals.end(),
                      [&](const FirstArrivals& a, const FirstArrivals& b) {
                          return a.runs != b.runs ? a.runs > b.runs : impl.before(a.route, b.route);
                      });
            result.pairs.push_back(std::move(pair));
        }
    }
    return result;
}

}  // namespace flowsim
