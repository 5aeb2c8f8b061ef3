// Which edges a diagram draws as active, and which nodes and edges lie on routes.
#include "flowsim/route_cover.hpp"

#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "flowsim/configuration_view.hpp"
#include "flowsim/io/scenario_loader.hpp"
#include "flowsim/query_request.hpp"
#include "support/scenario_text.hpp"

namespace flowsim {
namespace {

using testing::load;

TEST(ActiveEdges, AnEdgeIsActiveWhenSomeOriginMayUseItForSomeKind) {
    const Scenario scenario = load(R"(
flowsim: 1
parameters:
  law: {default: true}
  off: {default: false}
nodes:
  - {id: il_cam, kind: camera, produces: [plate_read], jurisdiction: {state: IL}}
  - {id: in_cam, kind: camera, produces: [plate_read], jurisdiction: {state: IN}}
  - {id: pd, kind: local_agency, jurisdiction: {state: IL}}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {id: e1, from: il_cam, to: pd, carries: [plate_read]}
  - {id: e2, from: pd, to: ice, carries: [plate_read]}
  - {id: e3, from: in_cam, to: ice, carries: [plate_read]}
  - {id: e4, from: in_cam, to: ice, carries: [plate_read, footage]}
  - {id: e5, from: in_cam, to: pd, carries: [plate_read], when: "off"}
policies:
  - {id: il_law, when: law, deny: {carries: [plate_read], origin: {state: IL}, to: {not: {state: IL}}}}
  - {id: ban, deny: {carries: [plate_read], from: {id: in_cam}, to: {id: ice}}}
)");
    const ConfigurationView view(scenario, {});
    // e2 is denied from IL origins only; e3 from every origin; e4 still passes footage;
    // e5 is off.
    EXPECT_EQ(active_edges(view), (std::vector<bool>{true, true, false, true, false}));
}

TEST(RouteCover, MarksExactlyWhatTheRoutesUse) {
    const Scenario scenario = load(R"(
flowsim: 1
nodes:
  - {id: cam, kind: camera, produces: [plate_read]}
  - {id: pd, kind: local_agency}
  - {id: side, kind: local_agency}
  - {id: dead_end, kind: local_agency}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {id: a, from: cam, to: pd, carries: [plate_read]}
  - {id: b, from: pd, to: ice, carries: [plate_read]}
  - {id: c, from: pd, to: side, carries: [plate_read]}
  - {id: d, from: side, to: ice, carries: [plate_read]}
  - {id: e, from: pd, to: dead_end, carries: [plate_read]}
  - {id: f, from: ice, to: side, carries: [plate_read]}
)");
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, {}, errors);
    ASSERT_TRUE(errors.empty());
    const ConfigurationView view(scenario, query.activity);
    const RouteCover cover = cover_routes(view, query.routes);
    EXPECT_EQ(cover.routes, 2u);
    EXPECT_TRUE(cover.completion.complete());
    EXPECT_EQ(cover.nodes, (std::vector<bool>{true, true, true, false, true}));
    EXPECT_EQ(cover.edges, (std::vector<bool>{true, true, true, true, false, false}));
}

TEST(RouteCover, CountsTheRoutesThroughEachAndTheirBestEvidence) {
    // Two routes: cam-pd-ice (documented, then alleged: alleged) and cam-pd-side-ice
    // (documented, reported, reported: reported).
    const Scenario scenario = load(R"(
flowsim: 1
nodes:
  - {id: cam, kind: camera, produces: [plate_read]}
  - {id: pd, kind: local_agency}
  - {id: side, kind: local_agency}
  - {id: dead_end, kind: local_agency}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {id: a, from: cam, to: pd, carries: [plate_read], status: documented}
  - {id: b, from: pd, to: ice, carries: [plate_read], status: alleged}
  - {id: c, from: pd, to: side, carries: [plate_read], status: reported}
  - {id: d, from: side, to: ice, carries: [plate_read], status: reported}
  - {id: e, from: pd, to: dead_end, carries: [plate_read], status: documented}
)");
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, {}, errors);
    ASSERT_TRUE(errors.empty());
    const ConfigurationView view(scenario, query.activity);
    const RouteCover cover = cover_routes(view, query.routes);
    using E = Evidence;
    EXPECT_EQ(cover.node_routes, (std::vector<std::size_t>{2, 2, 1, 0, 2}));
    EXPECT_EQ(cover.edge_routes, (std::vector<std::size_t>{2, 1, 1, 1, 0}));
    EXPECT_EQ(cover.node_evidence, (std::vector<E>{E::kReported, E::kReported, E::kReported,
                                                   E::kHypothetical, E::kReported}));
    EXPECT_EQ(cover.edge_evidence, (std::vector<E>{E::kReported, E::kAlleged, E::kReported,
                                                   E::kReported, E::kHypothetical}));
}

TEST(RouteCover, IsEmptyWhenNothingIsReachable) {
    const Scenario scenario = load(R"(
flowsim: 1
nodes:
  - {id: cam, kind: camera, produces: [plate_read]}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: ice, to: cam, carries: [plate_read]}
)");
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, {}, errors);
    const ConfigurationView view(scenario, query.activity);
    const RouteCover cover = cover_routes(view, query.routes);
    EXPECT_EQ(cover.routes, 0u);
    EXPECT_EQ(cover.nodes, (std::vector<bool>{false, false}));
    EXPECT_EQ(cover.edges, (std::vector<bool>{false}));
}

}  // namespace
}  // namespace flowsim
