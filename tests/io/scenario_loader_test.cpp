#include "flowsim/io/scenario_loader.hpp"

#include <gtest/gtest.h>

namespace flowsim::io {
namespace {

// The diagnostics for `yaml`, exactly as the command prints them.
std::string errors_of(std::string_view yaml) {
    const LoadResult result = load_scenario(yaml, "in.yaml");
    EXPECT_FALSE(result.ok());
    return flowsim::io::format_diagnostics(result);
}

Scenario load_ok(std::string_view yaml) {
    LoadResult result = load_scenario(yaml, "in.yaml");
    EXPECT_TRUE(result.ok()) << flowsim::io::format_diagnostics(result);
    EXPECT_TRUE(result.diagnostics.empty());
    if (!result.ok()) {
        return Scenario(ScenarioParts{});
    }
    return std::move(*result.scenario);
}

constexpr std::string_view kFull = R"(flowsim: 1
title: Springfield
description: Two routes.
as_of: 2026-01-23
sources:
  audit: {title: State audit, publisher: Secretary of State, url: "https://example.org/a", date: 2025-08-26, kind: record}
  blog: {title: Company blog}
data:
  hotlist_hit: {label: Hotlist alert}
  footage: {label: Doorbell video}
parameters:
  national_lookup: {default: true, label: National lookup, lever: police department, cost: 2}
  il_law_enforced: {default: false}
gates:
  owner_consent: {label: Owner agrees}
nodes:
  - id: cams
    kind: camera
    label: Springfield cameras
    produces: [plate_read]
    jurisdiction: {state: IL, county: Sangamon, place: Springfield}
    tags: [flock, city]
  - {id: spd, kind: local_agency, jurisdiction: {state: IL}}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cams, to: spd, carries: [plate_read], status: documented, sources: [audit]}
  - from: spd
    to: ice
    carries: [plate_read, footage]
    when: national_lookup and not il_law_enforced
    gates: [owner_consent]
    status: reported
    sources: [blog, audit]
    likelihood: 0.25
    cut_cost: 3
    lever: city council
    convert: {footage: hotlist_hit}
    since: 2025-04-10
    until: 2025-08-25
    note: The pilot.
  - {from: spd, to: ice, carries: [plate_read]}
  - {id: spd_share, from: spd, to: ice, carries: [plate_read]}
  - {from: spd, to: ice, carries: [plate_read]}
policies:
  - id: il_law
    label: Illinois law
    when: il_law_enforced
    deny:
      carries: [plate_read]
      origin: {state: IL}
      to: {not: {state: [IL]}}
    sources: [audit]
configurations:
  strict: {il_law_enforced: true, national_lookup: false}
questions:
  - {id: q1, from: cams, expect: reachable}
  - {id: q2, from: "kind:camera", to: "tag:ice, spd", data: plate_read, configuration: strict,
     without: [owner_consent], as_of: 2025-05-01, min_evidence: reported, via: spd, avoid: "tag:city",
     expect: unreachable}
)";

TEST(ScenarioLoader, ReadsEveryKey) {
    const Scenario scenario = load_ok(kFull);
    EXPECT_EQ(scenario.title(), "Springfield");
    EXPECT_EQ(scenario.description(), "Two routes.");
    EXPECT_EQ(scenario.as_of()->to_string(), "2026-01-23");
    ASSERT_EQ(scenario.sources().size(), 2U);
    EXPECT_EQ(scenario.sources()[0].publisher, "Secretary of State");
    EXPECT_EQ(scenario.sources()[0].date->to_string(), "2025-08-26");
    EXPECT_EQ(scenario.sources()[0].kind, SourceKind::kRecord);
    EXPECT_FALSE(scenario.sources()[1].kind.has_value());
    // Built-in kinds first; declaring one only relabels it.
    ASSERT_EQ(scenario.data_kinds().size(), 3U);
    EXPECT_EQ(scenario.data_kinds()[kFootage].label, "Doorbell video");
    EXPECT_EQ(scenario.data_kinds()[2].id, "hotlist_hit");
    EXPECT_EQ(scenario.parameters()[0].lever, "police department");
    EXPECT_EQ(scenario.parameters()[0].cost, 2.0);
    EXPECT_FALSE(scenario.parameters()[1].default_value);

    const Node& cams = scenario.nodes()[0];
    EXPECT_EQ(cams.label, "Springfield cameras");
    EXPECT_EQ(cams.kind, NodeKind::kCamera);
    EXPECT_EQ(cams.produces, (std::vector<DataKindIndex>{kPlateRead}));
    EXPECT_EQ(*cams.jurisdiction.county, "Sangamon");
    EXPECT_EQ(cams.tags, (std::vector<std::string>{"city", "flock"}));
    EXPECT_EQ(scenario.nodes()[1].label, "spd");
    EXPECT_EQ(cams.where.line, 17);
    EXPECT_EQ(cams.where.column, 5);
}

