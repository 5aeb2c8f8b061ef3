// The DOT writer: escaping, styles by kind and status, clusters, routes, folding, and
// deterministic output. Whole diagrams are checked byte for byte in tests/golden/dot/;
// these tests pin one rule each.
#include "flowsim/io/dot_writer.hpp"

#include <sstream>
#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "flowsim/configuration_view.hpp"
#include "flowsim/io/scenario_loader.hpp"
#include "flowsim/route_cover.hpp"
#include "support/scenario_text.hpp"

namespace flowsim::io {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using testing::load;

struct Drawing {
    bool routes = false;
    bool routes_only = false;
    bool active_only = false;
    bool laws = false;  // draw the edges that laws block for every source asked about
    CollapseBy collapse = CollapseBy::kNone;
    QueryRequest request;
};

std::string draw(const Scenario& scenario, const Drawing& drawing = {}) {
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, drawing.request, errors);
    EXPECT_TRUE(errors.empty()) << errors.front();
    const ConfigurationView view(scenario, query.activity);
    DotOptions options;
    options.title = scenario.title();
    options.active = active_edges(view);
    if (drawing.laws) {
        options.blocked_by = edges_blocked_by_policies(view, query.routes.from);
    }
    if (drawing.routes || drawing.routes_only) {
        options.routes = cover_routes(view, query.routes);
        options.targets = query.routes.to;
    }
    options.caption = diagram_caption(view, query, options.routes);
    options.routes_only = drawing.routes_only;
    options.active_only = drawing.active_only;
    options.collapse = drawing.collapse;
    std::ostringstream out;
    write_dot(out, scenario, options);
    return out.str();
}

// The statement that declares node `id`, or the edge from `from` to `to`: one line.
std::string line_of(const std::string& dot, const std::string& start) {
    const std::size_t at = dot.find("\n" + start);
    if (at == std::string::npos) {
        return "";
    }
    const std::size_t begin = dot.find_first_not_of(' ', at + 1);
    return dot.substr(begin, dot.find('\n', begin) - begin);
}

std::string node_line(const std::string& dot, const std::string& id) {
    for (std::string indent = "  "; indent.size() <= 10; indent += "  ") {
        const std::string line = line_of(dot, indent + "\"" + id + "\" [");
        if (!line.empty()) {
            return line;
        }
    }
    return "";
}

std::string edge_line(const std::string& dot, const std::string& from, const std::string& to) {
    return line_of(dot, "  \"" + from + "\" -> \"" + to + "\" [");
}

constexpr std::string_view kChain = R"(
flowsim: 1
title: Chain
parameters:
  on: {default: false}
nodes:
  - {id: cams, kind: camera, label: Cameras, produces: [plate_read], jurisdiction: {state: IL, county: Cook, place: Chicago}}
  - {id: pd, kind: local_agency, label: Police, jurisdiction: {state: IL, county: Cook}}
  - {id: fusion, kind: state_agency, label: Fusion centre, jurisdiction: {state: IL}}
  - {id: portal, kind: platform, label: Portal}
  - {id: ice, kind: federal_agency, label: ICE, tags: [ice]}
  - {id: cbp, kind: federal_agency, label: CBP}
edges:
  - {from: cams, to: pd, carries: [plate_read], mechanism: customer_ownership, status: documented}
  - {from: pd, to: fusion, carries: [plate_read], mechanism: share_1to1, status: reported}
  - {from: fusion, to: ice, carries: [plate_read], status: alleged}
  - {from: pd, to: portal, carries: [plate_read], status: announced}
  - {from: portal, to: ice, carries: [plate_read], status: hypothetical, when: "on"}
  - {from: portal, to: cbp, carries: [plate_read], status: reported}
)";

