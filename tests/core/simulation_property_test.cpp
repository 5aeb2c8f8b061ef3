// Property test of the simulation: on hundreds of small random scenarios (the route engine's
// generator, with delays, retention and gate probabilities added), against answers computed
// without the simulator:
//
// - the share of runs that reach each target is within 4 standard errors (at 20,000 runs; plus
//   one run, for rare events) of the exact probability, found by brute force over the
//   open/closed states of the edges that lie on the engine's routes;
// - with every edge open and fixed delays, each run's exposure time is exactly the least route
//   delay, carried by the first such route in the fixed order;
// - the compiled-graph search and the route list give the same answer, run for run.
//
// Every case is built from its own fixed seed; a failure prints the seed and the scenario. Set
// FLOWSIM_SIMULATION_SEED=<seed> to run one case, FLOWSIM_SIMULATION_CASES=<n> to run n.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "flowsim/configuration_view.hpp"
#include "flowsim/io/scenario_loader.hpp"
#include "flowsim/simulation.hpp"
#include "support/random_scenarios.hpp"

namespace flowsim {
namespace {

constexpr std::uint32_t kFirstSeed = 20261215;
constexpr int kCases = 300;
constexpr int kQueriesPerCase = 6;
constexpr std::uint64_t kRuns = 20000;

using namespace testing;  // NOLINT(google-build-using-namespace): the shared test vocabulary

struct Tally {
    int cases = 0;
    int queries = 0;
    int graph_sources = 0;
    int route_sources = 0;
    int shares_compared = 0;
    int shares_strictly_between = 0;
    int timed_runs = 0;
    int runs_compared = 0;
};

// The chance that an edge can be taken in a run: open (likelihood, unknown as 1, times its
// gates' probabilities) and its delay within its tail's retention (a range is uniform over
// whole seconds).
double usable_probability(const Scenario& scenario, EdgeIndex index) {
    const Edge& edge = scenario.edges()[index];
    double p = edge.likelihood.value_or(1.0);
    for (const GateIndex gate : edge.gates) {
        p *= scenario.gates()[gate].probability;
    }
    const auto retention = scenario.nodes()[edge.from].retention;
    if (retention) {
        const Seconds low = edge.delay.min;
        const Seconds high = edge.delay.max;
        if (*retention < low) {
            return 0;
        }
        if (*retention < high) {
            p *= static_cast<double>(*retention - low + 1) / static_cast<double>(high - low + 1);
        }
    }
    return p;
}

// Per (source, target): the exact probability that some route's edges are all usable,
// summed over the usable/unusable states of the edges on routes.
std::map<std::pair<NodeIndex, NodeIndex>, double> exact_shares(const Scenario& scenario,
                                                               const std::vector<Route>& routes) {
    std::vector<EdgeIndex> on_routes;
    std::map<EdgeIndex, std::size_t> bit;
    for (const Route& route : routes) {
        for (const EdgeIndex edge : route.edges) {
            if (bit.emplace(edge, on_routes.size()).second) {
                on_routes.push_back(edge);
            }
        }
    }
    std::map<std::pair<NodeIndex, NodeIndex>, std::vector<std::uint64_t>> masks;
    for (const Route& route : routes) {
        std::uint64_t mask = 0;
        for (const EdgeIndex edge : route.edges) {
            mask |= std::uint64_t{1} << bit.at(edge);
        }
        masks[{route.source, route.target}].push_back(mask);
    }
    std::vector<double> p;
    for (const EdgeIndex edge : on_routes) {
        p.push_back(usable_probability(scenario, edge));
    }
    std::map<std::pair<NodeIndex, NodeIndex>, double> shares;
    for (const auto& entry : masks) {
        shares[entry.first] = 0;
    }
    const std::uint64_t states = std::uint64_t{1} << on_routes.size();
    for (std::uint64_t state = 0; state < states; ++state) {
        double chance = 1;
        for (std::size_t i = 0; i < on_routes.size(); ++i) {
            chance *= (state >> i) & 1 ? p[i] : 1 - p[i];
        }
        if (chance == 0) {
            continue;
        }
        for (const auto& [pair, list] : masks) {
            for (const std::uint64_t mask : list) {
                if ((state & mask) == mask) {
                    shares[pair] += chance;
                    break;
                }
            }
        }
    }
    return shares;
}

// The same scenario with every edge certain to open: likelihoods and gate probabilities 1.
Scenario all_open(const Scenario& scenario) {
    ScenarioParts parts{scenario.title(),    scenario.description(),    scenario.as_of(),
                        scenario.sources(),  scenario.data_kinds(),     scenario.parameters(),
                        scenario.gates(),    scenario.nodes(),          scenario.edges(),
                        scenario.policies(), scenario.configurations(), scenario.questions()};
    for (Gate& gate : parts.gates) {
        gate.probability = 1;
    }
    for (Edge& edge : parts.edges) {
        edge.likelihood = 1.0;
        edge.delay.max = edge.delay.min;
    }
    return Scenario(std::move(parts));
}

void check_fixed_delays(const Scenario& open,
                        const ActivitySettings& settings,
                        const RouteQuery& query,
                        const std::string& context,
                        Tally& tally) {
    const ConfigurationView view(open, settings);
    const Simulation simulation(view, query);
    ASSERT_TRUE(simulation.error().empty()) << context << simulation.error();
    const std::vector<Route> routes = run_engine(open, settings, query).routes;
    const std::vector<Arrival> arrivals = simulation.run(7, 0);
    const auto& sources = simulation.sources();
    const auto& targets = simulation.targets();
    for (std::size_t s = 0; s < sources.size(); ++s) {
        for (std::size_t t = 0; t < targets.size(); ++t) {
            // The least delay over the routes whose every hop fits its tail's retention;
            // the first such route in the fixed order (the engine lists them in it).
            std::optional<Seconds> least;
            const Route* first = nullptr;
            for (const Route& route : routes) {
                if (route.source != sources[s] || route.target != targets[t]) {
                    continue;
                }
                Seconds total = 0;
                bool fits = true;
                for (const EdgeIndex edge : route.edges) {
                    const Edge& e = open.edges()[edge];
                    const auto retention = open.nodes()[e.from].retention;
                    fits = fits && (!retention || e.delay.min <= *retention);
                    total += e.delay.min;
                }
                if (fits && (!least || total < *least)) {
                    least = total;
                    first = &route;
                }
            }
            const Arrival& arrival = arrivals[s * targets.size() + t];
            const std::string which = context + "pair " + open.nodes()[sources[s]].id + " -> " +
                                      open.nodes()[targets[t]].id + "\n";
            ASSERT_EQ(arrival.reached, least.has_value()) << which;
            if (least) {
                ++tally.timed_runs;
                EXPECT_EQ(arrival.time, *least) << which;
                EXPECT_TRUE(same_route(arrival.route, *first))
                    << which << "simulated: " << describe(open, arrival.route)
                    << "\nexpected:  " << describe(open, *first);
            }
        }
    }
}

void run_case(std::uint32_t seed, Tally& tally) {
    Random random(seed);
    const ScenarioGenerator generator(random, true);
    const std::string yaml = generator.yaml(false);
    const std::string header = "seed " + std::to_string(seed) +
                               " (rerun with FLOWSIM_SIMULATION_SEED=" + std::to_string(seed) +
                               ")\n--- scenario ---\n" + yaml + "----------------\n";
    io::LoadResult loaded = io::load_scenario(yaml, "random.yaml");
    ASSERT_TRUE(loaded.ok()) << header << format_diagnostics(loaded.diagnostics, loaded.lines);
    const Scenario& scenario = *loaded.scenario;
    const Scenario open = all_open(scenario);
    ++tally.cases;
    for (int q = 0; q < kQueriesPerCase; ++q) {
        const ActivitySettings settings = random_settings(random, scenario);
        const RouteQuery query = random_query(random, scenario);
        const std::string context =
            header + "query #" + std::to_string(q) + "\n" + describe(scenario, settings, query);
        ++tally.queries;

        const ConfigurationView view(scenario, settings);
        const Simulation automatic(view, query);
        const Simulation listed(view, query, {}, SimulationMethod::kRoutes);
        ASSERT_TRUE(automatic.error().empty()) << context << automatic.error();
        ASSERT_TRUE(listed.error().empty()) << context << listed.error();
        for (const SimulationMethod method : automatic.methods()) {
            ++(method == SimulationMethod::kGraph ? tally.graph_sources : tally.route_sources);
        }

        // The graph and the route list agree, run for run.
        for (std::uint64_t i = 0; i < 50; ++i) {
            const auto a = automatic.run(seed, i);
            const auto b = listed.run(seed, i);
            ASSERT_EQ(a.size(), b.size());
            for (std::size_t k = 0; k < a.size(); ++k) {
                ++tally.runs_compared;
                ASSERT_EQ(a[k].reached, b[k].reached) << context << "run " << i << " pair " << k;
                if (a[k].reached) {
                    ASSERT_EQ(a[k].time, b[k].time) << context << "run " << i << " pair " << k;
                    ASSERT_TRUE(same_route(a[k].route, b[k].route))
                        << context << "run " << i << " pair " << k
                        << "\ngraph:  " << describe(scenario, a[k].route)
                        << "\nroutes: " << describe(scenario, b[k].route);
                }
            }
        }

        // The shares, against brute force over the edges on the engine's routes.
        const Enumerated engine = run_engine(scenario, settings, query);
        ASSERT_TRUE(engine.result.completion.complete()) << context;
        const auto exact = exact_shares(scenario, engine.routes);
        SimulationSettings run_settings;
        run_settings.runs = kRuns;
        run_settings.seed = seed;
        run_settings.threads = 2;
        const SimulationResult result = automatic.simulate(run_settings);
        ASSERT_EQ(result.runs, kRuns);
        for (const PairResult& pair : result.pairs) {
            if (!pair.target) {
                continue;
            }
            const auto found = exact.find({pair.source, *pair.target});
            // Summed in floating point: clamp the last bit of rounding.
            const double p = found == exact.end() ? 0.0 : std::clamp(found->second, 0.0, 1.0);
            const double share = static_cast<double>(pair.reached) / static_cast<double>(kRuns);
            const double se = std::sqrt(p * (1 - p) / static_cast<double>(kRuns));
            ++tally.shares_compared;
            tally.shares_strictly_between += p > 1e-12 && p < 1 - 1e-12 ? 1 : 0;
            // Four standard errors, plus one run: for a share near 0 or 1 (one run in
            // millions) a single run is already many standard errors away, and the normal
            // approximation behind "four" no longer holds.
            EXPECT_LE(std::abs(share - p), 4 * se + 1.0 / static_cast<double>(kRuns))
                << context << "pair " << scenario.nodes()[pair.source].id << " -> "
                << scenario.nodes()[*pair.target].id << ": simulated " << share << ", exact " << p;
        }

        check_fixed_delays(open, settings, query, context, tally);
    }
}

TEST(SimulationProperty, MatchesBruteForceOnRandomScenarios) {
    Tally tally;
    if (const char* one = std::getenv("FLOWSIM_SIMULATION_SEED")) {
        run_case(static_cast<std::uint32_t>(std::strtoul(one, nullptr, 10)), tally);
        return;
    }
    int cases = kCases;
    if (const char* count = std::getenv("FLOWSIM_SIMULATION_CASES")) {
        cases = std::atoi(count);
    }
    for (int i = 0; i < cases && !HasFatalFailure() && !HasNonfatalFailure(); ++i) {
        run_case(kFirstSeed + static_cast<std::uint32_t>(i), tally);
    }
    // The scenarios must exercise what is tested, or the test proves little.
    EXPECT_GE(tally.shares_strictly_between, 100) << "too few shares strictly between 0 and 1";
    EXPECT_GE(tally.graph_sources, 100);
    EXPECT_GE(tally.route_sources, 20);
    EXPECT_GE(tally.timed_runs, 100);
    std::printf(
        "[ tally    ] %d cases, %d queries, %d sources by graph and %d by route list, %d "
        "shares compared (%d strictly between 0 and 1), %d runs compared, %d exposure "
        "times checked\n",
        tally.cases, tally.queries, tally.graph_sources, tally.route_sources, tally.shares_compared,
        tally.shares_strictly_between, tally.runs_compared, tally.timed_runs);
}

}  // namespace
}  // namespace flowsim