TEST(ScenarioLoader, GivesEdgesDefaultIdsInFileOrder) {
    const Scenario scenario = load_ok(kFull);
    std::vector<std::string> ids;
    for (const Edge& edge : scenario.edges()) {
        ids.push_back(edge.id);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"cams->spd", "spd->ice", "spd->ice#2", "spd_share",
                                             "spd->ice#3"}));
}

TEST(ScenarioLoader, ReadsEdgeFields) {
    const Scenario scenario = load_ok(kFull);
    const Edge& edge = scenario.edges()[1];
    EXPECT_EQ(edge.carries, (std::vector<DataKindIndex>{kFootage, kPlateRead}));
    EXPECT_EQ(edge.when.to_string(), "national_lookup and not il_law_enforced");
    EXPECT_TRUE(edge.when.evaluate({true, false}));
    EXPECT_FALSE(edge.when.evaluate({true, true}));
    EXPECT_EQ(edge.gates, (std::vector<GateIndex>{0}));
    EXPECT_EQ(edge.status, Evidence::kReported);
    EXPECT_EQ(edge.sources, (std::vector<SourceIndex>{0, 1}));
    EXPECT_EQ(edge.likelihood, 0.25);
    EXPECT_EQ(edge.cut_cost, 3.0);
    EXPECT_EQ(edge.lever, "city council");
    EXPECT_EQ(edge.converted(kFootage), 2U);
    EXPECT_EQ(edge.converted(kPlateRead), kPlateRead);
    EXPECT_TRUE(edge.in_force.contains(Date::parse("2025-08-24")));
    EXPECT_FALSE(edge.in_force.contains(Date::parse("2025-08-25")));
    EXPECT_EQ(edge.note, "The pilot.");
    // Defaults.
    const Edge& plain = scenario.edges()[2];
    EXPECT_EQ(plain.status, Evidence::kHypothetical);
    EXPECT_FALSE(plain.likelihood.has_value());  // absent: unknown, not 1
    EXPECT_FALSE(plain.cut_cost);
    EXPECT_EQ(plain.lever, "");  // held by its two ends
    EXPECT_TRUE(plain.when.is_always_true());
}

TEST(ScenarioLoader, ReadsPoliciesConfigurationsAndQuestions) {
    const Scenario scenario = load_ok(kFull);
    const Policy& policy = scenario.policies()[0];
    EXPECT_EQ(policy.deny.carries, (std::vector<DataKindIndex>{kPlateRead}));
    ASSERT_TRUE(policy.deny.origin && policy.deny.to);
    EXPECT_FALSE(policy.deny.from);
    EXPECT_TRUE(policy.deny.origin->matches(scenario.nodes()[0], 0));
    EXPECT_TRUE(policy.deny.to->matches(scenario.nodes()[2], 2));
    EXPECT_FALSE(policy.deny.to->matches(scenario.nodes()[1], 1));

    const Configuration& strict = scenario.configurations()[0];
    EXPECT_EQ(strict.values, (std::vector<std::pair<ParameterIndex, bool>>{{0, false}, {1, true}}));

    const Question& q1 = scenario.questions()[0];
    EXPECT_EQ(q1.to.text, "tag:ice");
    EXPECT_TRUE(q1.expect_reachable);
    const Question& q2 = scenario.questions()[1];
    EXPECT_EQ(select_nodes(scenario, q2.to), (std::vector<NodeIndex>{1, 2}));
    EXPECT_EQ(q2.data, kPlateRead);
    EXPECT_EQ(q2.configuration, 0U);
    EXPECT_EQ(q2.without, (std::vector<GateIndex>{0}));
    EXPECT_EQ(q2.as_of->to_string(), "2025-05-01");
    EXPECT_EQ(q2.min_evidence, Evidence::kReported);
    EXPECT_EQ(q2.via->text, "spd");
    EXPECT_EQ(q2.avoid->text, "tag:city");
    EXPECT_FALSE(q2.expect_reachable);
}

TEST(ScenarioLoader, ReportsAProblemWithItsLineAndCaret) {
    EXPECT_EQ(errors_of("flowsim: 1\nnodes:\n  - {id: a, kind: camra}\n"),
              "in.yaml:3:19: error: node 'a' has unknown kind 'camra' (did you mean 'camera'?)\n"
              "      - {id: a, kind: camra}\n"
              "                      ^\n"
              "1 error\n");
}

