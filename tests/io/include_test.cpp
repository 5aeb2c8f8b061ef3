// `include:` of YAML files and CSV node and edge tables.
#include <gtest/gtest.h>

#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/source_support.hpp>

#include "support/temp_dir.hpp"

namespace flowsim::io {
namespace {

class Include : public ::testing::Test {
protected:
    LoadResult load(const std::string& top) {
        return load_scenario_file(dir_.write("top.yaml", top));
    }
    std::string printed(const LoadResult& result) {
        // Display names hold the temporary directory; keep only what follows it.
        std::string text = flowsim::io::format_diagnostics(result);
        const std::string prefix = dir_.path().string() + "/";
        for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix)) {
            text.erase(at, prefix.size());
        }
        return text;
    }
    testing::TempDir dir_;
};

TEST_F(Include, CsvTablesCarryDelaysAndRetention) {
    dir_.write("nodes.csv",
               "id,kind,retention,produces\ncams,camera,30d,plate_read\nspd,local_agency,,\n");
    dir_.write("edges.csv",
               "from,to,carries,delay\ncams,spd,plate_read,6h\nspd,ice,plate_read, 1d .. 7d \n");
    const LoadResult result = load(
        "flowsim: 1\ninclude: [nodes.csv, edges.csv]\n"
        "nodes: [{id: ice, kind: federal_agency, tags: [ice]}]\n");
    ASSERT_TRUE(result.ok()) << printed(result);
    const Scenario& scenario = *result.scenario;
    EXPECT_EQ(scenario.nodes()[1].retention, Seconds{30 * 86400});
    EXPECT_FALSE(scenario.nodes()[2].retention.has_value());
    EXPECT_EQ(scenario.edges()[0].delay.min, 6 * 3600);
    EXPECT_TRUE(scenario.edges()[0].delay.fixed());
    EXPECT_EQ(scenario.edges()[1].delay.min, 86400);
    EXPECT_EQ(scenario.edges()[1].delay.max, 7 * 86400);
}

TEST_F(Include, MergesYamlFilesAndCsvTablesRelativeToTheIncludingFile) {
    dir_.write("net/agencies.csv",
               "\xEF\xBB\xBFid,kind,label,state,county,place,tags,produces\r\n"
               "cams,camera,\"Cameras, city\",IL,,Springfield,flock;city,plate_read\r\n"
               "spd,local_agency,Springfield PD,IL,Sangamon,,,\r\n");
    dir_.write(
        "net/sharing.csv",
        "from,to,id,carries,mechanism,when,status,sources,likelihood,cut_cost,since,until,note\n"
        "cams,spd,,plate_read,camera_feed,,documented,audit,,,,,\n"
        "spd,ice,share,plate_read,lookup,national_lookup,reported,audit;blog,0.5,1,2025-01-01,,"
        "\"says \"\"yes\"\"\"\n");
    dir_.write("net/federal.yaml",
               "include: [agencies.csv]\n"
               "sources: {blog: {title: Blog}}\n"
               "nodes: [{id: ice, kind: federal_agency, tags: [ice]}]\n");
    const LoadResult result = load(
        "flowsim: 1\ninclude: [net/federal.yaml, net/sharing.csv]\n"
        "sources: {audit: {title: Audit}}\n"
        "parameters: {national_lookup: {default: true}}\n"
        "questions: [{id: q, from: cams, expect: reachable}]\n");
    ASSERT_TRUE(result.ok()) << printed(result);
    const Scenario& scenario = *result.scenario;
    ASSERT_EQ(scenario.nodes().size(), 3U);
    EXPECT_EQ(scenario.nodes()[1].label, "Cameras, city");
    EXPECT_EQ(scenario.nodes()[1].tags, (std::vector<std::string>{"city", "flock"}));
    EXPECT_EQ(*scenario.nodes()[1].jurisdiction.place, "Springfield");
    EXPECT_FALSE(scenario.nodes()[1].jurisdiction.county);
    EXPECT_EQ(*scenario.nodes()[2].jurisdiction.county, "Sangamon");
    ASSERT_EQ(scenario.edges().size(), 2U);
    EXPECT_EQ(scenario.edges()[0].id, "cams->spd");
    const Edge& share = scenario.edges()[1];
    EXPECT_EQ(share.id, "share");
    EXPECT_EQ(share.sources.size(), 2U);
    EXPECT_EQ(share.likelihood, 0.5);
    EXPECT_EQ(share.when.to_string(), "national_lookup");
    EXPECT_EQ(share.note, "says \"yes\"");
    EXPECT_EQ(share.status, Evidence::kReported);
}