TEST(DotQuoted, EscapesQuotesBackslashesAmpersandsAndNewlines) {
    EXPECT_EQ(dot_quoted("plain"), "\"plain\"");
    EXPECT_EQ(dot_quoted("x\" ]; evil [label=\"x"), R"("x\" ]; evil [label=\"x")");
    EXPECT_EQ(dot_quoted("ends with \\"), R"("ends with \\")");
    EXPECT_EQ(dot_quoted("\\N \\G \\n"), R"("\\N \\G \\n")");
    EXPECT_EQ(dot_quoted("a & b &amp; &#65;"), "\"a &amp; b &amp;amp; &amp;#65;\"");
    EXPECT_EQ(dot_quoted("one\ntwo\r\n\tthree"), R"("one\ntwo\n three")");
    EXPECT_EQ(dot_quoted("<b>{x}</b>"), "\"<b>{x}</b>\"");
}

TEST(DotQuoted, ReplacesWhatCannotBeWritten) {
    EXPECT_EQ(dot_quoted("a\x01z"), "\"a\xEF\xBF\xBDz\"");
    EXPECT_EQ(dot_quoted("bad \xC3 byte"), "\"bad \xEF\xBF\xBD byte\"");
    EXPECT_EQ(dot_quoted("\xEF\xBF\xBF"), "\"\xEF\xBF\xBD\"");
    EXPECT_EQ(dot_quoted("Überwachung — 監視"), "\"Überwachung — 監視\"");
}

TEST(DotTooltip, WritesEachBackslashFourTimes) {
    // Graphviz reads tooltips twice; one pair would leave "\\G" to become the graph name.
    EXPECT_EQ(dot_tooltip(R"(\G "x" \)"), R"("\\\\G \"x\" \\\\")");
    EXPECT_EQ(dot_tooltip("one\ntwo & <b>"), R"("one\ntwo &amp; <b>")");
}

TEST(DotHtml, EscapesMarkupAndBreaksLines) {
    EXPECT_EQ(dot_html("</B>> & \"x\" 'y'"), "&lt;/B&gt;&gt; &amp; &quot;x&quot; &#39;y&#39;");
    EXPECT_EQ(dot_html("one\ntwo"), "one<BR ALIGN=\"LEFT\"/>two");
    EXPECT_EQ(dot_html("back\\slash \\G"), "back\\\\slash \\\\G");
}

// Graphviz rejects a string over 16,384 bytes: long texts stop short of it with "…",
// at a character boundary, however much escaping grows them.
TEST(DotQuoted, ShortensWhatGraphvizWouldReject) {
    for (const std::string& text :
         {std::string(20000, 'x'), std::string(20000, '&'), std::string(20000, '\\'),
          std::string(20000, '"'), std::string(20000, '\n')}) {
        for (const std::string& written : {dot_quoted(text), dot_tooltip(text), dot_html(text)}) {
            EXPECT_LE(written.size(), 16384U);
            EXPECT_GT(written.size(), 15000U);
            EXPECT_NE(written.find("…"), std::string::npos);
        }
    }
    std::string wide;
    for (int i = 0; i < 10000; ++i) {
        wide += "監";
    }
    const std::string written = dot_quoted(wide);
    EXPECT_EQ(written.substr(written.size() - 4), "…\"");
    EXPECT_EQ((written.size() - 2 - 3) % 3, 0U);  // whole characters only
    EXPECT_EQ(dot_quoted(std::string(1000, 'x')), "\"" + std::string(1000, 'x') + "\"");
}

TEST(DotWriter, ShapesAndFillsFollowTheKind) {
    const std::string dot = draw(load(kChain));
    EXPECT_THAT(node_line(dot, "cams"), HasSubstr("shape=ellipse"));
    EXPECT_THAT(node_line(dot, "pd"), HasSubstr("shape=box, style=\"filled,rounded\""));
    EXPECT_THAT(node_line(dot, "fusion"), HasSubstr("shape=hexagon"));
    EXPECT_THAT(node_line(dot, "portal"), HasSubstr("shape=cylinder"));
    EXPECT_THAT(node_line(dot, "ice"), HasSubstr("shape=octagon"));
}

