#include "flowsim/cut.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <set>
#include <string_view>

#include "detail/max_flow.hpp"

namespace flowsim {
namespace {

// Prices are the scenario's decimals; sums of a few of them are compared with this slack.
constexpr double kCostSlack = 1e-9;

// A candidate answer's price: its total cost, then how many levers it pulls.
struct Price {
    double cost = std::numeric_limits<double>::infinity();
    std::size_t count = std::numeric_limits<std::size_t>::max();

    bool beats(const Price& other) const {
        if (cost < other.cost - kCostSlack) {
            return true;
        }
        return cost <= other.cost + kCostSlack && count < other.count;
    }
};

// What is left of the routes under one set of parameter flips, as the cuttable edges
// each route uses (positions in the list of edge levers, ascending). Nothing else of a
// route matters for choosing edges to end.
struct RemainingRoutes {
    std::set<std::vector<std::uint32_t>> lever_sets;
    bool any = false;
    bool uncuttable = false;  ///< some route uses no cuttable edge
    bool over_limit = false;  ///< more routes than the limit: lever_sets is partial
    Enumeration enumeration;
};

RemainingRoutes remaining_routes(RouteFinder& finder,
                                 const std::vector<std::int32_t>& lever_of_edge,
                                 std::size_t limit,
                                 const StopCondition& stop) {
    RemainingRoutes remaining;
    std::size_t seen = 0;
    remaining.enumeration = finder.enumerate(
        [&](const Route& route) {
            remaining.any = true;
            if (++seen > limit) {
                remaining.over_limit = true;
                return false;
            }
            std::vector<std::uint32_t> levers;
            for (const EdgeIndex edge : route.edges) {
                if (lever_of_edge[edge] >= 0) {
                    levers.push_back(static_cast<std::uint32_t>(lever_of_edge[edge]));
                }
            }
            if (levers.empty()) {
                remaining.uncuttable = true;
                return false;  // no set of edges helps: the answer for these flips is known
            }
            std::sort(levers.begin(), levers.end());
            levers.erase(std::unique(levers.begin(), levers.end()), levers.end());
            remaining.lever_sets.insert(std::move(levers));
            return true;
        },
        stop);
    return remaining;
}

// Per edge lever: whether every route in `remaining` (all of them listed) uses it.
std::vector<char> in_every_set(const RemainingRoutes& remaining, std::size_t levers) {
    std::vector<char> everywhere(levers, remaining.any && !remaining.uncuttable);
    std::vector<char> here(levers, 0);
    for (const auto& set : remaining.lever_sets) {
        std::fill(here.begin(), here.end(), 0);
        for (const std::uint32_t lever : set) {
            here[lever] = 1;
        }
        for (std::size_t i = 0; i < levers; ++i) {
            everywhere[i] = everywhere[i] && here[i];
        }
    }
    return everywhere;
}

// Whether any route remains under `settings` (the engine stops at the first).
struct AnyRoute {
    bool found = false;
    std::vector<EdgeIndex> first_edges;  ///< the edges of the first route in the fixed order
    Enumeration enumeration;
};

AnyRoute any_route(RouteFinder& finder, const StopCondition& stop) {
    AnyRoute result;
    result.enumeration = finder.enumerate(
        [&](const Route& route) {
            result.found = true;
            result.first_edges = route.edges;
            return false;
        },
        stop);
    return result;
}

AnyRoute any_route(const Scenario& scenario,
                   const ActivitySettings& settings,
                   const RouteQuery& query,
                   const StopCondition& stop) {
    const ConfigurationView view(scenario, settings);
    RouteFinder finder(view, query);
    return any_route(finder, stop);
}

// The cheapest set of levers that meets every set in `sets` (a weighted hitting set),
// by branch and bound: branch on the unmet set with the fewest members, cheapest member
// first; drop any branch that can no longer beat the best found.
class HittingSet {
public:
    HittingSet(const std::set<std::vector<std::uint32_t>>& sets,
               const std::vector<double>& costs,
               std::size_t step_limit)
        : sets_(sets.begin(), sets.end()), costs_(costs), step_limit_(step_limit) {
        chosen_.assign(costs.size(), 0);
    }