TEST_F(Include, CsvDiagnosticsNameTheFileRowAndColumn) {
    dir_.write("nodes.csv", "id,kind,label\na,camera,A\nb,camra,B\nc,camera\n");
    dir_.write("edges.csv", "from,to,carries,when\na,b,plate_read,\"x or y\"\nzz,a,fotage,\n");
    const LoadResult result = load("flowsim: 1\ninclude: [nodes.csv, edges.csv]\n");
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(printed(result),
              "edges.csv:2:17: error: unknown parameter 'x' in 'when'\n"
              "    a,b,plate_read,\"x or y\"\n"
              "                    ^\n"
              "edges.csv:2:22: error: unknown parameter 'y' in 'when'\n"
              "    a,b,plate_read,\"x or y\"\n"
              "                         ^\n"
              "edges.csv:3:1: error: edge 'zz->a' names unknown node 'zz'\n"
              "    zz,a,fotage,\n"
              "    ^\n"
              "edges.csv:3:6: error: unknown data kind 'fotage' (did you mean 'footage'?)\n"
              "    zz,a,fotage,\n"
              "         ^\n"
              "nodes.csv:3:3: error: node 'b' has unknown kind 'camra' (did you mean 'camera'?)\n"
              "    b,camra,B\n"
              "      ^\n"
              "nodes.csv:4:1: error: row has 2 fields, the header has 3\n"
              "    c,camera\n"
              "    ^\n"
              "6 errors\n");
}

TEST_F(Include, CyclesAndRepeatsAreErrors) {
    dir_.write("a.yaml", "include: [b.yaml]\n");
    dir_.write("b.yaml", "include: [a.yaml]\n");
    dir_.write("c.yaml", "nodes: []\n");
    const LoadResult result = load("flowsim: 1\ninclude: [a.yaml, c.yaml, c.yaml]\n");
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(printed(result),
              "b.yaml:1:11: error: include cycle: top.yaml -> a.yaml -> b.yaml -> a.yaml\n"
              "    include: [a.yaml]\n"
              "              ^\n"
              "top.yaml:2:27: error: 'c.yaml' is included more than once\n"
              "    include: [a.yaml, c.yaml, c.yaml]\n"
              "                              ^\n"
              "2 errors\n");
}

TEST_F(Include, IncludedFilesCannotHoldTopLevelKeys) {
    dir_.write("part.yaml", "questions: []\ntitle: x\n");
    const LoadResult result = load("flowsim: 1\ninclude: [part.yaml]\n");
    EXPECT_FALSE(result.ok());
    EXPECT_NE(printed(result).find("part.yaml:1:1: error: 'questions' belongs in the top-level "
                                   "scenario, not in an included file"),
              std::string::npos);
}