TEST(DotWriter, LineStyleFollowsTheStatus) {
    const std::string dot = draw(load(kChain));
    EXPECT_THAT(edge_line(dot, "cams", "pd"), HasSubstr("style=solid, color=\"#333333\""));
    EXPECT_THAT(edge_line(dot, "pd", "fusion"), HasSubstr("style=dashed, color=\"#333333\""));
    EXPECT_THAT(edge_line(dot, "fusion", "ice"), HasSubstr("style=dotted, color=\"#333333\""));
    // Announced and hypothetical: dotted and lighter.
    EXPECT_THAT(edge_line(dot, "pd", "portal"), HasSubstr("style=dotted, color=\"#8c8c8c\""));
}

TEST(DotWriter, EdgesAreLabelledWithTheirMechanism) {
    const std::string dot = draw(load(kChain));
    EXPECT_THAT(edge_line(dot, "cams", "pd"), HasSubstr("label=\"customer ownership\""));
    EXPECT_THAT(edge_line(dot, "fusion", "ice"), Not(HasSubstr("label=")));
}

TEST(DotWriter, InactiveEdgesAreFaintOrLeftOut) {
    const Scenario scenario = load(kChain);
    const std::string dot = draw(scenario);
    EXPECT_THAT(edge_line(dot, "portal", "ice"),
                HasSubstr("style=dotted, color=\"#d5d5d5\", fontcolor=\"#a8a8a8\""));
    EXPECT_THAT(edge_line(dot, "portal", "ice"), HasSubstr("inactive under this configuration"));
    Drawing active_only;
    active_only.active_only = true;
    EXPECT_EQ(edge_line(draw(scenario, active_only), "portal", "ice"), "");
    Drawing switched_on;
    switched_on.request.settings = {"on=true"};
    EXPECT_THAT(edge_line(draw(scenario, switched_on), "portal", "ice"),
                HasSubstr("color=\"#8c8c8c\""));
}

TEST(DotWriter, NodesAreClusteredByStateCountyAndPlace) {
    const std::string dot = draw(load(kChain));
    const std::string expected =
        "  subgraph \"cluster_1\" {\n"
        "    label=\"IL\";";
    EXPECT_THAT(dot, HasSubstr(expected));
    // fusion sits in the state, pd in the county, cams in the place; portal in none.
    EXPECT_NE(dot.find("\n    \"fusion\" ["), std::string::npos);
    EXPECT_NE(dot.find("\n      \"pd\" ["), std::string::npos);
    EXPECT_NE(dot.find("\n        \"cams\" ["), std::string::npos);
    EXPECT_NE(dot.find("\n  \"portal\" ["), std::string::npos);
    EXPECT_LT(dot.find("\"portal\" ["), dot.find("subgraph \"cluster_1\""));
}

TEST(DotWriter, RoutesAreThickAndRedAndTargetsEmphasised) {
    Drawing routes;
    routes.routes = true;
    const std::string dot = draw(load(kChain), routes);
    // The one route: cams -> pd -> fusion -> ice (portal -> ice is off).
    for (const auto& [from, to] : {std::pair{"cams", "pd"}, {"pd", "fusion"}, {"fusion", "ice"}}) {
        EXPECT_THAT(edge_line(dot, from, to), HasSubstr("color=\"#c0392b\""));
        EXPECT_THAT(edge_line(dot, from, to), HasSubstr("penwidth=3"));
    }
    EXPECT_THAT(edge_line(dot, "pd", "portal"), Not(HasSubstr("#c0392b")));
    EXPECT_THAT(node_line(dot, "ice"), HasSubstr("style=\"filled,bold\""));
    EXPECT_THAT(node_line(dot, "ice"), HasSubstr("peripheries=2"));
    EXPECT_THAT(node_line(dot, "cbp"), Not(HasSubstr("peripheries")));
    EXPECT_THAT(dot, HasSubstr("Thick red: 1 route from Cameras to ICE"));
}

