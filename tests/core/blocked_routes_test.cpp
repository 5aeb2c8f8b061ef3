#include "flowsim/blocked_routes.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/query_request.hpp>

namespace flowsim {
namespace {

// Two routes from cams to ice, each blocked in several ways at once.
constexpr std::string_view kBlocked = R"(flowsim: 1
as_of: 2026-01-01
parameters:
  lookup: {default: false}
  law: {default: true}
gates:
  warrant: {label: Warrant}
nodes:
  - {id: cams, kind: camera, produces: [plate_read], jurisdiction: {state: IL}}
  - {id: pd, kind: local_agency, jurisdiction: {state: IL}}
  - {id: pool, kind: platform}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cams, to: pd, carries: [plate_read], status: documented}
  - {id: a_lookup, from: pd, to: pool, carries: [plate_read], when: lookup, status: documented}
  - {id: b_pilot, from: pool, to: ice, carries: [plate_read], until: 2025-08-25, status: reported}
  - {id: c_warrant, from: pd, to: ice, carries: [footage], gates: [warrant], status: alleged}
policies:
  - id: il_law
    when: law
    deny: {carries: [plate_read], origin: {state: IL}, to: {not: {state: IL}}}
)";

std::vector<std::string> describe(const Scenario& scenario, const BlockedRoute& blocked) {
    std::vector<std::string> lines;
    for (const auto& [edge, blocker] : blocked.blockers) {
        lines.push_back(scenario.edges()[edge].id + " " +
                        std::string(blocker_reason_name(blocker.reason)) + ": " + blocker.detail);
    }
    return lines;
}

TEST(BlockedRoutes, AHopThatCanNeverCarryTheDataIsNotABlocker) {
    const io::LoadResult loaded = io::load_scenario(kBlocked, "blocked.yaml");
    ASSERT_TRUE(loaded.ok()) << flowsim::io::format_diagnostics(loaded);
    const Scenario& scenario = *loaded.scenario;
    QueryRequest request;
    request.min_evidence = "reported";
    request.without = {"warrant"};
    request.avoid = "pool";
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, request, errors);
    ASSERT_TRUE(errors.empty());
    const ConfigurationView view(scenario, query.activity);
    RouteFinder finder(view, query.routes);
    EXPECT_EQ(finder.enumerate([](const Route&) { return true; }).routes, 0U);

    const auto blocked = blocked_routes(view, query.routes, 10);
    // The 2-hop route over c_warrant could never carry plate reads, whatever the
    // settings (issue 13, case 5): the nearest route that could is the 3-hop one.
    ASSERT_EQ(blocked.size(), 1U);
    EXPECT_EQ(describe(scenario, blocked[0]),
              (std::vector<std::string>{
                  "a_lookup parameter: lookup is false",
                  "a_lookup policy: il_law",
                  "a_lookup avoid: pool",
                  "b_pilot date: not in force on 2026-01-01 (until 2025-08-25)",
                  "b_pilot policy: il_law",
              }));

    const auto longer = blocked_routes(view, query.routes, 0);
    EXPECT_TRUE(longer.empty());
}

TEST(BlockedRoutes, ExplainsParametersDatesPoliciesAndAvoidedNodes) {
    const io::LoadResult loaded = io::load_scenario(kBlocked, "blocked.yaml");
    ASSERT_TRUE(loaded.ok());
    const Scenario& scenario = *loaded.scenario;
    QueryRequest request;
    request.avoid = "pool";
    request.to = "ice";
    request.max_hops = 3;
    std::vector<std::string> errors;
    ResolvedQuery query = resolve_request(scenario, request, errors);
    ASSERT_TRUE(errors.empty());
    // Take the direct edge away so the 3-hop route is the shortest structural one.
    query.routes.via = std::vector<NodeIndex>{*scenario.find_node("pool")};
    const ConfigurationView view(scenario, query.activity);
    const auto blocked = blocked_routes(view, query.routes, 10);
    ASSERT_EQ(blocked.size(), 1U);
    EXPECT_EQ(describe(scenario, blocked[0]),
              (std::vector<std::string>{
                  "a_lookup parameter: lookup is false",
                  "a_lookup policy: il_law",
                  "a_lookup avoid: pool",
                  "b_pilot date: not in force on 2026-01-01 (until 2025-08-25)",
                  "b_pilot policy: il_law",
              }));
}

