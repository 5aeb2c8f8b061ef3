// Property test of RouteFinder: on hundreds of small random scenarios, the engine must list
// exactly the routes, in exactly the order, that a deliberately naive reference finds by
// reading the route rules (docs/cli.md, `paths`) literally. The reference knows nothing of the
// engine: it tries every sequence of edges that repeats no node, then keeps those that satisfy
// every rule.
//
// Every case is built from its own fixed seed, so a failure reproduces; the failure message
// prints the seed, the scenario YAML, the settings, the query and both route lists. Set
// FLOWSIM_ROUTE_SEED=<seed> to run a single case, FLOWSIM_ROUTE_CASES=<n> to run n cases.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "flowsim/configuration_view.hpp"
#include "flowsim/io/scenario_loader.hpp"
#include "flowsim/route.hpp"
#include "flowsim/route_finder.hpp"
#include "support/random_scenarios.hpp"

namespace flowsim {
namespace {

constexpr std::uint32_t kFirstSeed = 20260123;
constexpr int kCases = 400;
constexpr int kQueriesPerCase = 5;

using namespace testing;  // NOLINT(google-build-using-namespace): the shared test vocabulary

struct Tally {
    int cases = 0;
    int queries = 0;
    int queries_with_routes = 0;
    std::size_t routes = 0;
    std::size_t longest = 0;
    std::map<std::size_t, std::size_t> by_hops;
    std::size_t checks = 0;
};

// ---- One case ----------------------------------------------------------------------------------

void run_case(std::uint32_t seed, Tally& tally) {
    Random random(seed);
    const ScenarioGenerator generator(random);
    const std::string yaml = generator.yaml(false);
    const std::string header = "seed " + std::to_string(seed) +
                               " (rerun with FLOWSIM_ROUTE_SEED=" + std::to_string(seed) +
                               ")\n--- scenario ---\n" + yaml + "----------------\n";

    io::LoadResult loaded = io::load_scenario(yaml, "random.yaml");
    ASSERT_TRUE(loaded.ok()) << header << flowsim::io::format_diagnostics(loaded);
    const Scenario& scenario = *loaded.scenario;
    io::LoadResult loaded_variant = io::load_scenario(generator.yaml(true), "variant.yaml");
    ASSERT_TRUE(loaded_variant.ok()) << header << flowsim::io::format_diagnostics(loaded_variant);
    const Scenario& variant = *loaded_variant.scenario;
    ++tally.cases;

    // Across this case's queries: one id per (start kind, edge ids), one such per id.
    std::map<std::string, std::string> ids_by_key;
    std::map<std::string, std::string> keys_by_id;
    for (int q = 0; q < kQueriesPerCase; ++q) {
        const ActivitySettings settings = random_settings(random, scenario);
        const RouteQuery query = random_query(random, scenario);
        const std::string context =
            header + "query #" + std::to_string(q) + "\n" + describe(scenario, settings, query);
        ++tally.queries;

        const std::vector<Route> expected = Reference(scenario, settings, query).routes();
        const Enumerated got = run_engine(scenario, settings, query);
        ++tally.checks;
        ASSERT_FALSE(got.result.completion.timed_out()) << context;
        ASSERT_TRUE(same_routes(got.routes, expected))
            << context << "engine:    " << describe(scenario, got.routes)
            << "reference: " << describe(scenario, expected);
        ++tally.checks;
        EXPECT_TRUE(got.result.completion.complete()) << context;
        EXPECT_EQ(got.result.routes, expected.size()) << context;
        tally.checks += 2;
        if (!expected.empty()) {
            ++tally.queries_with_routes;
            tally.routes += expected.size();
            tally.longest = std::max(tally.longest, expected.back().hops());
            for (const Route& route : expected) {
                ++tally.by_hops[route.hops()];
            }
        }

        // The same query, asked again, gives the same answer.
        ASSERT_TRUE(same_routes(run_engine(scenario, settings, query).routes, expected))
            << context << "a second enumeration differs";
        ++tally.checks;

        // maybe_reachable() is false only when there is no route.
        if (!expected.empty()) {
            EXPECT_TRUE(engine_maybe_reachable(scenario, settings, query))
                << context << "maybe_reachable() is false but there are routes:\n"
                << describe(scenario, expected);
            ++tally.checks;
        }

        // Stopping after k routes yields exactly the first k.
        if (!expected.empty()) {
            const std::size_t k =
                static_cast<std::size_t>(random.between(1, static_cast<int>(expected.size())));
            const Enumerated first = run_engine(scenario, settings, query, k);
            const std::vector<Route> wanted(expected.begin(),
                                            expected.begin() + static_cast<std::ptrdiff_t>(k));
            EXPECT_TRUE(same_routes(first.routes, wanted))
                << context << "stopping after " << k
                << " routes\nengine:    " << describe(scenario, first.routes)
                << "reference: " << describe(scenario, wanted);
            EXPECT_EQ(first.result.routes, k) << context;
            if (k < expected.size()) {
                EXPECT_FALSE(first.result.completion.complete())
                    << context << "stopped after " << k;
            }
            tally.checks += 3;
        }

        // Summaries and ids.
        for (const Route& route : expected) {
            const RouteSummary summary = summarize(scenario, route);
            const RouteSummary wanted = expected_summary(scenario, route);
            const std::string what = context + "route " + describe(scenario, route) + "\n";
            EXPECT_EQ(evidence_name(summary.evidence), evidence_name(wanted.evidence)) << what;
            EXPECT_EQ(summary.gates, wanted.gates) << what;
            EXPECT_EQ(summary.parameters, wanted.parameters) << what;
            EXPECT_EQ(summary.sources, wanted.sources) << what;
            ASSERT_EQ(summary.likelihood.has_value(), wanted.likelihood.has_value()) << what;
            if (wanted.likelihood) {
                EXPECT_DOUBLE_EQ(*summary.likelihood, *wanted.likelihood) << what;
            }
            const std::string id = route_id(scenario, route);
            EXPECT_EQ(summary.id, id) << what;
            EXPECT_TRUE(well_formed_id(id)) << what << "id " << id;
            const std::string key = route_key(scenario, route);
            EXPECT_EQ(ids_by_key.emplace(key, id).first->second, id)
                << what << "the same (start kind, edges) got another id under other settings";
            EXPECT_EQ(keys_by_id.emplace(id, key).first->second, key)
                << what << "two different routes share the id " << id;
            tally.checks += 9;
        }

        // The variant (edited elsewhere, kind indices shifted) gives the same routes by
        // id strings, with the same ids.
        if (q == 0) {
            RouteQuery moved = query;
            if (query.data) {
                moved.data = variant.find_data_kind(scenario.data_kinds()[*query.data].id);
                ASSERT_TRUE(moved.data.has_value());
            }
            const Enumerated other = run_engine(variant, settings, moved);
            std::vector<std::string> keys;
            std::vector<std::string> other_keys;
            for (const Route& route : expected) {
                keys.push_back(route_key(scenario, route) + " = " + route_id(scenario, route));
            }
            for (const Route& route : other.routes) {
                other_keys.push_back(route_key(variant, route) + " = " + route_id(variant, route));
            }
            EXPECT_EQ(other_keys, keys)
                << context << "the variant scenario (edited elsewhere) answers differently";
            ++tally.checks;
        }
    }
}

TEST(RouteFinderProperty, MatchesANaiveReadingOfTheSpec) {
    std::vector<std::uint32_t> seeds;
    if (const char* only = std::getenv("FLOWSIM_ROUTE_SEED")) {
        seeds.push_back(static_cast<std::uint32_t>(std::strtoul(only, nullptr, 10)));
    } else {
        // FLOWSIM_ROUTE_CASES=<n> runs more (or fewer) cases, for a longer soak.
        const char* cases = std::getenv("FLOWSIM_ROUTE_CASES");
        const int count = cases ? std::atoi(cases) : kCases;
        for (int i = 0; i < count; ++i) {
            seeds.push_back(kFirstSeed + static_cast<std::uint32_t>(i));
        }
    }
    Tally tally;
    int failed_cases = 0;
    for (std::uint32_t seed : seeds) {
        run_case(seed, tally);
        if (::testing::Test::HasFailure()) {
            // Stop at the first failing case so the report stays readable.
            ++failed_cases;
            break;
        }
    }
    std::printf(
        "[ property ] %d cases, %d queries (%d with routes), %zu routes, longest %zu hops, "
        "%zu checks\n",
        tally.cases, tally.queries, tally.queries_with_routes, tally.routes, tally.longest,
        tally.checks);
    std::printf("[ property ] routes by hops:");
    for (const auto& [hops, count] : tally.by_hops) {
        std::printf(" %zu: %zu", hops, count);
    }
    std::printf("\n");
    if (failed_cases == 0 && seeds.size() > 1) {
        // The generator must actually exercise the engine.
        EXPECT_GE(tally.queries_with_routes, tally.queries / 4);
        EXPECT_GE(tally.longest, 3U);
    }
}

}  // namespace
}  // namespace flowsim
