// Property tests of the analyses built on the route engine (docs/cli.md: likely, cut,
// diff, sweep): on hundreds of small random scenarios, each answer must equal what brute
// force over the naive reference (tests/support/random_scenarios.hpp) gives.
//
// - likely: the reference's full route list, sorted by likelihood (stable, so ties keep the
//   fixed order), cut to k.
// - cut: every subset of levers tried; the least cost must match, the levers found must leave
//   no route, and the single levers must be exactly those that alone leave no route.
// - diff: the set differences of two reference route lists.
// - sweep: one reference run per row.
// - depends on: a route depends on a parameter, keeping its value, exactly when the
//   reference run with that one parameter flipped no longer has the route.
//
// FLOWSIM_ANALYSIS_SEED=<seed> runs one case; FLOWSIM_ANALYSIS_CASES=<n> runs n cases.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "flowsim/configuration_view.hpp"
#include "flowsim/cut.hpp"
#include "flowsim/explore.hpp"
#include "flowsim/io/scenario_loader.hpp"
#include "flowsim/route_dependencies.hpp"
#include "flowsim/route_diff.hpp"
#include "flowsim/sweep.hpp"
#include "support/random_scenarios.hpp"

namespace flowsim {
namespace {

using testing::describe;
using testing::Random;
using testing::Reference;
using testing::same_routes;

constexpr std::uint32_t kFirstSeed = 20261125;
constexpr int kCases = 300;
// Brute force over 2^levers subsets; cases with more levers skip the cut check.
constexpr std::size_t kMostLeversForBruteForce = 10;

std::vector<std::uint32_t> case_seeds() {
    std::vector<std::uint32_t> seeds;
    if (const char* only = std::getenv("FLOWSIM_ANALYSIS_SEED")) {
        seeds.push_back(static_cast<std::uint32_t>(std::strtoul(only, nullptr, 10)));
        return seeds;
    }
    const char* cases = std::getenv("FLOWSIM_ANALYSIS_CASES");
    const int count = cases ? std::atoi(cases) : kCases;
    for (int i = 0; i < count; ++i) {
        seeds.push_back(kFirstSeed + static_cast<std::uint32_t>(i));
    }
    return seeds;
}

// One random case: a scenario, two settings and a query, with the text to print on failure.
struct Case {
    io::LoadResult loaded;
    ActivitySettings settings;
    ActivitySettings other_settings;
    RouteQuery query;
    std::string context;