    /// The best set that beats `ceiling`, if any; exact() says whether the search ended.
    std::optional<std::vector<std::uint32_t>> solve(const Price& ceiling) {
        best_price_ = ceiling;
        search(0.0);
        return found_ ? std::optional(best_) : std::nullopt;
    }
    bool exact() const { return steps_ <= step_limit_; }

private:
    bool met(const std::vector<std::uint32_t>& set) const {
        return std::any_of(set.begin(), set.end(), [&](std::uint32_t m) { return chosen_[m]; });
    }

    // One level of the branch and bound: the members of the set branched on, the next
    // to try, the cost before any of them, and whether one of them is picked (to be
    // undone when its branch ends).
    struct Frame {
        std::vector<std::uint32_t> members;
        std::size_t next = 0;
        double cost = 0.0;
        bool picked = false;
    };

    // Depth-first, on an explicit stack of frames: the depth is the number of levers
    // picked, which follows the input.
    void search(double cost) {
        std::vector<Frame> stack;
        enter(cost, stack);
        while (!stack.empty()) {
            Frame& frame = stack.back();
            if (frame.picked) {
                frame.picked = false;
                chosen_[picked_.back()] = 0;
                picked_.pop_back();
            }
            if (frame.next == frame.members.size()) {
                stack.pop_back();
                continue;
            }
            const std::uint32_t member = frame.members[frame.next++];
            const Price price{frame.cost + costs_[member], picked_.size() + 1};
            if (!price.beats(best_price_)) {
                continue;
            }
            chosen_[member] = 1;
            picked_.push_back(member);
            frame.picked = true;
            enter(price.cost, stack);  // may invalidate `frame`
        }
    }

    // A node of the search at `cost` with picked_ chosen: a new best when every set is
    // met, else a frame that branches on the unmet set with the fewest members.
    void enter(double cost, std::vector<Frame>& stack) {
        // Work, not nodes: each node scans every set.
        steps_ += 1 + sets_.size();
        if (steps_ > step_limit_) {
            return;
        }
        const std::vector<std::uint32_t>* branch = nullptr;
        for (const auto& set : sets_) {
            if (!met(set) && (branch == nullptr || set.size() < branch->size())) {
                branch = &set;
            }
        }
        if (branch == nullptr) {
            best_price_ = {cost, picked_.size()};
            best_ = picked_;
            found_ = true;
            return;
        }
        Frame frame;
        frame.members = *branch;
        frame.cost = cost;
        std::stable_sort(frame.members.begin(), frame.members.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return costs_[a] < costs_[b]; });
        stack.push_back(std::move(frame));
    }