// Every grade on a route (cams -> n1 -> ... -> ice) and off it (cams -> x1 ... x5, dead
// ends): colour marks the route, the line style and lightness keep the grade (issue 13,
// case 6).
constexpr std::string_view kEveryGrade = R"(
flowsim: 1
nodes:
  - {id: cams, kind: camera, produces: [plate_read]}
  - {id: n1, kind: platform}
  - {id: n2, kind: platform}
  - {id: n3, kind: platform}
  - {id: n4, kind: platform}
  - {id: x1, kind: platform}
  - {id: x2, kind: platform}
  - {id: x3, kind: platform}
  - {id: x4, kind: platform}
  - {id: x5, kind: platform}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cams, to: n1, carries: [plate_read], status: documented}
  - {from: n1, to: n2, carries: [plate_read], status: reported}
  - {from: n2, to: n3, carries: [plate_read], status: alleged}
  - {from: n3, to: n4, carries: [plate_read], status: announced}
  - {from: n4, to: ice, carries: [plate_read], status: hypothetical}
  - {from: cams, to: x1, carries: [plate_read], status: documented}
  - {from: cams, to: x2, carries: [plate_read], status: reported}
  - {from: cams, to: x3, carries: [plate_read], status: alleged}
  - {from: cams, to: x4, carries: [plate_read], status: announced}
  - {from: cams, to: x5, carries: [plate_read], status: hypothetical}
)";

TEST(DotWriter, EveryGradeKeepsItsStyleOnAndOffARoute) {
    Drawing routes;
    routes.routes = true;
    const std::string dot = draw(load(kEveryGrade), routes);
    const auto style = [&](const char* from, const char* to) {
        const std::string line = edge_line(dot, from, to);
        return line.substr(line.find("style="));
    };
    EXPECT_EQ(style("cams", "x1"), "style=solid, color=\"#333333\", fontcolor=\"#333333\"];");
    EXPECT_EQ(style("cams", "x2"), "style=dashed, color=\"#333333\", fontcolor=\"#333333\"];");
    EXPECT_EQ(style("cams", "x3"), "style=dotted, color=\"#333333\", fontcolor=\"#333333\"];");
    EXPECT_EQ(style("cams", "x4"), "style=dotted, color=\"#8c8c8c\", fontcolor=\"#8c8c8c\"];");
    EXPECT_EQ(style("cams", "x5"), "style=dotted, color=\"#8c8c8c\", fontcolor=\"#8c8c8c\"];");
    const std::string red = "color=\"#c0392b\", fontcolor=\"#c0392b\", penwidth=3];";
    const std::string light_red = "color=\"#e6958c\", fontcolor=\"#c0392b\", penwidth=2];";
    EXPECT_EQ(style("cams", "n1"), "style=solid, " + red);
    EXPECT_EQ(style("n1", "n2"), "style=dashed, " + red);
    EXPECT_EQ(style("n2", "n3"), "style=dotted, " + red);
    EXPECT_EQ(style("n3", "n4"), "style=dotted, " + light_red);
    EXPECT_EQ(style("n4", "ice"), "style=dotted, " + light_red);
    // Alleged and hypothetical differ on the route as they do off it.
    EXPECT_NE(style("n2", "n3"), style("n4", "ice"));
    // The legend shows each grade on a route the way it is drawn.
    EXPECT_THAT(dot, HasSubstr("label=\"on a route,\\nalleged\", style=dotted, " + red));
    EXPECT_THAT(dot, HasSubstr("label=\"on a route, announced\\nor hypothetical\", "
                               "style=dotted, " +
                               light_red));
}

