#include "flowsim/simulation.hpp"

#include <atomic>
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "flowsim/io/scenario_loader.hpp"
#include "flowsim/query_request.hpp"

namespace flowsim {
namespace {

constexpr Seconds kHour = 3600;
constexpr Seconds kDay = 86400;

Scenario load(std::string_view yaml) {
    io::LoadResult result = io::load_scenario(yaml, "in.yaml");
    EXPECT_TRUE(result.ok()) << format_diagnostics(result.diagnostics, result.lines);
    return std::move(*result.scenario);
}

struct Prepared {
    explicit Prepared(std::string_view yaml, QueryRequest request = {})
        : scenario(load(yaml)), query(resolve(request)), view(scenario, query.activity) {}

    ResolvedQuery resolve(const QueryRequest& request) {
        std::vector<std::string> errors;
        ResolvedQuery resolved = resolve_request(scenario, request, errors);
        EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front());
        return resolved;
    }

    Scenario scenario;
    ResolvedQuery query;
    ConfigurationView view;
};

std::string node_ids(const Scenario& scenario, const Route& route) {
    std::string text;
    for (const NodeIndex node : route.nodes) {
        text += (text.empty() ? "" : " ") + scenario.nodes()[node].id;
    }
    return text;
}

// Two ways to ICE: fast through the pool (1d + 2d), slow through the state (3d + 4d).
constexpr std::string_view kTwoWays = R"(flowsim: 1
nodes:
  - {id: cams, kind: camera, produces: [plate_read]}
  - {id: pool, kind: platform}
  - {id: state, kind: state_agency}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cams, to: pool, carries: [plate_read], delay: 1d}
  - {from: pool, to: ice, carries: [plate_read], delay: 2d}
  - {from: cams, to: state, carries: [plate_read], delay: 3d}
  - {from: state, to: ice, carries: [plate_read], delay: 4d}
)";

TEST(Simulation, FixedDelaysGiveTheLeastRouteDelayExactly) {
    const Prepared prepared(kTwoWays);
    const Simulation simulation(prepared.view, prepared.query.routes);
    ASSERT_TRUE(simulation.error().empty());
    EXPECT_EQ(simulation.methods(), std::vector<SimulationMethod>{SimulationMethod::kGraph});
    const auto arrivals = simulation.run(1, 0);
    ASSERT_EQ(arrivals.size(), 1U);
    EXPECT_TRUE(arrivals[0].reached);
    EXPECT_EQ(arrivals[0].time, 3 * kDay);
    EXPECT_EQ(node_ids(prepared.scenario, arrivals[0].route), "cams pool ice");

    SimulationSettings settings;
    settings.runs = 1000;
    settings.within = 3 * kDay - 1;
    const SimulationResult result = simulation.simulate(settings);
    ASSERT_EQ(result.pairs.size(), 1U);
    const PairResult& pair = result.pairs[0];
    EXPECT_EQ(pair.reached, 1000U);
    EXPECT_EQ(pair.within, 0U);  // one second short of the three days it takes
    EXPECT_EQ(pair.times.quantile(0.5), 3 * kDay);
    EXPECT_EQ(pair.times.quantile(0.9), 3 * kDay);
    ASSERT_EQ(pair.first_arrivals.size(), 1U);
    EXPECT_EQ(pair.first_arrivals[0].runs, 1000U);
}

TEST(Simulation, RetentionShorterThanTheNextHopBlocksIt) {
    // The pool keeps reads a day; its hop to ICE takes two: only the slow way is left.
    std::string yaml(kTwoWays);
    yaml.replace(yaml.find("{id: pool, kind: platform}"), 26,
                 "{id: pool, kind: platform, retention: 1d}");
    const Prepared prepared(yaml);
    const Simulation simulation(prepared.view, prepared.query.routes);
    const auto arrivals = simulation.run(1, 0);
    ASSERT_TRUE(arrivals[0].reached);
    EXPECT_EQ(arrivals[0].time, 7 * kDay);
    EXPECT_EQ(node_ids(prepared.scenario, arrivals[0].route), "cams state ice");

    // And a retention at least the delay lets it through.
    std::string kept(kTwoWays);
    kept.replace(kept.find("{id: pool, kind: platform}"), 26,
                 "{id: pool, kind: platform, retention: 2d}");
    const Prepared prepared_kept(kept);
    const Simulation simulation_kept(prepared_kept.view, prepared_kept.query.routes);
    EXPECT_EQ(simulation_kept.run(1, 0)[0].time, 3 * kDay);
}