    std::vector<std::vector<std::uint32_t>> sets_;
    const std::vector<double>& costs_;
    std::size_t step_limit_;
    std::size_t steps_ = 0;
    std::vector<char> chosen_;
    std::vector<std::uint32_t> picked_;
    std::vector<std::uint32_t> best_;
    Price best_price_;
    bool found_ = false;
};

// A minimum edge cut between the sources and the targets of `query` in the graph of
// edges active under `view` for some kind and origin (a superset of what routes can
// use, so cutting it leaves no route), with the edges that are levers (`lever_of_edge`,
// positions in `edge_levers`) priced by their cost and the rest uncuttable. Nothing when
// every cut must take an uncuttable edge.
std::optional<std::vector<EdgeIndex>> minimum_edge_cut(
    const ConfigurationView& view,
    const RouteQuery& query,
    const std::vector<std::int32_t>& lever_of_edge,
    const std::vector<Lever>& edge_levers) {
    const Scenario& scenario = view.scenario();
    const std::size_t n = scenario.nodes().size();
    std::vector<char> avoided(n, 0);
    std::vector<char> target(n, 0);
    for (const NodeIndex node : query.avoid) {
        avoided[node] = 1;
    }
    for (const NodeIndex node : query.to) {
        target[node] = !avoided[node];
    }
    // Costs in thousandths, so that the flow is exact integer arithmetic; "uncuttable"
    // costs more than every cuttable edge together.
    const auto scaled = [](double cost) {
        return std::llround(cost * 1000.0);
    };
    std::int64_t uncuttable = 1;
    for (const Lever& lever : edge_levers) {
        uncuttable += scaled(lever.cost);
    }
    const auto source = static_cast<std::uint32_t>(n);
    const auto sink = static_cast<std::uint32_t>(n + 1);
    std::vector<detail::Arc> arcs;
    std::vector<EdgeIndex> edge_of_arc;
    const std::vector<bool> active = active_edges(view);
    for (EdgeIndex e = 0; e < scenario.edges().size(); ++e) {
        const Edge& edge = scenario.edges()[e];
        if (!active[e] || target[edge.from] || avoided[edge.from] || avoided[edge.to]) {
            continue;  // a route ends at its first target, and never touches avoided nodes
        }
        const std::int32_t lever = lever_of_edge[e];
        arcs.push_back(
            {edge.from, edge.to,
             lever >= 0 ? scaled(edge_levers[static_cast<std::size_t>(lever)].cost) : uncuttable});
        edge_of_arc.push_back(e);
    }
    for (const NodeIndex node : query.from) {
        if (!avoided[node] && !target[node]) {
            arcs.push_back({source, node, uncuttable});
        }
    }
    for (NodeIndex node = 0; node < n; ++node) {
        if (target[node]) {
            arcs.push_back({node, sink, uncuttable});
        }
    }
    const detail::MinimumCut cut = detail::minimum_cut(n + 2, arcs, source, sink);
    if (cut.capacity >= uncuttable) {
        return std::nullopt;
    }
    std::vector<EdgeIndex> edges;
    for (const std::size_t arc : cut.cut_arcs) {
        edges.push_back(edge_of_arc.at(arc));  // arcs to and from source and sink are uncuttable
    }
    return edges;
}

// Up to three routes under `view` that none of `levers` touches: none of their edges is
// one of them or has one of their parameters in its `when`.
std::vector<Route> untouched_routes(const ConfigurationView& view,
                                    const RouteQuery& query,
                                    const StopCondition& stop,
                                    const std::vector<Lever>& levers) {
    const Scenario& scenario = view.scenario();
    std::vector<char> lever_edge(scenario.edges().size(), 0);
    std::vector<char> lever_parameter(scenario.parameters().size(), 0);
    for (const Lever& lever : levers) {
        (lever.type == Lever::Type::kEdge ? lever_edge : lever_parameter)[lever.index] = 1;
    }
    const auto touched = [&](const Route& route) {
        for (const EdgeIndex index : route.edges) {
            if (lever_edge[index]) {
                return true;
            }
            for (const ParameterIndex parameter : scenario.edges()[index].when.parameters()) {
                if (lever_parameter[parameter]) {
                    return true;
                }
            }
        }
        return false;
    };
    std::vector<Route> found;
    RouteFinder finder(view, query);
    finder.enumerate(
        [&](const Route& route) {
            if (!touched(route)) {
                found.push_back(route);
            }
            return found.size() < 3;
        },
        stop);
    return found;
}

// The sets of parameter levers to try, as bit masks over `count` levers: every set when
// there are few, else the empty set, the singles and the pairs. Cheapest first, then
// fewest, then in lever order.
std::vector<std::uint32_t> parameter_flip_sets(const std::vector<Lever>& levers,
                                               std::size_t exhaustive_up_to,
                                               bool& exhaustive) {
    const std::size_t count = levers.size();
    std::vector<std::uint32_t> masks;
    exhaustive = count <= exhaustive_up_to;
    if (exhaustive) {
        for (std::uint32_t mask = 0; mask < (std::uint32_t{1} << count); ++mask) {
            masks.push_back(mask);
        }
    } else {
        masks.push_back(0);
        for (std::size_t i = 0; i < count && i < 32; ++i) {
            masks.push_back(std::uint32_t{1} << i);
            for (std::size_t j = i + 1; j < count && j < 32; ++j) {
                masks.push_back((std::uint32_t{1} << i) | (std::uint32_t{1} << j));
            }
        }
    }
    const auto cost = [&](std::uint32_t mask) {
        double total = 0.0;
        for (std::size_t i = 0; i < count && i < 32; ++i) {
            if (mask & (std::uint32_t{1} << i)) {
                total += levers[i].cost;
            }
        }
        return total;
    };
    std::vector<std::pair<double, std::uint32_t>> priced;
    for (const std::uint32_t mask : masks) {
        priced.emplace_back(cost(mask), mask);
    }
    std::stable_sort(priced.begin(), priced.end(), [](const auto& a, const auto& b) {
        if (a.first != b.first) {
            return a.first < b.first;
        }
        const int bits_a = __builtin_popcount(a.second);
        const int bits_b = __builtin_popcount(b.second);
        if (bits_a != bits_b) {
            return bits_a < bits_b;
        }
        // Lower levers first: compare the masks bit by bit from lever 0.
        const std::uint32_t differ = a.second ^ b.second;
        return (a.second & (differ & (~differ + 1))) != 0;
    });
    std::vector<std::uint32_t> ordered;
    for (const auto& [total, mask] : priced) {
        ordered.push_back(mask);
    }
    return ordered;
}

}  // namespace