// Three sources at different distances: the nearest blocked route overall starts at ring,
// but each asked-for source gets its own nearest ones (issue 13, case 5).
constexpr std::string_view kThreeSources = R"(flowsim: 1
parameters:
  sharing: {default: false}
gates:
  warrant: {label: Judge-signed warrant}
nodes:
  - {id: a_cams, kind: camera, produces: [plate_read]}
  - {id: b_cams, kind: camera, produces: [plate_read]}
  - {id: ring, kind: camera, produces: [footage]}
  - {id: pd, kind: local_agency}
  - {id: pool, kind: platform}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {id: ring_ice, from: ring, to: ice, carries: [footage], gates: [warrant]}
  - {id: a_pd, from: a_cams, to: pd, carries: [plate_read]}
  - {id: pd_footage, from: pd, to: ice, carries: [footage]}
  - {id: pd_share, from: pd, to: ice, carries: [plate_read], when: sharing}
  - {id: b_pool, from: b_cams, to: pool, carries: [plate_read]}
  - {id: pool_pd, from: pool, to: pd, carries: [plate_read]}
)";

std::vector<std::string> routes_of(const Scenario& scenario,
                                   const std::vector<BlockedRoute>& blocked) {
    std::vector<std::string> lines;
    for (const BlockedRoute& item : blocked) {
        std::string line = scenario.nodes()[item.route.source].id + " " +
                           scenario.data_kinds()[item.route.data].id + ":";
        for (const EdgeIndex edge : item.route.edges) {
            line += " " + scenario.edges()[edge].id;
        }
        for (const auto& [edge, blocker] : item.blockers) {
            line += " [" + scenario.edges()[edge].id + " " + blocker.detail + "]";
        }
        lines.push_back(line);
    }
    return lines;
}

TEST(BlockedRoutes, EachAskedForSourceGetsItsNearestBlockedRoutesInOrder) {
    const io::LoadResult loaded = io::load_scenario(kThreeSources, "three.yaml");
    ASSERT_TRUE(loaded.ok()) << flowsim::io::format_diagnostics(loaded);
    const Scenario& scenario = *loaded.scenario;
    QueryRequest request;
    request.without = {"warrant"};
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, request, errors);
    ASSERT_TRUE(errors.empty());
    const ConfigurationView view(scenario, query.activity);

    EXPECT_EQ(routes_of(scenario, blocked_routes(view, query.routes, 10)),
              (std::vector<std::string>{
                  "a_cams plate_read: a_pd pd_share [pd_share sharing is false]",
                  "b_cams plate_read: b_pool pool_pd pd_share [pd_share sharing is false]",
                  "ring footage: ring_ice [ring_ice warrant]",
              }));
    // At most --limit in all, sources in order.
    EXPECT_EQ(routes_of(scenario, blocked_routes(view, query.routes, 2)),
              (std::vector<std::string>{
                  "a_cams plate_read: a_pd pd_share [pd_share sharing is false]",
                  "b_cams plate_read: b_pool pool_pd pd_share [pd_share sharing is false]",
              }));
}

// An Illinois law that blocks the shared hop for the Illinois cameras and not for the
// Texas ones (issue 13: a law that blocks a hop for only some of the sources asked about).
constexpr std::string_view kTwoStates = R"(flowsim: 1
nodes:
  - {id: il_cams, kind: camera, produces: [plate_read], jurisdiction: {state: IL}}
  - {id: tx_cams, kind: camera, produces: [plate_read], jurisdiction: {state: TX}}
  - {id: pool, kind: platform}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {id: il_pool, from: il_cams, to: pool, carries: [plate_read]}
  - {id: tx_pool, from: tx_cams, to: pool, carries: [plate_read]}
  - {id: pool_ice, from: pool, to: ice, carries: [plate_read]}
  - {id: pool_ice_footage, from: pool, to: ice, carries: [footage]}
  - {id: tx_ice, from: tx_cams, to: ice, carries: [plate_read]}