TEST(ScenarioLoader, AMissingKeyPointsAtItsMapping) {
    EXPECT_EQ(errors_of("flowsim: 1\nnodes:\n  - id: a\n    label: A\n"),
              "in.yaml:3:5: error: missing required key 'kind' in a node\n"
              "      - id: a\n"
              "        ^\n"
              "1 error\n");
}

TEST(ScenarioLoader, PointsIntoQuotedWhenExpressions) {
    EXPECT_EQ(
        errors_of(
            "flowsim: 1\n"
            "parameters: {national_lookup: {default: true}}\n"
            "nodes: [{id: a, kind: camera}, {id: b, kind: other}]\n"
            "edges:\n"
            "  - {from: a, to: b, carries: [footage], when: \"national_lookup or nationl\"}\n"),
        "in.yaml:5:68: error: unknown parameter 'nationl' in 'when'\n"
        "      - {from: a, to: b, carries: [footage], when: \"national_lookup or nationl\"}\n"
        "                                                                       ^\n"
        "1 error\n");
}

// Edges with the same `when` text share one term vector, edges without one share `true`;
// each keeps where its own text was written.
TEST(ScenarioLoader, EdgesShareTheTermsOfEqualWhenTexts) {
    const Scenario scenario = load_ok(
        "flowsim: 1\n"
        "parameters: {p: {default: true}, q: {default: false}}\n"
        "nodes: [{id: a, kind: camera}, {id: b, kind: other}, {id: c, kind: other}]\n"
        "edges:\n"
        "  - {from: a, to: b, carries: [footage], when: p and not q}\n"
        "  - {from: b, to: c, carries: [footage], when: p and not q}\n"
        "  - {from: a, to: c, carries: [footage], when: q}\n"
        "  - {from: c, to: a, carries: [footage]}\n"
        "  - {from: c, to: b, carries: [footage]}\n");
    const auto& edges = scenario.edges();
    ASSERT_EQ(edges.size(), 5u);
    EXPECT_EQ(&edges[0].when.terms(), &edges[1].when.terms());
    EXPECT_NE(&edges[0].when.terms(), &edges[2].when.terms());
    EXPECT_EQ(&edges[3].when.terms(), &edges[4].when.terms());
    EXPECT_EQ(edges[1].when.to_string(), "p and not q");
    EXPECT_EQ(edges[1].when.parameters(), (std::vector<std::uint32_t>{0, 1}));
    EXPECT_TRUE(edges[4].when.is_always_true());
    EXPECT_EQ(edges[0].when_where.line, 5);
    EXPECT_EQ(edges[1].when_where.line, 6);
    EXPECT_EQ(edges[1].when_where.column, 48);
    EXPECT_EQ(edges[1].where.file, "in.yaml");
}

// A `when` text with an error is reported wherever it is written, not only the first time.
TEST(ScenarioLoader, ReportsTheSameBadWhenAtEachPlace) {
    const std::string errors = errors_of(
        "flowsim: 1\n"
        "parameters: {p: {default: true}}\n"
        "nodes: [{id: a, kind: camera}, {id: b, kind: other}]\n"
        "edges:\n"
        "  - {from: a, to: b, carries: [footage], when: p or pp}\n"
        "  - {from: b, to: a, carries: [footage], when: p or pp}\n");
    EXPECT_NE(errors.find("in.yaml:5:53: error: unknown parameter 'pp' in 'when'"),
              std::string::npos)
        << errors;
    EXPECT_NE(errors.find("in.yaml:6:53: error: unknown parameter 'pp' in 'when'"),
              std::string::npos)
        << errors;
    EXPECT_NE(errors.find("2 errors"), std::string::npos) << errors;
}

TEST(ScenarioLoader, ReportsEveryProblemAtOnceAndLoadsNothing) {
    const LoadResult result = load_scenario(R"(flowsim: 1
nodes:
  - {id: a, kind: camera, tags: [Bad Tag]}
  - {id: a, kind: camera}
  - {id: b, kind: local_agency, jurisdiction: {state: Illinois}}
edges:
  - {from: a, to: c, carries: [plate_read], status: maybe}
  - {from: b, to: b, carries: []}
  - {from: a, to: b, carries: [plate_read], likelihood: 0, since: 2025-09-01, until: 2025-01-01}
questions:
  - {id: q, from: a, to: "tag:nobody", expect: perhaps}
)",
                                            "in.yaml");
    EXPECT_FALSE(result.ok());
    std::vector<int> lines;
    for (const Diagnostic& diagnostic : result.diagnostics) {
        lines.push_back(diagnostic.where.line);
    }
    EXPECT_EQ(lines, (std::vector<int>{3, 4, 5, 7, 7, 8, 8, 9, 9, 11, 11}));
}