std::vector<std::string> lever_holders(const Scenario& scenario, const Lever& lever) {
    if (lever.type == Lever::Type::kParameter) {
        return {scenario.parameters()[lever.index].lever};
    }
    const Edge& edge = scenario.edges()[lever.index];
    if (!edge.lever.empty()) {
        return {edge.lever};
    }
    // Either party can end an agreement or a sharing relationship; a camera is no party.
    const Node& from = scenario.nodes()[edge.from];
    const Node& to = scenario.nodes()[edge.to];
    const bool from_holds = from.kind != NodeKind::kCamera;
    const bool to_holds = to.kind != NodeKind::kCamera;
    if (from_holds == to_holds) {
        return {from.label, to.label};
    }
    return {from_holds ? from.label : to.label};
}

bool held_by(const Scenario& scenario, const Lever& lever, std::string_view holder) {
    const auto lower = [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    };
    for (const std::string& name : lever_holders(scenario, lever)) {
        if (name.size() == holder.size() &&
            std::equal(name.begin(), name.end(), holder.begin(),
                       [&](char a, char b) { return lower(a) == lower(b); })) {
            return true;
        }
    }
    return false;
}

std::vector<Lever> available_levers(const ConfigurationView& view, std::string_view holder) {
    const Scenario& scenario = view.scenario();
    const auto offered = [&](const Lever& lever) {
        return holder.empty() || held_by(scenario, lever, holder);
    };
    std::vector<Lever> parameters;
    for (ParameterIndex p = 0; p < scenario.parameters().size(); ++p) {
        const Parameter& parameter = scenario.parameters()[p];
        const Lever lever{Lever::Type::kParameter, p, !view.parameter_values()[p], parameter.cost};
        if (!parameter.lever.empty() && offered(lever)) {
            parameters.push_back(lever);
        }
    }
    std::sort(parameters.begin(), parameters.end(), [&](const Lever& a, const Lever& b) {
        return scenario.parameters()[a.index].id < scenario.parameters()[b.index].id;
    });
    // Every edge of a large network may have a cut cost: sort them by id on keys held
    // together (the first 16 bytes, as numbers that order as the bytes do) rather than
    // through the edge records, which was most of `cut`'s time on a national network.
    struct Keyed {
        std::uint64_t high, low;
        std::string_view id;
        Lever lever;
    };
    const auto prefix = [](std::string_view id, std::size_t at) {
        std::uint64_t key = 0;
        for (std::size_t i = at; i < at + 8; ++i) {
            key = key << 8 | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0U);
        }
        return key;
    };
    std::vector<Keyed> edges;
    for (EdgeIndex e = 0; e < scenario.edges().size(); ++e) {
        if (const auto cost = scenario.edges()[e].cut_cost) {
            const Lever lever{Lever::Type::kEdge, e, false, *cost};
            if (offered(lever)) {
                const std::string_view id = scenario.edges()[e].id;
                edges.push_back({prefix(id, 0), prefix(id, 8), id, lever});
            }
        }
    }
    std::sort(edges.begin(), edges.end(), [](const Keyed& a, const Keyed& b) {
        if (a.high != b.high || a.low != b.low) {
            return a.high != b.high ? a.high < b.high : a.low < b.low;
        }
        return a.id < b.id;
    });
    parameters.reserve(parameters.size() + edges.size());
    for (const Keyed& edge : edges) {
        parameters.push_back(edge.lever);
    }
    return parameters;
}

