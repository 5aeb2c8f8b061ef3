// JSON graph export: the exact object for a small scenario.
#include "flowsim/io/graph_json_writer.hpp"

#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "flowsim/configuration_view.hpp"
#include "flowsim/io/scenario_loader.hpp"
#include "support/scenario_text.hpp"

namespace flowsim::io {
namespace {

using testing::load;

using testing::kWriterScenario;

TEST(GraphJsonWriter, WritesTheWholeScenario) {
    const std::string expected =
        R"json({"scenario": "Small & \"quoted\"", "configuration": "default", "as_of": "2026-01-23", "nodes": [
 {"id": "cam", "kind": "camera", "label": "cam", "tags": [], "produces": ["footage", "plate_read"], "note": ""},
 {"id": "ice", "kind": "federal_agency", "label": "ice", "tags": ["ice"], "produces": [], "note": ""},
 {"id": "pd", "kind": "local_agency", "label": "Police <&> \"x\"", "state": "IL", "county": "Cook", "tags": ["a", "b"], "produces": [], "note": "two\nlines"}], "edges": [
 {"id": "cam->pd", "from": "cam", "to": "pd", "carries": ["plate_read"], "mechanism": "", "when": "true", "gates": [], "status": "hypothetical", "sources": [], "convert": {"plate_read": "hit"}, "note": "it's", "active": true},
 {"id": "z", "from": "pd", "to": "ice", "carries": ["plate_read", "hit"], "mechanism": "search", "when": "on", "gates": ["consent"], "status": "reported", "sources": ["audit"], "likelihood": 0.3, "cut_cost": 2, "convert": {}, "since": "2025-01-01", "until": "2026-01-01", "note": "", "active": false}], "sources": [
 {"id": "audit", "title": "Audit", "url": "https://example.org/audit"}]}
)json";
    const Scenario scenario = load(kWriterScenario);
    const ConfigurationView view(scenario, {});
    std::ostringstream out;
    write_graph_json(out, view, "default");
    EXPECT_EQ(out.str(), expected);
}

}  // namespace
}  // namespace flowsim::io