    const Scenario& scenario() const { return *loaded.scenario; }
};

bool make_case(std::uint32_t seed, Case& out) {
    Random random(seed);
    const testing::ScenarioGenerator generator(random);
    const std::string yaml = generator.yaml(false);
    out.loaded = io::load_scenario(yaml, "random.yaml");
    if (!out.loaded.ok()) {
        ADD_FAILURE() << "seed " << seed << ": the generator wrote an invalid scenario\n" << yaml;
        return false;
    }
    out.settings = testing::random_settings(random, out.scenario());
    out.other_settings = testing::random_settings(random, out.scenario());
    out.query = testing::random_query(random, out.scenario());
    out.context = "seed " + std::to_string(seed) + "\n--- scenario ---\n" + yaml +
                  "----------------\n" + describe(out.scenario(), out.settings, out.query);
    return true;
}

std::vector<Route> reference_routes(const Scenario& scenario,
                                    const ActivitySettings& settings,
                                    const RouteQuery& query) {
    return Reference(scenario, settings, query).routes();
}

// ---- likely ------------------------------------------------------------------------------------

double reference_cost(const Scenario& scenario, const Route& route) {
    double cost = 0.0;
    for (const EdgeIndex edge : route.edges) {
        cost += likelihood_cost(scenario.edges()[edge].likelihood);
    }
    return cost;
}

void check_likely(Random& random, const Case& c) {
    const std::vector<Route> all = reference_routes(c.scenario(), c.settings, c.query);
    std::vector<Route> expected = all;
    std::stable_sort(expected.begin(), expected.end(), [&](const Route& a, const Route& b) {
        return reference_cost(c.scenario(), a) < reference_cost(c.scenario(), b);
    });
    const auto k = static_cast<std::size_t>(random.between(1, static_cast<int>(all.size()) + 2));
    expected.resize(std::min(k, expected.size()));

    const ConfigurationView view(c.scenario(), c.settings);
    RouteFinder finder(view, c.query);
    std::vector<Route> got;
    const Enumeration result = finder.most_likely(k, [&](const Route& route) {
        got.push_back(route);
        return true;
    });
    EXPECT_TRUE(result.completion.complete()) << c.context;
    EXPECT_TRUE(same_routes(got, expected))
        << c.context << "k = " << k << "\nengine:    " << describe(c.scenario(), got)
        << "reference: " << describe(c.scenario(), expected);
}

// ---- cut ---------------------------------------------------------------------------------------

struct BruteLever {
    bool is_parameter;
    std::uint32_t index;
    bool set_to;
    double cost;
};

ActivitySettings pull(const ActivitySettings& base,
                      const std::vector<BruteLever>& levers,
                      std::uint32_t mask) {
    ActivitySettings settings = base;
    for (std::size_t i = 0; i < levers.size(); ++i) {
        if ((mask >> i) & 1U) {
            if (levers[i].is_parameter) {
                settings.settings.emplace_back(levers[i].index, levers[i].set_to);
            } else {
                settings.ended.push_back(levers[i].index);
            }
        }
    }
    return settings;
}

std::string lever_names(const Scenario& scenario, const std::vector<Lever>& levers) {
    std::string text;
    for (const Lever& lever : levers) {
        text += lever.type == Lever::Type::kParameter
                    ? " " + scenario.parameters()[lever.index].id + "=" +
                          (lever.set_to ? "true" : "false")
                    : " end:" + scenario.edges()[lever.index].id;
    }
    return text.empty() ? " (none)" : text;
}

// Tallies over all cases, so that the test can insist the generator exercised cut.
struct CutTally {
    int checked = 0;
    int reachable = 0;
    int edges_chosen = 0;
    int graph_cuts_found = 0;
};

void check_cut(const Case& c, CutTally& tally) {
    const Scenario& scenario = c.scenario();
    std::vector<BruteLever> levers;
    const std::vector<bool> values = Reference(scenario, c.settings, c.query).parameter_values();
    for (ParameterIndex p = 0; p < scenario.parameters().size(); ++p) {
        if (!scenario.parameters()[p].lever.empty()) {
            levers.push_back({true, p, !values[p], scenario.parameters()[p].cost});
        }
    }
    for (EdgeIndex e = 0; e < scenario.edges().size(); ++e) {
        if (scenario.edges()[e].cut_cost) {
            levers.push_back({false, e, false, *scenario.edges()[e].cut_cost});
        }
    }
    if (levers.size() > kMostLeversForBruteForce) {
        return;
    }
    ++tally.checked;
    const bool reachable = !reference_routes(scenario, c.settings, c.query).empty();
    double best = std::numeric_limits<double>::infinity();
    std::size_t best_count = 0;
    std::set<std::string> single;  // "p:<id>" or "e:<id>"
    for (std::uint32_t mask = 0; mask < (1U << levers.size()); ++mask) {
        if (!reference_routes(scenario, pull(c.settings, levers, mask), c.query).empty()) {
            continue;
        }
        double cost = 0.0;
        for (std::size_t i = 0; i < levers.size(); ++i) {
            cost += ((mask >> i) & 1U) ? levers[i].cost : 0.0;
        }
        const auto count = static_cast<std::size_t>(__builtin_popcount(mask));
        if (cost < best - 1e-9 || (cost <= best + 1e-9 && count < best_count)) {
            best = cost;
            best_count = count;
        }
        if (count == 1 && reachable) {
            const BruteLever& lever = levers[static_cast<std::size_t>(__builtin_ctz(mask))];
            single.insert(lever.is_parameter ? "p:" + scenario.parameters()[lever.index].id
                                             : "e:" + scenario.edges()[lever.index].id);
        }
    }

    const CutResult cut = find_cut(scenario, c.settings, c.query);
    const std::string what = c.context + "cut found:" + lever_names(scenario, cut.levers) +
                             " cost " + std::to_string(cut.cost) + "\n";
    ASSERT_TRUE(cut.completion.complete()) << what;
    if (reachable) {
        ++tally.reachable;
    }
    EXPECT_EQ(cut.reachable_before, reachable) << what;
    EXPECT_EQ(cut.found, std::isfinite(best)) << what << "brute force least cost " << best;
    EXPECT_TRUE(cut.minimal) << what;
    if (cut.found) {
        EXPECT_NEAR(cut.cost, best, 1e-9) << what;
        EXPECT_EQ(cut.levers.size(), best_count) << what << "(fewest levers at least cost)";
        EXPECT_TRUE(cut.verified) << what;
        // The levers, pulled by hand, must leave the reference no route.
        ActivitySettings after = c.settings;
        double cost = 0.0;
        for (const Lever& lever : cut.levers) {
            cost += lever.cost;
            if (lever.type == Lever::Type::kParameter) {
                EXPECT_NE(lever.set_to, values[lever.index]) << what << "not a flip";
                after.settings.emplace_back(lever.index, lever.set_to);
            } else {
                EXPECT_TRUE(scenario.edges()[lever.index].cut_cost.has_value()) << what;
                after.ended.push_back(lever.index);
                ++tally.edges_chosen;
            }
        }
        EXPECT_NEAR(cost, cut.cost, 1e-9) << what;
        EXPECT_TRUE(reference_routes(scenario, after, c.query).empty())
            << what << "routes remain after the levers";
    }
    // Forced to choose edges by a minimum cut of the graph (as for huge route sets): the
    // answer may cost more and is not claimed least, but it must still stop every route.
    CutLimits graph_cut;
    graph_cut.routes_for_exact = 0;
    const CutResult approximate = find_cut(scenario, c.settings, c.query, {}, graph_cut);
    const std::string approximate_what =
        c.context + "max-flow cut found:" + lever_names(scenario, approximate.levers) + "\n";
    EXPECT_TRUE(approximate.completion.complete()) << approximate_what;
    if (approximate.used_max_flow) {
        EXPECT_FALSE(approximate.minimal) << approximate_what;
    }
    if (approximate.found) {
        tally.graph_cuts_found += approximate.used_max_flow ? 1 : 0;
        EXPECT_TRUE(approximate.verified) << approximate_what;
        EXPECT_GE(approximate.cost, best - 1e-9) << approximate_what;
        ActivitySettings after = c.settings;
        for (const Lever& lever : approximate.levers) {
            if (lever.type == Lever::Type::kParameter) {
                after.settings.emplace_back(lever.index, lever.set_to);
            } else {
                after.ended.push_back(lever.index);
            }
        }
        EXPECT_TRUE(reference_routes(scenario, after, c.query).empty())
            << approximate_what << "routes remain after the levers";
    } else {
        EXPECT_FALSE(approximate.minimal && std::isfinite(best)) << approximate_what;
    }

    std::set<std::string> got_single;
    for (const Lever& lever : cut.single_levers) {
        got_single.insert(lever.type == Lever::Type::kParameter
                              ? "p:" + scenario.parameters()[lever.index].id
                              : "e:" + scenario.edges()[lever.index].id);
    }
    EXPECT_EQ(got_single, single) << what;
}

// ---- diff --------------------------------------------------------------------------------------

std::vector<Route> minus(const std::vector<Route>& a, const std::vector<Route>& b) {
    std::vector<Route> result;
    for (const Route& route : a) {
        const bool in_b = std::any_of(b.begin(), b.end(), [&](const Route& other) {
            return other.data == route.data && other.edges == route.edges;
        });
        if (!in_b) {
            result.push_back(route);
        }
    }
    return result;
}

void check_diff(const Case& c) {
    const std::vector<Route> first = reference_routes(c.scenario(), c.settings, c.query);
    const std::vector<Route> second = reference_routes(c.scenario(), c.other_settings, c.query);
    const ConfigurationView first_view(c.scenario(), c.settings);
    const ConfigurationView second_view(c.scenario(), c.other_settings);
    const RouteDiff diff = diff_routes(first_view, second_view, c.query, 100000);
    const std::string what =
        c.context + "second settings:\n" + describe(c.scenario(), c.other_settings, c.query);
    EXPECT_TRUE(diff.completion.complete()) << what;
    EXPECT_TRUE(same_routes(diff.opened, minus(second, first)))
        << what << "opened: " << describe(c.scenario(), diff.opened);
    EXPECT_TRUE(same_routes(diff.closed, minus(first, second)))
        << what << "closed: " << describe(c.scenario(), diff.closed);
    EXPECT_EQ(diff.first_routes, first.size()) << what;
    EXPECT_EQ(diff.second_routes, second.size()) << what;
    // Diffing a side against itself finds nothing.
    EXPECT_TRUE(diff_routes(first_view, first_view, c.query, 100000).same()) << what;
}

// ---- sweep -------------------------------------------------------------------------------------

void check_sweep(Random& random, const Case& c) {
    const Scenario& scenario = c.scenario();
    std::vector<ParameterIndex> parameters;
    for (ParameterIndex p = 0; p < scenario.parameters().size(); ++p) {
        if (random.chance(0.7)) {
            parameters.push_back(p);
        }
    }
    random.shuffle(parameters);
    const Sweep sweep = sweep_parameters(scenario, c.settings, c.query, parameters, 100000);
    ASSERT_TRUE(sweep.completion.complete()) << c.context;
    ASSERT_EQ(sweep.rows.size(), std::size_t{1} << parameters.size()) << c.context;
    const bool base_reachable = !reference_routes(scenario, c.settings, c.query).empty();
    EXPECT_EQ(sweep.base_reachable, base_reachable) << c.context;
    std::set<std::vector<bool>> seen;
    for (const SweepRow& row : sweep.rows) {
        ASSERT_EQ(row.values.size(), parameters.size()) << c.context;
        seen.insert(row.values);
        ActivitySettings settings = c.settings;
        for (std::size_t i = 0; i < parameters.size(); ++i) {
            settings.settings.emplace_back(parameters[i], row.values[i]);
        }
        const std::size_t expected = reference_routes(scenario, settings, c.query).size();
        EXPECT_EQ(row.route_count, expected) << c.context;
        EXPECT_TRUE(row.count_complete) << c.context;
        EXPECT_EQ(row.reachable, expected > 0) << c.context;
        EXPECT_EQ(row.differs_from_base, (expected > 0) != base_reachable) << c.context;
    }
    EXPECT_EQ(seen.size(), sweep.rows.size()) << c.context << "a combination repeats";
}

// ---- explore ----------------------------------------------------------------------------------

// Every state of an explorable report holds exactly the routes brute force finds with its
// toggles and date, in the fixed order.
void check_explore(Random& random, const Case& c) {
    const Scenario& scenario = c.scenario();
    std::vector<ParameterIndex> toggles;
    for (ParameterIndex p = 0; p < scenario.parameters().size(); ++p) {
        if (random.chance(0.6)) {
            toggles.push_back(p);
        }
    }
    random.shuffle(toggles);
    ResolvedQuery base;
    base.activity = c.settings;
    base.routes = c.query;
    const ConfigurationView base_view(scenario, c.settings);
    const StateSpace space = make_state_space(base_view, toggles);
    std::size_t visited = 0;
    const Exploration exploration =
        explore_states(scenario, base, space, 0, {}, [&](const StateRoutes& state) {
            ASSERT_EQ(state.state, visited) << c.context;
            ++visited;
            std::vector<Route> got;
            for (const std::uint32_t index : state.routes) {
                got.push_back((*state.candidates)[index]);
            }
            const std::vector<Route> expected =
                reference_routes(scenario, state.query->activity, c.query);
            EXPECT_TRUE(same_routes(got, expected))
                << c.context << "state " << state.state << "\ngot:\n"
                << describe(scenario, got) << "expected:\n"
                << describe(scenario, expected);
        });
    EXPECT_TRUE(exploration.completion.complete()) << c.context;
    EXPECT_EQ(visited, space.states()) << c.context;
    // The initial state is the question as asked.
    const ResolvedQuery initial = state_query(base, space, space.initial_state());
    const ConfigurationView initial_view(scenario, initial.activity);
    EXPECT_EQ(initial_view.parameter_values(), base_view.parameter_values()) << c.context;
    EXPECT_EQ(initial_view.date().has_value(), base_view.date().has_value()) << c.context;
    if (base_view.date()) {
        EXPECT_EQ(*initial_view.date(), *base_view.date()) << c.context;
    }
}

// ---- depends on --------------------------------------------------------------------------------

void check_dependencies(const Case& c) {
    const Scenario& scenario = c.scenario();
    const std::vector<Route> routes = reference_routes(scenario, c.settings, c.query);
    const ConfigurationView view(scenario, c.settings);
    // Per parameter, the routes left when it alone is flipped.
    std::vector<std::vector<Route>> flipped;
    for (ParameterIndex p = 0; p < scenario.parameters().size(); ++p) {
        ActivitySettings settings = c.settings;
        settings.settings.emplace_back(p, !view.parameter_values()[p]);
        flipped.push_back(reference_routes(scenario, settings, c.query));
    }
    const auto has = [](const std::vector<Route>& list, const Route& route) {
        return std::any_of(list.begin(), list.end(), [&](const Route& other) {
            return other.edges == route.edges && other.data == route.data;
        });
    };
    for (std::size_t r = 0; r < routes.size() && r < 30; ++r) {
        std::set<std::pair<ParameterIndex, bool>> expected;
        for (ParameterIndex p = 0; p < scenario.parameters().size(); ++p) {
            if (!has(flipped[p], routes[r])) {
                expected.emplace(p, view.parameter_values()[p]);
            }
        }
        std::set<std::pair<ParameterIndex, bool>> got;
        for (const Dependency& dependency : route_dependencies(view, routes[r])) {
            got.emplace(dependency.parameter, dependency.keeps);
        }
        EXPECT_EQ(got, expected) << c.context << "route " << describe(scenario, routes[r]);
    }
}

TEST(AnalysisProperty, LikelyCutDiffAndSweepMatchBruteForce) {
    int cases = 0;
    CutTally cut;
    for (const std::uint32_t seed : case_seeds()) {
        Case c;
        if (!make_case(seed, c)) {
            break;
        }
        Random random(seed ^ 0x9e3779b9U);
        check_likely(random, c);
        check_cut(c, cut);
        check_diff(c);
        check_sweep(random, c);
        check_explore(random, c);
        check_dependencies(c);
        ++cases;
        if (::testing::Test::HasFailure()) {
            break;  // the first failing case is the readable one
        }
    }
    std::printf(
        "[ property ] %d cases, %d cut by brute force (%d reachable before), %d cut edges "
        "chosen, %d answers by graph cut\n",
        cases, cut.checked, cut.reachable, cut.edges_chosen, cut.graph_cuts_found);
    if (cases > 1 && !::testing::Test::HasFailure()) {
        // The generator must give cut something to do, and edges to choose.
        EXPECT_GE(cut.reachable, cases / 5);
        EXPECT_GE(cut.edges_chosen, cases / 20);
        EXPECT_GE(cut.graph_cuts_found, cases / 20);
    }
}

}  // namespace
}  // namespace flowsim