// Issue 13, case 4: a hop that a law blocks for every source asked about is drawn in its
// own style, with the law beside it and in the legend; when the law blocks it for only
// some of the sources, it keeps its normal style.
constexpr std::string_view kLaw = R"(
flowsim: 1
sources:
  statute: {title: The statute, url: "https://example.org/statute"}
nodes:
  - {id: il_cams, kind: camera, produces: [plate_read], jurisdiction: {state: IL}}
  - {id: tx_cams, kind: camera, produces: [plate_read], jurisdiction: {state: TX}}
  - {id: pd, kind: local_agency, jurisdiction: {state: IL}}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: il_cams, to: pd, carries: [plate_read], status: documented}
  - {from: tx_cams, to: pd, carries: [plate_read], status: documented}
  - {from: pd, to: ice, carries: [plate_read], status: reported}
policies:
  - id: il_law
    label: Illinois bars sharing plate reads
    deny: {carries: [plate_read], origin: {state: IL}, to: {not: {state: IL}}}
    sources: [statute]
)";

TEST(DotWriter, AHopALawBlocksForEverySourceIsDrawnWithTheLaw) {
    const Scenario scenario = load(kLaw);
    Drawing il;
    il.laws = true;
    il.routes = true;
    il.request.from = "il_cams";
    const std::string dot = draw(scenario, il);
    const std::string line = edge_line(dot, "pd", "ice");
    EXPECT_THAT(line, HasSubstr("blocked by Illinois"));
    EXPECT_THAT(line, HasSubstr("Blocked by a law: Illinois bars sharing plate reads\\n- The "
                                "statute"));
    EXPECT_THAT(line, HasSubstr("style=dashed, color=\"#6a3d9a\", fontcolor=\"#6a3d9a\", "
                                "arrowhead=tee"));
    EXPECT_THAT(dot, HasSubstr("label=\"blocked by a law\\n(named beside it)\""));
    // Not blocked for the Texas cameras: normal style, no law in the legend.
    Drawing both = il;
    both.request.from = "il_cams,tx_cams";
    const std::string shared = draw(scenario, both);
    EXPECT_THAT(edge_line(shared, "pd", "ice"), Not(HasSubstr("#6a3d9a")));
    EXPECT_THAT(edge_line(shared, "pd", "ice"), HasSubstr("color=\"#c0392b\""));
    EXPECT_THAT(shared, Not(HasSubstr("blocked by a law")));
}

TEST(DotWriter, RoutesOnlyDrawsJustTheRoutes) {
    Drawing routes_only;
    routes_only.routes_only = true;
    const std::string dot = draw(load(kChain), routes_only);
    for (const char* id : {"cams", "pd", "fusion", "ice"}) {
        EXPECT_NE(node_line(dot, id), "") << id;
    }
    EXPECT_EQ(node_line(dot, "portal"), "");
    EXPECT_EQ(node_line(dot, "cbp"), "");
    EXPECT_EQ(edge_line(dot, "pd", "portal"), "");
}

TEST(DotWriter, SaysWhenThereIsNoRoute) {
    Drawing routes;
    routes.routes = true;
    routes.request.to = "cbp";
    routes.request.settings = {"on=true"};
    routes.request.avoid = "portal";
    const std::string dot = draw(load(kChain), routes);
    EXPECT_THAT(dot, HasSubstr("No route from Cameras to CBP, avoiding Portal"));
    EXPECT_THAT(node_line(dot, "cbp"), HasSubstr("peripheries=2"));
}

constexpr std::string_view kAgencies = R"(
flowsim: 1
title: Agencies
nodes:
  - {id: cam1, kind: camera, produces: [plate_read], jurisdiction: {state: IL}}
  - {id: cam2, kind: camera, produces: [plate_read], jurisdiction: {state: IL}}
  - {id: il1, kind: local_agency, jurisdiction: {state: IL, county: Cook}}
  - {id: il2, kind: local_agency, jurisdiction: {state: IL, county: Lake}}
  - {id: il3, kind: local_agency, jurisdiction: {state: IL}}
  - {id: ca1, kind: local_agency, jurisdiction: {state: CA}}
  - {id: lonely, kind: state_agency, jurisdiction: {state: CA}}
  - {id: ice, kind: federal_agency, tags: [ice]}
  - {id: hsi, kind: federal_agency, tags: [ice]}