TEST_F(Include, TableHeadersAreChecked) {
    dir_.write("odd.csv", "name,type\nx,y\n");
    dir_.write("edges.csv", "from,to,carriez\na,b,footage\n");
    const LoadResult result = load("flowsim: 1\ninclude: [odd.csv, edges.csv]\n");
    EXPECT_FALSE(result.ok());
    const std::string text = printed(result);
    EXPECT_NE(text.find("odd.csv:1:1: error: a CSV table must start with the header 'id,kind'"),
              std::string::npos)
        << text;
    EXPECT_NE(
        text.find("edges.csv:1:9: error: unknown column 'carriez' in the edge table (did you mean "
                  "'carries'?)"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("edges.csv:1:1: error: an edge table needs a 'carries' column"),
              std::string::npos)
        << text;
}

// The declarations both versions of CsvEdgeTablesHoldEveryEdgeField share.
constexpr const char* kEveryFieldTop =
    "flowsim: 1\n"
    "sources: {audit: {title: Audit}, blog: {title: Blog}}\n"
    "data: {searched_read: {label: Searched read}}\n"
    "parameters: {lookup: {default: true}, sharing: {default: false}}\n"
    "gates: {consent: {label: Consent}, warrant: {label: Warrant}}\n"
    "nodes:\n"
    "  - {id: cams, kind: camera, produces: [plate_read, footage]}\n"
    "  - {id: spd, kind: local_agency}\n"
    "  - {id: ice, kind: federal_agency, tags: [ice]}\n";

TEST_F(Include, CsvEdgeTablesHoldEveryEdgeField) {
    // The same two edges, written once in YAML and once as a CSV table, load the same.
    const LoadResult yaml =
        load(std::string(kEveryFieldTop) +
             "edges:\n"
             "  - {from: cams, to: spd, carries: [plate_read, footage], mechanism: feed,\n"
             "     convert: {plate_read: searched_read, footage: plate_read}, gates: [warrant, "
             "consent],\n"
             "     when: lookup and not sharing, status: reported, sources: [blog, audit],\n"
             "     likelihood: 0.25, cut_cost: 3, lever: city council, since: 2021-06-07,\n"
             "     until: 2025-04-01,\n"
             "     note: 'says \"yes\"'}\n"
             "  - {id: share, from: spd, to: ice, carries: [searched_read, plate_read]}\n");
    dir_.write(
        "edges.csv",
        "from,to,id,carries,mechanism,when,gates,status,sources,likelihood,cut_cost,lever,convert,"
        "since,until,note\n"
        "cams,spd,,plate_read;footage,feed,lookup and not sharing,warrant; consent,reported,"
        "blog;audit,0.25,3,city council,plate_read>searched_read; footage > plate_read,"
        "2021-06-07,2025-04-01,\"says \"\"yes\"\"\"\n"
        "spd,ice,share,searched_read;plate_read,,,,,,,,,,,,\n");
    const LoadResult csv = load(std::string(kEveryFieldTop) + "include: [edges.csv]\n");
    ASSERT_TRUE(yaml.ok()) << printed(yaml);
    ASSERT_TRUE(csv.ok()) << printed(csv);
    ASSERT_EQ(csv.scenario->edges().size(), 2U);
    for (std::size_t i = 0; i < 2; ++i) {
        const Edge& a = yaml.scenario->edges()[i];
        const Edge& b = csv.scenario->edges()[i];
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.from, b.from);
        EXPECT_EQ(a.to, b.to);
        EXPECT_EQ(a.carries, b.carries);
        EXPECT_EQ(a.mechanism, b.mechanism);
        EXPECT_EQ(a.when.to_string(), b.when.to_string());
        EXPECT_EQ(a.gates, b.gates);
        EXPECT_EQ(a.status, b.status);
        EXPECT_EQ(a.sources, b.sources);
        EXPECT_EQ(a.likelihood, b.likelihood);
        EXPECT_EQ(a.cut_cost, b.cut_cost);
        EXPECT_EQ(a.lever, b.lever);
        ASSERT_EQ(a.convert.size(), b.convert.size());
        for (std::size_t c = 0; c < a.convert.size(); ++c) {
            EXPECT_EQ(a.convert[c].from, b.convert[c].from);
            EXPECT_EQ(a.convert[c].to, b.convert[c].to);
        }
        EXPECT_EQ(a.in_force.since, b.in_force.since);
        EXPECT_EQ(a.in_force.until, b.in_force.until);
        EXPECT_EQ(a.note, b.note);
    }
    const Edge& feed = csv.scenario->edges()[0];
    EXPECT_EQ(feed.gates.size(), 2U);
    ASSERT_EQ(feed.convert.size(), 2U);
    EXPECT_EQ(feed.converted(kPlateRead), *csv.scenario->find_data_kind("searched_read"));
    EXPECT_EQ(feed.converted(kFootage), kPlateRead);
    EXPECT_EQ(feed.cut_cost, 3.0);
    EXPECT_EQ(feed.lever, "city council");
    EXPECT_EQ(feed.in_force.until->to_string(), "2025-04-01");
}

TEST_F(Include, CsvNodeTablesHoldNotes) {
    dir_.write("nodes.csv",
               "id,kind,note,label\n"
               "spd,local_agency,\"Listed as \"\"shared with\"\"\",Springfield PD\n"
               "ice,federal_agency,,\n");
    const LoadResult result = load("flowsim: 1\ninclude: [nodes.csv]\n");
    ASSERT_TRUE(result.ok()) << printed(result);
    EXPECT_EQ(result.scenario->nodes()[0].note, "Listed as \"shared with\"");
    EXPECT_EQ(result.scenario->nodes()[1].note, "");
    EXPECT_EQ(result.scenario->nodes()[1].label, "ice");
}