ActivitySettings with_levers(const ActivitySettings& base, const std::vector<Lever>& levers) {
    ActivitySettings settings = base;
    for (const Lever& lever : levers) {
        if (lever.type == Lever::Type::kParameter) {
            settings.settings.emplace_back(lever.index, lever.set_to);
        } else {
            settings.ended.push_back(lever.index);
        }
    }
    return settings;
}

CutResult find_cut(const Scenario& scenario,
                   const ActivitySettings& settings,
                   const RouteQuery& query,
                   const StopCondition& stop,
                   const CutLimits& limits,
                   std::string_view holder) {
    CutResult result;
    // A run stopped at its own limit is an answer; only `stop` cuts the search short.
    const auto note_stop = [&](Completion completion) {
        if (completion.cut_short()) {
            result.completion.merge(completion);
        }
        return !result.completion.complete();
    };

    // The unflipped settings serve the first answer and the first set of flips (none).
    const ConfigurationView base_view(scenario, settings);
    RouteFinder base_finder(base_view, query);
    const AnyRoute before = any_route(base_finder, stop);
    if (note_stop(before.enumeration.completion)) {
        return result;
    }
    result.reachable_before = before.found;
    if (!before.found) {
        result.found = result.minimal = result.verified = true;
        return result;
    }

    // Whether a route remains with `pulled` pulled. Ending edges needs no new evaluation
    // of the configuration: the view is the base one with those edges ended.
    const auto any_route_with = [&](const std::vector<Lever>& pulled) {
        std::vector<EdgeIndex> ended;
        for (const Lever& lever : pulled) {
            if (lever.type == Lever::Type::kParameter) {
                return any_route(scenario, with_levers(settings, pulled), query, stop);
            }
            ended.push_back(lever.index);
        }
        const ConfigurationView view = base_view.with_ended(ended);
        RouteFinder finder(view, query);
        return any_route(finder, stop);
    };

    const std::vector<Lever> levers = available_levers(base_view, holder);
    std::vector<Lever> parameter_levers;
    std::vector<Lever> edge_levers;
    for (const Lever& lever : levers) {
        (lever.type == Lever::Type::kParameter ? parameter_levers : edge_levers).push_back(lever);
    }
    std::vector<std::int32_t> lever_of_edge(scenario.edges().size(), -1);
    std::vector<double> edge_costs;
    for (std::size_t i = 0; i < edge_levers.size(); ++i) {
        lever_of_edge[edge_levers[i].index] = static_cast<std::int32_t>(i);
        edge_costs.push_back(edge_levers[i].cost);
    }

    // Which edges alone stop every route, when the unflipped routes were all listed (an
    // edge does iff every route uses it); else each is asked of the engine below.
    std::optional<std::vector<char>> edge_alone_enough;
    bool exhaustive = true;
    Price best;
    std::vector<Lever> best_levers;
    // Too many routes to choose edges exactly: each further set of flips costs a graph
    // cut of the whole network, so only single flips are tried.
    bool large = false;
    for (const std::uint32_t mask :
         parameter_flip_sets(parameter_levers, limits.parameters_for_exhaustive, exhaustive)) {
        if (large && __builtin_popcount(mask) > 1) {
            exhaustive = false;
            continue;
        }
        std::vector<Lever> flips;
        double flip_cost = 0.0;
        for (std::size_t i = 0; i < parameter_levers.size() && i < 32; ++i) {
            if (mask & (std::uint32_t{1} << i)) {
                flips.push_back(parameter_levers[i]);
                flip_cost += parameter_levers[i].cost;
            }
        }
        if (flip_cost > best.cost + kCostSlack) {
            break;  // sets come cheapest first: none of the rest can beat the best
        }
        if (!Price{flip_cost, flips.size()}.beats(best)) {
            continue;
        }
        if (note_stop(stop.check())) {
            break;
        }
        const ActivitySettings flipped = with_levers(settings, flips);
        std::optional<ConfigurationView> flipped_view;
        std::optional<RouteFinder> flipped_finder;
        if (mask != 0) {
            flipped_view.emplace(scenario, flipped);
            flipped_finder.emplace(*flipped_view, query);
        }
        const ConfigurationView& view = mask == 0 ? base_view : *flipped_view;
        RouteFinder& finder = mask == 0 ? base_finder : *flipped_finder;
        const RemainingRoutes remaining =
            remaining_routes(finder, lever_of_edge, limits.routes_for_exact, stop);
        if (note_stop(remaining.enumeration.completion)) {
            break;
        }
        if (mask == 0 && !remaining.over_limit) {
            edge_alone_enough = in_every_set(remaining, edge_levers.size());
        }
        large = large || (mask == 0 && remaining.over_limit);
        if (!remaining.any) {
            best = {flip_cost, flips.size()};
            best_levers = flips;
            continue;
        }
        if (remaining.uncuttable) {
            continue;
        }
        std::vector<Lever> ended;
        if (remaining.over_limit) {
            const auto cut = minimum_edge_cut(view, query, lever_of_edge, edge_levers);
            result.used_max_flow = true;
            if (!cut) {
                continue;
            }
            for (const EdgeIndex edge : *cut) {
                ended.push_back(edge_levers[static_cast<std::size_t>(lever_of_edge[edge])]);
            }
        } else {
            const double budget = best.cost - flip_cost;
            const std::size_t count_budget = best.count == std::numeric_limits<std::size_t>::max()
                                                 ? best.count
                                                 : best.count - std::min(best.count, flips.size());
            HittingSet hitting(remaining.lever_sets, edge_costs, limits.hitting_set_steps);
            const auto chosen = hitting.solve({budget, count_budget});
            exhaustive = exhaustive && hitting.exact();
            if (!chosen) {
                continue;
            }
            for (const std::uint32_t position : *chosen) {
                ended.push_back(edge_levers[position]);
            }
        }
        double total = flip_cost;
        for (const Lever& lever : ended) {
            total += lever.cost;
        }
        const Price price{total, flips.size() + ended.size()};
        if (price.beats(best)) {
            best = price;
            best_levers = flips;
            std::sort(ended.begin(), ended.end(), [&](const Lever& a, const Lever& b) {
                return scenario.edges()[a.index].id < scenario.edges()[b.index].id;
            });
            best_levers.insert(best_levers.end(), ended.begin(), ended.end());
        }
    }

    result.found = best.count != std::numeric_limits<std::size_t>::max();
    if (!result.found && result.completion.complete()) {
        result.unstoppable = untouched_routes(base_view, query, stop, levers);
    }
    result.minimal = result.completion.complete() && exhaustive && !result.used_max_flow;
    if (result.found) {
        result.cost = best.cost;
        result.levers = best_levers;
        const AnyRoute after = any_route_with(best_levers);
        note_stop(after.enumeration.completion);
        result.verified = result.completion.complete() && !after.found;
    }
    for (const Lever& lever : levers) {
        // Engine runs check `stop` only every thousand steps, and small runs never get there.
        if (note_stop(stop.check())) {
            break;
        }
        if (lever.type == Lever::Type::kEdge && edge_alone_enough) {
            if ((*edge_alone_enough)[static_cast<std::size_t>(lever_of_edge[lever.index])]) {
                result.single_levers.push_back(lever);
            }
            continue;
        }
        // An edge that alone is enough lies on every route, the first one included.
        if (lever.type == Lever::Type::kEdge &&
            std::find(before.first_edges.begin(), before.first_edges.end(), lever.index) ==
                before.first_edges.end()) {
            continue;
        }
        const AnyRoute alone = any_route_with({lever});
        if (!note_stop(alone.enumeration.completion) && !alone.found) {
            result.single_levers.push_back(lever);
        }
    }
    result.minimal = result.minimal && result.completion.complete();
    return result;
}

}  // namespace flowsim