edges:
  - {from: cam1, to: il1, carries: [plate_read], mechanism: own, status: documented}
  - {from: cam2, to: il2, carries: [plate_read], mechanism: own, status: documented}
  - {from: il1, to: ice, carries: [plate_read], mechanism: search, status: reported}
  - {from: il2, to: ice, carries: [plate_read], mechanism: search, status: reported}
  - {from: il3, to: ice, carries: [plate_read], mechanism: relay, status: reported}
  - {from: il1, to: il2, carries: [plate_read], mechanism: share, status: documented}
  - {from: ca1, to: lonely, carries: [plate_read], status: documented}
)";

TEST(DotWriter, CollapseByKindFoldsEachKindInEachState) {
    Drawing drawing;
    drawing.collapse = CollapseBy::kKind;
    const std::string dot = draw(load(kAgencies), drawing);
    EXPECT_THAT(node_line(dot, "group:local_agency:IL"),
                HasSubstr("label=\"3 local agencies, IL\""));
    EXPECT_THAT(node_line(dot, "group:camera:IL"), HasSubstr("label=\"2 cameras, IL\""));
    EXPECT_THAT(node_line(dot, "group:federal_agency"), HasSubstr("label=\"2 federal agencies\""));
    // A group of one stays itself.
    EXPECT_THAT(node_line(dot, "ca1"), HasSubstr("shape=box"));
    EXPECT_EQ(node_line(dot, "il1"), "");
    // Parallel edges with the same status merge, with their count; others stay apart.
    EXPECT_THAT(edge_line(dot, "group:camera:IL", "group:local_agency:IL"),
                HasSubstr("label=\"2 edges: own\""));
    EXPECT_THAT(edge_line(dot, "group:local_agency:IL", "group:federal_agency"),
                HasSubstr("label=\"3 edges: relay, search\""));
    EXPECT_THAT(edge_line(dot, "group:local_agency:IL", "group:local_agency:IL"),
                HasSubstr("label=\"share\""));
}

TEST(DotWriter, CollapseKeepsTheTargetsWhenRoutesAreDrawn) {
    Drawing drawing;
    drawing.collapse = CollapseBy::kKind;
    drawing.routes = true;
    const std::string dot = draw(load(kAgencies), drawing);
    EXPECT_THAT(node_line(dot, "ice"), HasSubstr("peripheries=2"));
    EXPECT_THAT(node_line(dot, "hsi"), HasSubstr("peripheries=2"));
    EXPECT_EQ(node_line(dot, "group:federal_agency"), "");
    EXPECT_THAT(edge_line(dot, "group:local_agency:IL", "ice"), HasSubstr("penwidth=3"));
}

TEST(DotWriter, CollapseByStateFoldsEachState) {
    Drawing drawing;
    drawing.collapse = CollapseBy::kState;
    const std::string dot = draw(load(kAgencies), drawing);
    EXPECT_THAT(node_line(dot, "group:IL"),
                HasSubstr("label=\"5 nodes, IL\\n(2 cameras, 3 local\\nagencies)\""));
    EXPECT_THAT(node_line(dot, "group:IL"), HasSubstr("shape=folder"));
    EXPECT_THAT(node_line(dot, "group:CA"), HasSubstr("label=\"2 nodes, CA\\n"));
    // Nodes with no state stay themselves.
    EXPECT_NE(node_line(dot, "ice"), "");
}