TEST_F(Include, CsvEdgeFieldsAreCheckedAsInYaml) {
    dir_.write("edges.csv",
               "from,to,carries,convert,gates,cut_cost,since,until\n"
               "cams,spd,plate_read,plate_read>serched_read;footage>plate_read,wrrant,0,"
               "2025-04-01,2025-01-01\n"
               "cams,spd,plate_read,plate_read;>x;a>b>c,,,,\n");
    const LoadResult result = load(std::string(kEveryFieldTop) + "include: [edges.csv]\n");
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(printed(result),
              "edges.csv:2:32: error: unknown data kind 'serched_read' (did you mean "
              "'searched_read'?)\n"
              "    cams,spd,plate_read,plate_read>serched_read;footage>plate_read,wrrant,0,"
              "2025-04-01,2025-01-01\n"
              "                                   ^\n"
              "edges.csv:2:45: error: edge 'cams->spd' converts 'footage', which it does not "
              "carry\n"
              "    cams,spd,plate_read,plate_read>serched_read;footage>plate_read,wrrant,0,"
              "2025-04-01,2025-01-01\n"
              "                                                ^\n"
              "edges.csv:2:64: error: unknown gate 'wrrant' (did you mean 'warrant'?)\n"
              "    cams,spd,plate_read,plate_read>serched_read;footage>plate_read,wrrant,0,"
              "2025-04-01,2025-01-01\n"
              "                                                                   ^\n"
              "edges.csv:2:71: error: cut_cost must be greater than 0, got '0'\n"
              "    cams,spd,plate_read,plate_read>serched_read;footage>plate_read,wrrant,0,"
              "2025-04-01,2025-01-01\n"
              "                                                                          ^\n"
              "edges.csv:2:84: error: 'until' (2025-01-01) must come after 'since' (2025-04-01); "
              "'until' is exclusive\n"
              "    cams,spd,plate_read,plate_read>serched_read;footage>plate_read,wrrant,0,"
              "2025-04-01,2025-01-01\n"
              "                                                                                  "
              "     ^\n"
              "edges.csv:3:21: error: expected 'convert' items written as FROM>TO, such as "
              "plate_read>searched_read, got 'plate_read'\n"
              "    cams,spd,plate_read,plate_read;>x;a>b>c,,,,\n"
              "                        ^\n"
              "edges.csv:3:32: error: expected 'convert' items written as FROM>TO, such as "
              "plate_read>searched_read, got '>x'\n"
              "    cams,spd,plate_read,plate_read;>x;a>b>c,,,,\n"
              "                                   ^\n"
              "edges.csv:3:35: error: expected 'convert' items written as FROM>TO, such as "
              "plate_read>searched_read, got 'a>b>c'\n"
              "    cams,spd,plate_read,plate_read;>x;a>b>c,,,,\n"
              "                                      ^\n"
              "8 errors\n");
}

TEST_F(Include, SourceWarningsPointIntoCsvCellsAndQuoteThem) {
    // check's warnings come after loading: the lines they point into are
    // read again so that each warning can quote its line.
    dir_.write("edges.csv",
               "from,to,carries,status,sources\n"
               "cams,spd,plate_read,documented,paper\n");
    LoadResult result = load(
        "flowsim: 1\ninclude: [edges.csv]\n"
        "sources: {paper: {title: Story, kind: news}}\n"
        "nodes: [{id: cams, kind: camera}, {id: spd, kind: local_agency}]\n");
    ASSERT_TRUE(result.ok()) << printed(result);
    EXPECT_TRUE(result.lines.empty());
    result.diagnostics = source_support_warnings(*result.scenario);
    read_missing_lines(result);
    EXPECT_EQ(printed(result),
              "edges.csv:2:21: warning: edge 'cams->spd' is documented, which needs a record, "
              "law, filing or statement among its sources; it cites news 'paper'\n"
              "    cams,spd,plate_read,documented,paper\n"
              "                        ^\n"
              "1 warning\n");
}

}  // namespace
}  // namespace flowsim::io