policies:
  - id: il_law
    deny: {carries: [plate_read], origin: {state: IL}, to: {tags: [ice]}}
)";

TEST(BlockedRoutes, APolicyBlockerNamesTheAskedForSourcesItAppliesTo) {
    const io::LoadResult loaded = io::load_scenario(kTwoStates, "two.yaml");
    ASSERT_TRUE(loaded.ok()) << format_diagnostics(loaded.diagnostics, loaded.lines);
    const Scenario& scenario = *loaded.scenario;
    QueryRequest request;
    request.from = "il_cams,tx_cams";
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, request, errors);
    ASSERT_TRUE(errors.empty());
    const ConfigurationView view(scenario, query.activity);
    const NodeIndex il = *scenario.find_node("il_cams");
    const NodeIndex tx = *scenario.find_node("tx_cams");
    EXPECT_EQ(origins_of_policy(view, 0, query.routes.from), std::vector<NodeIndex>{il});

    // The blocker on the Illinois route says the law applies to Illinois alone.
    const auto blocked = blocked_routes(view, query.routes, 10);
    const auto il_route = std::find_if(blocked.begin(), blocked.end(),
                                       [&](const BlockedRoute& b) { return b.route.source == il; });
    ASSERT_NE(il_route, blocked.end());
    ASSERT_EQ(il_route->blockers.size(), 1U);
    EXPECT_EQ(il_route->blockers[0].second.reason, Blocker::Reason::kPolicy);
    EXPECT_EQ(il_route->blockers[0].second.origins, std::vector<NodeIndex>{il});
    EXPECT_EQ(origins_of_policy(view, 0, {tx}), std::vector<NodeIndex>{});
}

TEST(PartlyBlockedEdges, ALawThatBlocksAnEdgeForSomeSourcesOnly) {
    const io::LoadResult loaded = io::load_scenario(kTwoStates, "two.yaml");
    ASSERT_TRUE(loaded.ok()) << format_diagnostics(loaded.diagnostics, loaded.lines);
    const Scenario& scenario = *loaded.scenario;
    const ConfigurationView view(scenario, {});
    const NodeIndex il = *scenario.find_node("il_cams");
    const NodeIndex tx = *scenario.find_node("tx_cams");
    const NodeIndex ice = *scenario.find_node("ice");
    const EdgeIndex pool_ice = 2;
    ASSERT_EQ(scenario.edges()[pool_ice].id, "pool_ice");

    // Asked about Illinois alone, the edge is blocked for every source: drawn as such.
    EXPECT_EQ(edges_blocked_by_policies(view, {il})[pool_ice], std::vector<std::uint32_t>{0});
    EXPECT_TRUE(edges_partly_blocked_by_policies(view, {il}, {ice}).empty());

    // Asked about both, it is blocked for Illinois only; the footage edge for nobody; the
    // law would block tx_ice for Illinois too, but no Illinois read can reach it.
    EXPECT_TRUE(edges_blocked_by_policies(view, {tx, il})[pool_ice].empty());
    const auto partly = edges_partly_blocked_by_policies(view, {tx, il}, {ice});
    ASSERT_EQ(partly.size(), 1U);
    EXPECT_EQ(partly[0].edge, pool_ice);
    EXPECT_EQ(partly[0].policies, std::vector<std::uint32_t>{0});
    EXPECT_EQ(partly[0].origins, std::vector<NodeIndex>{il});

    // Texas alone: nothing blocked.
    EXPECT_TRUE(edges_blocked_by_policies(view, {tx})[pool_ice].empty());
    EXPECT_TRUE(edges_partly_blocked_by_policies(view, {tx}, {ice}).empty());
}

}  // namespace
}  // namespace flowsim
