// JSON graph export: the exact object for a small scenario.
#include "flowsim/io/graph_json_writer.hpp"

#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "flowsim/configuration_view.hpp"
#include "flowsim/io/scenario_loader.hpp"

namespace flowsim::io {
namespace {

Scenario load(std::string_view yaml) {
    LoadResult result = load_scenario(yaml, "test.yaml");
    if (!result.ok()) {
        ADD_FAILURE() << format_diagnostics(result.diagnostics, result.texts);
        return Scenario(ScenarioParts{});
    }
    return std::move(*result.scenario);
}

// Every kind of value: lists, optional jurisdiction parts, dates, a conversion, numbers,
// an inactive edge, and text that needs escaping.
constexpr std::string_view kSmall = R"yaml(flowsim: 1
title: 'Small & "quoted"'
as_of: 2026-01-23
sources:
  audit: {title: Audit, url: "https://example.org/audit"}
data:
  hit: {label: Hit}
parameters:
  on: {default: false}
gates:
  consent: {label: Consent}
nodes:
  - {id: pd, kind: local_agency, label: 'Police <&> "x"', jurisdiction: {state: IL, county: Cook}, tags: [b, a], note: "two\nlines"}
  - {id: cam, kind: camera, produces: [plate_read, footage]}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {id: z, from: pd, to: ice, carries: [plate_read, hit], mechanism: search, when: "on", gates: [consent], status: reported, sources: [audit], likelihood: 0.3, cut_cost: 2, since: 2025-01-01, until: 2026-01-01}
  - {from: cam, to: pd, carries: [plate_read], convert: {plate_read: hit}, note: 'it''s'}
)yaml";

TEST(GraphJsonWriter, WritesTheWholeScenario) {
    const std::string expected =
        R"json({"scenario": "Small & \"quoted\"", "configuration": "default", "as_of": "2026-01-23", "nodes": [
 {"id": "cam", "kind": "camera", "label": "cam", "tags": [], "produces": ["footage", "plate_read"], "note": ""},
 {"id": "ice", "kind": "federal_agency", "label": "ice", "tags": ["ice"], "produces": [], "note": ""},
 {"id": "pd", "kind": "local_agency", "label": "Police <&> \"x\"", "state": "IL", "county": "Cook", "tags": ["a", "b"], "produces": [], "note": "two\nlines"}], "edges": [
 {"id": "cam->pd", "from": "cam", "to": "pd", "carries": ["plate_read"], "mechanism": "", "when": "true", "gates": [], "status": "hypothetical", "sources": [], "likelihood": 1, "convert": {"plate_read": "hit"}, "note": "it's", "active": true},
 {"id": "z", "from": "pd", "to": "ice", "carries": ["plate_read", "hit"], "mechanism": "search", "when": "on", "gates": ["consent"], "status": "reported", "sources": ["audit"], "likelihood": 0.3, "cut_cost": 2, "convert": {}, "since": "2025-01-01", "until": "2026-01-01", "note": "", "active": false}]}
)json";
    const Scenario scenario = load(kSmall);
    const ConfigurationView view(scenario, {});
    std::ostringstream out;
    write_graph_json(out, view, "default");
    EXPECT_EQ(out.str(), expected);
}

}  // namespace
}  // namespace flowsim::io