TEST(ScenarioLoader, DuplicateKeysAndUnknownKeys) {
    EXPECT_EQ(errors_of("flowsim: 1\ntitle: a\ntitle: b\nnodez: []\n"),
              "in.yaml:3:1: error: duplicate key 'title' in the scenario (first at line 2)\n"
              "    title: b\n"
              "    ^\n"
              "in.yaml:4:1: error: unknown key 'nodez' in the scenario (did you mean 'nodes'?)\n"
              "    nodez: []\n"
              "    ^\n"
              "2 errors\n");
}

TEST(ScenarioLoader, RefusesNonBooleanAndNonNumbers) {
    const std::string out = errors_of(
        "flowsim: 1\nparameters: {p: {default: yes}}\n"
        "nodes: [{id: a, kind: camera}, {id: b, kind: other}]\n"
        "edges: [{from: a, to: b, carries: [footage], likelihood: .5x, cut_cost: -1}]\n");
    EXPECT_NE(out.find("expected true or false for 'default', got 'yes'"), std::string::npos);
    EXPECT_NE(out.find("expected a number for 'likelihood', got '.5x'"), std::string::npos);
    EXPECT_NE(out.find("cut_cost must be greater than 0, got '-1'"), std::string::npos);
}

TEST(ScenarioLoader, ReadsDelaysRetentionAndGateProbabilities) {
    const Scenario scenario = load_ok(R"(flowsim: 1
gates:
  consent: {label: Owner agrees, probability: 0.4}
  warrant:
nodes:
  - {id: cams, kind: camera, produces: [plate_read], retention: 30d}
  - {id: spd, kind: local_agency, retention: 1y}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cams, to: spd, carries: [plate_read], delay: 30m}
  - {from: spd, to: ice, carries: [plate_read], delay: {min: 1d, max: 7d}, gates: [consent]}
  - {from: cams, to: ice, carries: [plate_read]}
)");
    ASSERT_EQ(scenario.gates().size(), 2U);
    EXPECT_EQ(scenario.gates()[0].probability, 0.4);
    EXPECT_EQ(scenario.gates()[1].probability, 1.0);  // not given: always passes
    EXPECT_EQ(scenario.nodes()[0].retention, Seconds{30 * 86400});
    EXPECT_EQ(scenario.nodes()[1].retention, Seconds{365 * 86400});
    EXPECT_FALSE(scenario.nodes()[2].retention.has_value());  // unlimited
    EXPECT_EQ(scenario.edges()[0].delay.min, 1800);
    EXPECT_TRUE(scenario.edges()[0].delay.fixed());
    EXPECT_EQ(scenario.edges()[1].delay.min, 86400);
    EXPECT_EQ(scenario.edges()[1].delay.max, 7 * 86400);
    EXPECT_EQ(scenario.edges()[2].delay.max, 0);  // not given: at once
}

TEST(ScenarioLoader, PointsAtTheBadByteOfADuration) {
    EXPECT_EQ(errors_of("flowsim: 1\n"
                        "nodes: [{id: a, kind: camera}, {id: b, kind: other, retention: 3dd}]\n"
                        "edges: [{from: a, to: b, carries: [footage], delay: \"1d 2h\"}]\n"),
              "in.yaml:2:66: error: retention '3dd': expected a duration such as 30m, 6h or 3d "
              "(units s, m, h, d, w, y), got 'd'\n"
              "    nodes: [{id: a, kind: camera}, {id: b, kind: other, retention: 3dd}]\n"
              "                                                                     ^\n"
              "in.yaml:3:56: error: delay '1d 2h': a duration has no spaces: write 30d, 1d12h\n"
              "    edges: [{from: a, to: b, carries: [footage], delay: \"1d 2h\"}]\n"
              "                                                           ^\n"
              "2 errors\n");
}

TEST(ScenarioLoader, FlowsimVersionIsRequired) {
    EXPECT_EQ(errors_of("title: x\n"),
              "in.yaml:1:1: error: missing required key 'flowsim' in the scenario\n"
              "    title: x\n"
              "    ^\n"
              "1 error\n");
}

}  // namespace
}  // namespace flowsim::io
