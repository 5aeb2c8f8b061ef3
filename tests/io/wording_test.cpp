// The shared words of the writers: counts, lists and the three ways of naming nodes.
#include "flowsim/io/wording.hpp"

#include <gtest/gtest.h>

#include "support/scenario_text.hpp"

namespace flowsim::io {
namespace {

const char* const kScenario = R"(
flowsim: 1
nodes:
  - {id: a, kind: camera, label: Alpha, produces: [plate_read]}
  - {id: b, kind: local_agency, label: "Beta, North"}
  - {id: c, kind: local_agency, label: Gamma}
  - {id: d, kind: local_agency, label: Delta}
  - {id: e, kind: local_agency, label: Epsilon}
  - {id: f, kind: local_agency, label: Zeta}
  - {id: g, kind: federal_agency, label: Eta, tags: [ice]}
edges:
  - {from: a, to: g, carries: [plate_read]}
)";

TEST(Wording, PluralAddsAnSOrTakesTheGivenForm) {
    EXPECT_EQ(plural(1, "route"), "1 route");
    EXPECT_EQ(plural(0, "route"), "0 routes");
    EXPECT_EQ(plural(2, "policy", "policies"), "2 policies");
    EXPECT_EQ(plural(1, "policy", "policies"), "1 policy");
}

TEST(Wording, JoinAndSeries) {
    EXPECT_EQ(join({}, ", "), "");
    EXPECT_EQ(join({"a", "", "b"}, ";"), "a;;b");
    EXPECT_EQ(series({"A"}), "A");
    EXPECT_EQ(series({"A", "B"}), "A and B");
    EXPECT_EQ(series({"A", "B", "C"}), "A, B and C");
    EXPECT_EQ(series({"A", "B"}, true), "A and B");
    EXPECT_EQ(series({"A", "B", "C"}, true), "A; B; and C");
}

// Issue 13: a capped list ends "and N others", wherever it is written.
TEST(Wording, CappedListsCountTheOthers) {
    EXPECT_EQ(capped_series({"A", "B"}, 2), "A and B");
    EXPECT_EQ(capped_series({"A", "B"}, 3), "A, B and 1 other");
    EXPECT_EQ(capped_series({"A", "B"}, 14), "A, B and 12 others");
    EXPECT_EQ(capped_series({"A, north", "B"}, 5), "A, north; B; and 3 others");
}

TEST(Wording, ThreeWaysOfNamingNodes) {
    const Scenario scenario = testing::load(kScenario);
    EXPECT_EQ(describe_nodes(scenario, {}), "no node");
    EXPECT_EQ(describe_nodes(scenario, {"a", "c"}), "Alpha and Gamma");
    EXPECT_EQ(describe_nodes(scenario, {"a", "c", "d", "e"}), "4 nodes (Alpha, Gamma, Delta, ...)");
    EXPECT_EQ(list_nodes(scenario, std::vector<std::string>{"a", "c", "d"}),
              "Alpha, Gamma and Delta");
    EXPECT_EQ(list_nodes(scenario, std::vector<std::string>{"a", "b", "c"}),
              "Alpha; Beta, North; and Gamma");
    EXPECT_EQ(list_nodes(scenario, std::vector<std::string>{"a", "c", "d", "e", "f", "g", "b"}),
              "Alpha, Gamma, Delta, Epsilon, Zeta, Eta and 1 other");
    EXPECT_EQ(list_nodes(scenario, std::vector<NodeIndex>{2, 0, 2}), "Alpha and Gamma");
    EXPECT_EQ(name_or_count_nodes(scenario, {2, 0, 2}, "sources"), "Alpha and Gamma");
    EXPECT_EQ(name_or_count_nodes(scenario, {0, 1, 2}, "sources"), "3 sources");
    EXPECT_EQ(RouteLines(scenario).line({0, 6}, {0}), "Alpha → Eta");
}

// Issue 13: a route's line names a hop's mechanism where parallel edges leave the node
// chain ambiguous, and the edge's id where the mechanism does not tell them apart.
TEST(Wording, RouteLinesNameHopsThatHaveParallelEdges) {
    const Scenario scenario = testing::load(R"(
flowsim: 1
nodes:
  - {id: a, kind: camera, label: Alpha, produces: [plate_read]}
  - {id: b, kind: local_agency, label: Beta}
  - {id: g, kind: federal_agency, label: Eta, tags: [ice]}
edges:
  - {id: up, from: a, to: b, carries: [plate_read], mechanism: upload}
  - {id: s1, from: b, to: g, carries: [plate_read], mechanism: subpoena}
  - {id: s2, from: b, to: g, carries: [plate_read], mechanism: side_door_search}
  - {id: s3, from: b, to: g, carries: [footage], mechanism: subpoena}
  - {id: s4, from: b, to: g, carries: [plate_read]}
  - {id: s5, from: b, to: g, carries: [footage]}
  - {id: back, from: g, to: b, carries: [plate_read], mechanism: tip}
  - {id: s6, from: b, to: g, carries: [footage]}
)");
    const RouteLines lines(scenario);
    EXPECT_EQ(lines.line({0, 1, 2}, {0, 2}), "Alpha → Beta → Eta (side door search)");
    // The same mechanism twice: what it carries tells them apart, else the id.
    EXPECT_EQ(lines.line({0, 1, 2}, {0, 1}), "Alpha → Beta → Eta (subpoena, carrying Plate read)");
    EXPECT_EQ(lines.hop_name(3), "subpoena, carrying Footage");
    EXPECT_EQ(lines.line({0, 1, 2}, {0, 4}), "Alpha → Beta → Eta (carrying Plate read)");
    EXPECT_EQ(lines.hop_name(5), "s5");
    EXPECT_EQ(lines.hop_name(7), "s6");
    // An edge the other way is not parallel.
    EXPECT_EQ(lines.hop_name(6), "");
    EXPECT_EQ(lines.hop_name(0), "");
}

}  // namespace
}  // namespace flowsim::io