TEST(Simulation, ARangeOfDelaysIsCutByRetentionInProportion) {
    // Uniform over 12h..36h, kept 24h: about half the runs get through.
    const Prepared prepared(R"(flowsim: 1
nodes:
  - {id: cams, kind: camera, produces: [plate_read], retention: 1d}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cams, to: ice, carries: [plate_read], delay: {min: 12h, max: 36h}}
)");
    const Simulation simulation(prepared.view, prepared.query.routes);
    SimulationSettings settings;
    settings.runs = 40000;
    settings.within = 18 * kHour;
    const PairResult pair = simulation.simulate(settings).pairs.at(0);
    const double share = static_cast<double>(pair.reached) / 40000;
    const double p = static_cast<double>(12 * kHour + 1) / static_cast<double>(24 * kHour + 1);
    EXPECT_NEAR(share, p, 4 * std::sqrt(p * (1 - p) / 40000));
    EXPECT_GE(pair.times.counts.front().first, 12 * kHour);
    EXPECT_LE(pair.times.counts.back().first, kDay);
    const double within = static_cast<double>(pair.within) / 40000;
    EXPECT_NEAR(within, 0.25, 4 * std::sqrt(0.25 * 0.75 / 40000));
}

TEST(Simulation, LikelihoodsGatesAndUnknownLikelihoods) {
    constexpr std::string_view kYaml = R"(flowsim: 1
gates:
  consent: {probability: 0.5}
nodes:
  - {id: cams, kind: camera, produces: [footage]}
  - {id: ring, kind: platform}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cams, to: ring, carries: [footage], likelihood: 0.8}
  - {from: ring, to: ice, carries: [footage], gates: [consent]}
)";
    const Prepared prepared(kYaml);
    const Simulation simulation(prepared.view, prepared.query.routes);
    SimulationSettings settings;
    settings.runs = 40000;
    const auto share = [&](const Simulation& s) {
        return static_cast<double>(s.simulate(settings).pairs.at(0).reached) / 40000;
    };
    // 0.8 x (unknown: 1) x 0.5.
    EXPECT_NEAR(share(simulation), 0.4, 4 * std::sqrt(0.4 * 0.6 / 40000));
    const Simulation doubtful(prepared.view, prepared.query.routes, SimulationModel{0.25});
    EXPECT_NEAR(share(doubtful), 0.1, 4 * std::sqrt(0.1 * 0.9 / 40000));
    const EdgesOnRoutes on_routes = simulation.edges_on_routes();
    EXPECT_EQ(on_routes.edges, 2U);
    EXPECT_EQ(on_routes.without_likelihood, 1U);
    EXPECT_TRUE(on_routes.exact);

    // --without consent: the gate is never passed, the edge is gone.
    QueryRequest without;
    without.without = {"consent"};
    const Prepared closed(kYaml, without);
    const Simulation none(closed.view, closed.query.routes);
    EXPECT_EQ(none.simulate(settings).pairs.at(0).reached, 0U);
}

