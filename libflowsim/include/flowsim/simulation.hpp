#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "flowsim/completion.hpp"
#include "flowsim/configuration_view.hpp"
#include "flowsim/duration.hpp"
#include "flowsim/route.hpp"
#include "flowsim/route_finder.hpp"

namespace flowsim {

/// What the simulator assumes beyond the scenario (docs/cli.md, `simulate`).
struct SimulationModel {
    /// The chance that an edge without a `likelihood` opens in a run: 1 ("assume it can
    /// happen") unless `--unknown-likelihood` says otherwise. 0 to 1.
    double unknown_likelihood = 1.0;
};

/// How many runs, from which seed, on how many threads.
struct SimulationSettings {
    std::uint64_t runs = 10000;
    std::uint64_t seed = 1;
    unsigned threads = 0;       ///< 0: every core
    Seconds within = 86400;     ///< the share of records that arrive within this is counted
    std::uint64_t chunk = 256;  ///< runs handed to a thread at a time (results do not depend on it)
};

/// How a source's runs find their routes. Both give the same answer, run for run; the
/// graph is the fast one and is used whenever it is exact.
enum class SimulationMethod {
    kAuto,    ///< the graph where it is exact for the source, else the route list
    kGraph,   ///< a shortest-time search over the compiled graph, edges drawn as reached
    kRoutes,  ///< the engine's list of routes, as a tree walked with edges drawn as reached
};

/// One pair's outcome in one run.
struct Arrival {
    bool reached = false;
    Seconds time = 0;  ///< the exposure time: the least total delay over the open routes
    /// The route that carried the first arrival (ties broken by the fixed route order);
    /// empty when not reached.
    Route route;
};

/// The exposure times of the runs that reached a target: each distinct time with how
/// many runs it had, ascending.
struct ExposureTimes {
    std::vector<std::pair<Seconds, std::uint64_t>> counts;

    std::uint64_t total() const;
    /// The nearest-rank quantile: the least time t such that at least `q` of the runs
    /// counted arrived by t (q in (0, 1]). 0 when no run is counted.
    Seconds quantile(double q) const;
    /// How many runs arrived by `time` (inclusive).
    std::uint64_t by(Seconds time) const;
};

/// A route that carried first arrivals, and in how many runs.
struct FirstArrivals {
    Route route;
    std::uint64_t runs = 0;
};

/// The results for one source and one target (or every target at once).
struct PairResult {
    NodeIndex source = 0;
    std::optional<NodeIndex> target;  ///< nullopt: the first of any target (when there are several)
    std::uint64_t reached = 0;        ///< runs in which the record reached the target
    std::uint64_t within = 0;         ///< ... within SimulationSettings::within
    ExposureTimes times;              ///< over the runs that reached it
    /// Every route that carried a first arrival: most runs first, ties in the fixed order.
    std::vector<FirstArrivals> first_arrivals;
};

/// The share `successes / trials` with its 95 % Wilson score interval.
struct ShareInterval {
    double share = 0;
    double low = 0;
    double high = 0;
};
ShareInterval wilson_interval(std::uint64_t successes, std::uint64_t trials);

/// What a simulation found.
struct SimulationResult {
    std::uint64_t runs = 0;  ///< runs done: all asked for, or the first ones when cut short
    /// Complete, or cut short by `stop`: the results are those of the first `runs` runs,
    /// exactly what `runs` runs give.
    Completion completion;
    std::vector<PairResult> pairs;  ///< by source, then target, in node-id order; "any" last
    std::uint64_t edge_trials = 0;  ///< edge outcomes drawn over all runs
};

/// The edges that lie on routes, and those of them without a likelihood.
struct EdgesOnRoutes {
    std::size_t edges = 0;
    std::size_t without_likelihood = 0;
    /// False when the routes were too many to list: the counts are then over every edge
    /// the simulation can use (a superset: edges some walk from a source to a target
    /// takes), so at most.
    bool exact = true;
};

/// The Monte Carlo simulation of SPEC section 6 over the routes of one query.
///
/// One run follows one record from each source at t = 0. Each edge's outcome is drawn
/// once per run: open with its likelihood (an unknown one: SimulationModel) times its
/// gates' probabilities, and, when open, its delay (uniform over whole seconds for a
/// range). An edge whose delay exceeds its tail's retention is closed. The record reaches
/// a target when some route (the engine's, with every route option) has all its edges
/// open; its exposure time is the least total delay over such routes.
///
/// Run `i` draws from a stream derived from (seed, i) alone: draw j of edge e is output
/// 2e + j + 1 of SplitMix64 seeded with a hash of (seed, i), so edges are drawn lazily,
/// in any order, and results do not depend on the number of threads.
class Simulation {
public:
    /// Prepares the simulation of `query` under `view` (both must outlive it): for each
    /// source, the compiled graph when a shortest-time search over it is exact (no
    /// --max-hops, no --via that matters, every node reached as one data kind), else the
    /// engine's routes. `stop` bounds the preparation (listing routes); error() then says so.
    Simulation(const ConfigurationView& view,
               const RouteQuery& query,
               SimulationModel model = {},
               SimulationMethod method = SimulationMethod::kAuto,
               const StopCondition& stop = {});
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    /// Why the simulation cannot run (a source needs its routes listed and they are too
    /// many), or how preparing it was cut short; empty when it can run.
    const std::string& error() const;
    Completion preparation() const;

    /// The sources (RouteFinder::sources) and targets (in node-id order) of the pairs.
    const std::vector<NodeIndex>& sources() const;
    const std::vector<NodeIndex>& targets() const;
    /// The method used for each source, parallel to sources().
    const std::vector<SimulationMethod>& methods() const;

    /// The edges on routes and how many of them have no likelihood.
    EdgesOnRoutes edges_on_routes() const;

    /// Run `index` of seed `seed` alone: an Arrival per source and target, sources()
    /// major, targets() minor. For tests; simulate() is the fast way to do many.
    std::vector<Arrival> run(std::uint64_t seed, std::uint64_t index) const;

    /// Runs `settings.runs` runs on `settings.threads` threads. `progress`, when given,
    /// is called now and then (from the calling thread) with the runs done so far.
    /// `stop` cuts the work short: the result then holds the first runs, in order.
    SimulationResult simulate(const SimulationSettings& settings,
                              const StopCondition& stop = {},
                              const std::function<void(std::uint64_t)>& progress = {}) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace flowsim
