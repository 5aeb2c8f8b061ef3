#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "flowsim/configuration_view.hpp"
#include "flowsim/route_finder.hpp"
#include "flowsim/scenario.hpp"

namespace flowsim {

/// Something a real actor can do to stop data moving (docs/cli.md, `cut`): switch a
/// parameter that has a `lever` to the other value, or end an edge that has a `cut_cost`.
struct Lever {
    enum class Type { kParameter, kEdge };
    Type type = Type::kParameter;
    std::uint32_t index = 0;  ///< a ParameterIndex or an EdgeIndex
    bool set_to = false;      ///< for a parameter: the value it is switched to
    double cost = 1.0;        ///< the parameter's `cost`, or the edge's `cut_cost`
};

/// Who can pull `lever`: a parameter's `lever`; an edge's `lever`, or when it has none the
/// parties it joins, its two end nodes by label, except a camera, which holds nothing (an
/// edge between two cameras names both).
std::vector<std::string> lever_holders(const Scenario& scenario, const Lever& lever);

/// Whether `holder` is one of lever_holders(), compared without regard to (ASCII) case.
bool held_by(const Scenario& scenario, const Lever& lever, std::string_view holder);

/// Every lever the scenario offers under `view`: parameters with a `lever` (each flipped
/// away from its value in the view), by parameter id, then edges with a `cut_cost`, by
/// edge id. With a `holder`, only the levers it holds (held_by).
std::vector<Lever> available_levers(const ConfigurationView& view, std::string_view holder = {});

/// `base` with `levers` pulled: parameter settings appended (so they win), edges ended.
ActivitySettings with_levers(const ActivitySettings& base, const std::vector<Lever>& levers);

/// How hard `find_cut` may work before it settles for an answer it cannot prove least.
struct CutLimits {
    /// Above this many routes under one set of parameter flips, the edges to end are
    /// chosen by a minimum cut of the graph (Boost.Graph max-flow) instead of exactly.
    std::size_t routes_for_exact = 10000;
    /// With more parameter levers than this, only sets of at most two flips are tried;
    /// when the unflipped routes already exceed routes_for_exact, only single flips.
    std::size_t parameters_for_exhaustive = 14;
    /// Work (route sets scanned) the exact choice of edges may do before it keeps the
    /// best found so far, unproven.
    std::size_t hitting_set_steps = 50000000;
};

/// The answer of `cut`.
struct CutResult {
    bool reachable_before = false;
    bool found = false;     ///< a set of levers after which no route exists
    bool minimal = false;   ///< proven: no cheaper set exists (or, when !found, none at all)
    bool verified = false;  ///< the engine, run with the levers pulled, found no route
    double cost = 0.0;
    std::vector<Lever> levers;         ///< parameters first, then edges, each by id
    std::vector<Lever> single_levers;  ///< every lever that alone suffices, same order
    /// When no set exists: a few routes (at most three, in the fixed order) that no lever
    /// touches (of the holder's, with one): no cuttable edge, no lever parameter in any
    /// `when`. Why the answer is no.
    std::vector<Route> unstoppable;
    bool used_max_flow = false;  ///< some edge choice came from a graph cut
    Completion completion;       ///< cut short when `stop` cut the search short
};

/// The cheapest set of levers that leaves no route for `query` under `settings`.
///
/// Parameter flips are not monotone (a flip can open routes), so sets of flips are tried
/// in order of price, each answered by the engine. For each, the routes that remain are
/// listed, and the cheapest set of cuttable edges that meets every one of them is found
/// exactly (branch and bound over a hitting set: ending edges only ever removes routes),
/// or, when there are too many routes, by a minimum edge cut of the active graph, which
/// is sound but not always least. Ties go to fewer levers, then to the first in the order
/// above. The result is re-checked by the engine.
///
/// With a `holder`, only the levers it holds may be pulled (available_levers): every
/// other edge is as uncuttable as one without a cut_cost, every other parameter as fixed
/// as one without a lever. "What can the city council alone do?"
CutResult find_cut(const Scenario& scenario,
                   const ActivitySettings& settings,
                   const RouteQuery& query,
                   const StopCondition& stop = {},
                   const CutLimits& limits = {},
                   std::string_view holder = {});

}  // namespace flowsim
