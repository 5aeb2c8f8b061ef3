// JSON graph export: the exact object for a small scenario.
#include "flowsim/io/graph_json_writer.hpp"

#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "flowsim/configuration_view.hpp"
#include "flowsim/io/scenario_loader.hpp"
#include "flowsim/query_request.hpp"
#include "support/scenario_text.hpp"

namespace flowsim::io {
namespace {

using testing::load;

using testing::kWriterScenario;

TEST(GraphJsonWriter, WritesTheWholeScenario) {
    // The header of every answer, then the records, each with only the fields it has.
    const std::string expected =
        R"json({"scenario": "Small & \"quoted\"", "configuration": {"name": "default", "parameters": {"on": false}}, "as_of": "2026-01-23", "assumptions": [], "from": ["cam"], "to": ["ice"], "data": ["footage", "plate_read"], "nodes": [
 {"id": "cam", "kind": "camera", "label": "cam", "produces": ["footage", "plate_read"]},
 {"id": "ice", "kind": "federal_agency", "label": "ice", "tags": ["ice"]},
 {"id": "pd", "kind": "local_agency", "label": "Police <&> \"x\"", "state": "IL", "county": "Cook", "tags": ["a", "b"], "note": "two\nlines"}], "edges": [
 {"id": "cam->pd", "from": "cam", "to": "pd", "carries": ["plate_read"], "when": "true", "status": "hypothetical", "convert": {"plate_read": "hit"}, "note": "it's", "active": true},
 {"id": "z", "from": "pd", "to": "ice", "carries": ["plate_read", "hit"], "mechanism": "search", "when": "on", "gates": ["consent"], "status": "reported", "sources": ["audit"], "likelihood": 0.3, "cut_cost": 2, "since": "2025-01-01", "until": "2026-01-01", "active": false}], "sources": [
 {"id": "audit", "title": "Audit", "url": "https://example.org/audit"}]}
)json";
    const Scenario scenario = load(kWriterScenario);
    const ConfigurationView view(scenario, {});
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, {}, errors);
    ASSERT_TRUE(errors.empty());
    std::ostringstream out;
    write_graph_json(out, view, make_header(view, query, "small.yaml"));
    EXPECT_EQ(out.str(), expected);
}

}  // namespace
}  // namespace flowsim::io