// Every route option of `paths` changes what the runs may use.
TEST(Simulation, HonoursTheRouteOptions) {
    constexpr std::string_view kYaml = R"(flowsim: 1
parameters:
  lookup: {default: true}
nodes:
  - {id: cams, kind: camera, produces: [plate_read]}
  - {id: pool, kind: platform}
  - {id: state, kind: state_agency}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cams, to: pool, carries: [plate_read], when: lookup, status: documented}
  - {from: pool, to: ice, carries: [plate_read], status: documented}
  - {from: cams, to: state, carries: [plate_read], delay: 1d, status: alleged}
  - {from: state, to: ice, carries: [plate_read], delay: 1d, status: documented, until: 2025-01-01}
)";
    const auto first_time = [&](QueryRequest request) -> std::optional<Seconds> {
        const Prepared prepared(kYaml, request);
        const Simulation simulation(prepared.view, prepared.query.routes);
        EXPECT_TRUE(simulation.error().empty()) << simulation.error();
        const auto arrivals = simulation.run(3, 0);
        if (arrivals.empty() || !arrivals[0].reached) {
            return std::nullopt;
        }
        return arrivals[0].time;
    };
    EXPECT_EQ(first_time({}), 0);
    QueryRequest off;
    off.settings = {"lookup=false"};
    EXPECT_EQ(first_time(off), 2 * kDay);
    off.as_of = "2025-06-01";
    EXPECT_EQ(first_time(off), std::nullopt);
    QueryRequest strict;
    strict.settings = {"lookup=false"};
    strict.min_evidence = "reported";
    EXPECT_EQ(first_time(strict), std::nullopt);
    QueryRequest avoid;
    avoid.avoid = "pool";
    EXPECT_EQ(first_time(avoid), 2 * kDay);
    QueryRequest via;
    via.via = "state";
    EXPECT_EQ(first_time(via), 2 * kDay);
    QueryRequest hops;
    hops.max_hops = 1;
    EXPECT_EQ(first_time(hops), std::nullopt);
}

TEST(Simulation, UsesTheRouteListWhereTheGraphIsNotExact) {
    // The agency is reached as plate reads from its cameras and as searched reads
    // (converted) through the pool: a walk through it twice is no route.
    const Prepared prepared(R"(flowsim: 1
data: {searched_read: {label: Searched read}}
nodes:
  - {id: cams, kind: camera, produces: [plate_read]}
  - {id: pd, kind: local_agency}
  - {id: pool, kind: platform}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cams, to: pd, carries: [plate_read]}
  - {from: cams, to: pool, carries: [plate_read], convert: {plate_read: searched_read}}
  - {from: pool, to: pd, carries: [searched_read]}
  - {from: pd, to: ice, carries: [plate_read, searched_read], delay: 1h}
)");
    const Simulation simulation(prepared.view, prepared.query.routes);
    EXPECT_EQ(simulation.methods(), std::vector<SimulationMethod>{SimulationMethod::kRoutes});
    const auto arrivals = simulation.run(1, 0);
    ASSERT_TRUE(arrivals[0].reached);
    EXPECT_EQ(node_ids(prepared.scenario, arrivals[0].route), "cams pd ice");
    const Simulation forced(prepared.view, prepared.query.routes, {}, SimulationMethod::kGraph);
    EXPECT_NE(forced.error(), "");
}

