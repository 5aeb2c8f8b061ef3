// GraphML export: the exact document for a small scenario, and its key declarations.
#include "flowsim/io/graphml_writer.hpp"

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

std::string export_graphml(const Scenario& scenario, const ActivitySettings& settings = {}) {
    const ConfigurationView view(scenario, settings);
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, {}, errors);
    std::ostringstream out;
    write_graphml(out, view, make_header(view, query, "small.yaml"));
    return out.str();
}

TEST(GraphmlWriter, WritesTheWholeScenario) {
    const std::string expected = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="g_title" for="graph" attr.name="title" attr.type="string"/>
  <key id="g_configuration" for="graph" attr.name="configuration" attr.type="string"/>
  <key id="g_as_of" for="graph" attr.name="as_of" attr.type="string"/>
  <key id="n_kind" for="node" attr.name="kind" attr.type="string"/>
  <key id="n_label" for="node" attr.name="label" attr.type="string"/>
  <key id="n_state" for="node" attr.name="state" attr.type="string"/>
  <key id="n_county" for="node" attr.name="county" attr.type="string"/>
  <key id="n_place" for="node" attr.name="place" attr.type="string"/>
  <key id="n_tags" for="node" attr.name="tags" attr.type="string"/>
  <key id="n_produces" for="node" attr.name="produces" attr.type="string"/>
  <key id="n_note" for="node" attr.name="note" attr.type="string"/>
  <key id="e_carries" for="edge" attr.name="carries" attr.type="string"/>
  <key id="e_mechanism" for="edge" attr.name="mechanism" attr.type="string"/>
  <key id="e_when" for="edge" attr.name="when" attr.type="string"/>
  <key id="e_gates" for="edge" attr.name="gates" attr.type="string"/>
  <key id="e_status" for="edge" attr.name="status" attr.type="string"/>
  <key id="e_sources" for="edge" attr.name="sources" attr.type="string"/>
  <key id="e_likelihood" for="edge" attr.name="likelihood" attr.type="double"/>
  <key id="e_cut_cost" for="edge" attr.name="cut_cost" attr.type="double"/>
  <key id="e_lever" for="edge" attr.name="lever" attr.type="string"/>
  <key id="e_convert" for="edge" attr.name="convert" attr.type="string"/>
  <key id="e_since" for="edge" attr.name="since" attr.type="string"/>
  <key id="e_until" for="edge" attr.name="until" attr.type="string"/>
  <key id="e_note" for="edge" attr.name="note" attr.type="string"/>
  <key id="e_active" for="edge" attr.name="active" attr.type="boolean"/>
  <graph id="scenario" edgedefault="directed">
    <data key="g_title">Small &amp; &quot;quoted&quot;</data>
    <data key="g_configuration">default</data>
    <data key="g_as_of">2026-01-23</data>
    <node id="cam">
      <data key="n_kind">camera</data>
      <data key="n_label">cam</data>
      <data key="n_produces">footage;plate_read</data>
    </node>
    <node id="ice">
      <data key="n_kind">federal_agency</data>
      <data key="n_label">ice</data>
      <data key="n_tags">ice</data>
    </node>
    <node id="pd">
      <data key="n_kind">local_agency</data>
      <data key="n_label">Police &lt;&amp;&gt; &quot;x&quot;</data>
      <data key="n_state">IL</data>
      <data key="n_county">Cook</data>
      <data key="n_tags">a;b</data>
      <data key="n_note">two&#10;lines</data>
    </node>
    <edge id="cam-&gt;pd" source="cam" target="pd">
      <data key="e_carries">plate_read</data>
      <data key="e_when">true</data>
      <data key="e_status">hypothetical</data>
      <data key="e_convert">plate_read-&gt;hit</data>
      <data key="e_note">it&apos;s</data>
      <data key="e_active">true</data>
    </edge>
    <edge id="z" source="pd" target="ice">
      <data key="e_carries">plate_read;hit</data>
      <data key="e_mechanism">search</data>
      <data key="e_when">on</data>
      <data key="e_gates">consent</data>
      <data key="e_status">reported</data>
      <data key="e_sources">audit</data>
      <data key="e_likelihood">0.3</data>
      <data key="e_cut_cost">2</data>
      <data key="e_since">2025-01-01</data>
      <data key="e_until">2026-01-01</data>
      <data key="e_active">false</data>
    </edge>
  </graph>
</graphml>
)xml";
    EXPECT_EQ(export_graphml(load(kWriterScenario)), expected);
}

TEST(GraphmlWriter, ActiveFollowsTheConfiguration) {
    const Scenario scenario = load(kWriterScenario);
    ActivitySettings settings;
    settings.settings = {{*scenario.find_parameter("on"), true}};
    // Edge z needs `on`, and is in force in 2025 only.
    EXPECT_NE(export_graphml(scenario, settings).find("<data key=\"e_active\">false</data>"),
              std::string::npos);
    settings.as_of = Date::parse("2025-06-01");
    const std::string graphml = export_graphml(scenario, settings);
    EXPECT_EQ(graphml.find("<data key=\"e_active\">false</data>"), std::string::npos);
}

TEST(GraphmlWriter, EscapesEveryText) {
    const std::string graphml = export_graphml(load(R"yaml(
flowsim: 1
title: "]]> <![CDATA[ </graph>"
nodes:
  - {id: a, kind: camera, label: "x\"/><node id='evil'/>", produces: [footage]}
  - {id: b, kind: other, label: "b", note: "tab\there"}
edges:
  - {from: a, to: b, carries: [footage], mechanism: "</data></edge>"}
)yaml"));
    EXPECT_NE(graphml.find("<data key=\"g_title\">]]&gt; &lt;![CDATA[ &lt;/graph&gt;</data>"),
              std::string::npos);
    EXPECT_NE(graphml.find("<data key=\"n_label\">x&quot;/&gt;&lt;node id=&apos;evil&apos;/&gt;"),
              std::string::npos);
    EXPECT_NE(graphml.find("<data key=\"n_note\">tab&#9;here</data>"), std::string::npos);
    EXPECT_NE(graphml.find("<edge id=\"a-&gt;b\" source=\"a\" target=\"b\">"), std::string::npos);
    EXPECT_NE(graphml.find("&lt;/data&gt;&lt;/edge&gt;"), std::string::npos);
}

}  // namespace
}  // namespace flowsim::io