TEST(DotWriter, EdgesThatCloseACycleDoNotConstrainTheRanks) {
    const std::string dot = draw(load(R"(
flowsim: 1
nodes:
  - {id: a, kind: local_agency, produces: [plate_read]}
  - {id: b, kind: local_agency}
  - {id: c, kind: local_agency, tags: [ice]}
edges:
  - {from: a, to: b, carries: [plate_read]}
  - {from: b, to: c, carries: [plate_read]}
  - {from: c, to: a, carries: [plate_read]}
  - {from: b, to: a, carries: [plate_read]}
)"));
    EXPECT_THAT(edge_line(dot, "a", "b"), Not(HasSubstr("constraint")));
    EXPECT_THAT(edge_line(dot, "b", "c"), Not(HasSubstr("constraint")));
    EXPECT_THAT(edge_line(dot, "c", "a"), HasSubstr("constraint=false"));
    EXPECT_THAT(edge_line(dot, "b", "a"), HasSubstr("constraint=false"));
}

TEST(DotWriter, SameScenarioInAnyOrderGivesTheSameBytes) {
    const std::string shuffled = R"(
flowsim: 1
title: Chain
parameters:
  on: {default: false}
nodes:
  - {id: cbp, kind: federal_agency, label: CBP}
  - {id: ice, kind: federal_agency, label: ICE, tags: [ice]}
  - {id: portal, kind: platform, label: Portal}
  - {id: fusion, kind: state_agency, label: Fusion centre, jurisdiction: {state: IL}}
  - {id: pd, kind: local_agency, label: Police, jurisdiction: {state: IL, county: Cook}}
  - {id: cams, kind: camera, label: Cameras, produces: [plate_read], jurisdiction: {state: IL, county: Cook, place: Chicago}}
edges:
  - {from: portal, to: cbp, carries: [plate_read], status: reported}
  - {from: portal, to: ice, carries: [plate_read], status: hypothetical, when: "on"}
  - {from: pd, to: portal, carries: [plate_read], status: announced}
  - {from: fusion, to: ice, carries: [plate_read], status: alleged}
  - {from: pd, to: fusion, carries: [plate_read], mechanism: share_1to1, status: reported}
  - {from: cams, to: pd, carries: [plate_read], mechanism: customer_ownership, status: documented}
)";
    Drawing routes;
    routes.routes = true;
    EXPECT_EQ(draw(load(kChain), routes), draw(load(shuffled), routes));
}

TEST(DotWriter, EveryTextIsEscaped) {
    const Scenario scenario = load(R"(
flowsim: 1
title: 'T </B>> ]; \'
sources:
  s: {title: 'Source "t" \', url: "https://example.org"}
nodes:
  - {id: a, kind: camera, label: 'x" ]; evil [label="x', produces: [footage], jurisdiction: {state: IL, county: 'C "c" \'}, note: 'n <b> &'}
  - {id: b, kind: federal_agency, label: 'ends \', tags: [ice]}
edges:
  - {from: a, to: b, carries: [footage], mechanism: 'm"; x=1', sources: [s], note: 'e \'}
)");
    const std::string dot = draw(scenario);
    EXPECT_THAT(dot, HasSubstr("label=<<FONT POINT-SIZE=\"18\"><B>T &lt;/B&gt;&gt; ]; \\\\</B>"));
    EXPECT_THAT(node_line(dot, "a"), HasSubstr(R"(label="x\" ]; evil [label=\"x")"));
    EXPECT_THAT(node_line(dot, "a"), HasSubstr("n <b> &amp;\""));
    EXPECT_THAT(node_line(dot, "b"), HasSubstr(R"(label="ends \\")"));
    EXPECT_THAT(dot, HasSubstr(R"(label="C \"c\" \\")"));
    EXPECT_THAT(edge_line(dot, "a", "b"), HasSubstr(R"(label="m\"; x=1")"));
    EXPECT_THAT(edge_line(dot, "a", "b"), HasSubstr(R"(e \\\\\nSources:\n- Source \"t\" \\\\")"));
}

}  // namespace
}  // namespace flowsim::io