TEST(Simulation, SameSeedSameResultsWhateverTheThreads) {
    const Prepared prepared(R"(flowsim: 1
gates:
  consent: {probability: 0.7}
nodes:
  - {id: cams, kind: camera, produces: [plate_read], retention: 30d}
  - {id: doorbell, kind: camera, produces: [footage]}
  - {id: pool, kind: platform, retention: 2d}
  - {id: pd, kind: local_agency}
  - {id: ice, kind: federal_agency, tags: [ice]}
  - {id: hsi, kind: federal_agency, tags: [ice]}
edges:
  - {from: cams, to: pool, carries: [plate_read], likelihood: 0.6, delay: {min: 1h, max: 3d}}
  - {from: pool, to: ice, carries: [plate_read], likelihood: 0.5, delay: {min: 0, max: 4d}}
  - {from: cams, to: pd, carries: [plate_read], likelihood: 0.3, delay: 2d}
  - {from: pd, to: hsi, carries: [plate_read, footage], likelihood: 0.4, delay: {min: 1d, max: 9d}}
  - {from: doorbell, to: pd, carries: [footage], gates: [consent], delay: 6h}
  - {from: pd, to: ice, carries: [footage], likelihood: 0.2}
)");
    const Simulation simulation(prepared.view, prepared.query.routes);
    SimulationSettings settings;
    settings.runs = 5000;
    settings.seed = 42;
    const auto with = [&](unsigned threads, std::uint64_t chunk) {
        settings.threads = threads;
        settings.chunk = chunk;
        return simulation.simulate(settings);
    };
    const SimulationResult one = with(1, 256);
    ASSERT_EQ(one.pairs.size(), 6U);  // two sources, two targets and "any"
    const std::pair<unsigned, std::uint64_t> kSplits[] = {{2, 256}, {8, 256}, {8, 7}, {3, 5000}};
    for (const auto& [threads, chunk] : kSplits) {
        const SimulationResult other = with(threads, chunk);
        EXPECT_EQ(other.runs, one.runs);
        EXPECT_EQ(other.edge_trials, one.edge_trials);
        ASSERT_EQ(other.pairs.size(), one.pairs.size());
        for (std::size_t p = 0; p < one.pairs.size(); ++p) {
            EXPECT_EQ(other.pairs[p].reached, one.pairs[p].reached) << threads;
            EXPECT_EQ(other.pairs[p].within, one.pairs[p].within) << threads;
            EXPECT_EQ(other.pairs[p].times.counts, one.pairs[p].times.counts) << threads;
            ASSERT_EQ(other.pairs[p].first_arrivals.size(), one.pairs[p].first_arrivals.size());
            for (std::size_t r = 0; r < one.pairs[p].first_arrivals.size(); ++r) {
                EXPECT_EQ(other.pairs[p].first_arrivals[r].runs,
                          one.pairs[p].first_arrivals[r].runs);
                EXPECT_EQ(other.pairs[p].first_arrivals[r].route.edges,
                          one.pairs[p].first_arrivals[r].route.edges);
            }
        }
    }
    // A different seed draws differently.
    settings.seed = 43;
    EXPECT_NE(simulation.simulate(settings).pairs[0].times.counts, one.pairs[0].times.counts);
}

TEST(Simulation, StoppedBeforeItStartsHasNoRuns) {
    const Prepared prepared(kTwoWays);
    const Simulation simulation(prepared.view, prepared.query.routes);
    std::atomic<bool> interrupted{true};
    StopCondition stop;
    stop.interrupted = &interrupted;
    SimulationSettings settings;
    settings.runs = 100000;
    const SimulationResult result = simulation.simulate(settings, stop);
    EXPECT_EQ(result.runs, 0U);
    EXPECT_TRUE(result.completion.interrupted());
    EXPECT_EQ(result.pairs.at(0).reached, 0U);
}

TEST(Simulation, ExposureQuantilesAreNearestRank) {
    ExposureTimes times;
    times.counts = {{10, 5}, {20, 4}, {30, 1}};
    EXPECT_EQ(times.total(), 10U);
    EXPECT_EQ(times.quantile(0.5), 10);
    EXPECT_EQ(times.quantile(0.51), 20);
    EXPECT_EQ(times.quantile(0.9), 20);
    EXPECT_EQ(times.quantile(0.91), 30);
    EXPECT_EQ(times.by(19), 5U);
    EXPECT_EQ(times.by(20), 9U);
    EXPECT_EQ(ExposureTimes{}.quantile(0.5), 0);
}

TEST(Simulation, WilsonIntervalsStayInsideZeroAndOne) {
    const ShareInterval none = wilson_interval(0, 100);
    EXPECT_EQ(none.share, 0);
    EXPECT_EQ(none.low, 0);
    EXPECT_NEAR(none.high, 0.037, 0.001);
    const ShareInterval all = wilson_interval(100, 100);
    EXPECT_EQ(all.high, 1);
    EXPECT_NEAR(all.low, 0.963, 0.001);
    const ShareInterval half = wilson_interval(500, 1000);
    EXPECT_NEAR(half.low, 0.469, 0.001);
    EXPECT_NEAR(half.high, 0.531, 0.001);
}

}  // namespace
}  // namespace flowsim
