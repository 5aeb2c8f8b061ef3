#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include <flowsim/io/audit_summary.hpp>
#include <flowsim/io/reason_classifier.hpp>
#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/io/search_audit_reader.hpp>

namespace flowsim::io {
namespace {

struct Read {
    std::vector<AuditRow> rows;  // views invalid: only line, date, cameras kept
    std::vector<std::string> reasons;
    std::vector<std::string> errors;
    std::vector<std::string> skipped;
    bool header_ok = false;
};

Read read(const std::string& text, std::optional<AuditColumns> columns = std::nullopt) {
    std::istringstream in(text);
    SearchAuditReader reader(in, "log.csv", columns);
    Read result;
    result.header_ok = reader.read_header();
    AuditRow row;
    while (result.header_ok && reader.next(row)) {
        result.reasons.emplace_back(row.reason);
        row.reason = row.when = row.agency = row.id = {};
        result.rows.push_back(row);
    }
    for (const Diagnostic& d : reader.errors()) {
        result.errors.push_back(format_diagnostic(d));
    }
    for (const SkippedRow& s : reader.skipped_examples()) {
        result.skipped.push_back(std::to_string(s.line) + ": " + s.why);
    }
    return result;
}

const char* const kHeader = "\"id\",\"userId\",\"searchDate\",\"cameraCount\",\"reason\"\n";

TEST(SearchAuditReader, ReadsThePortalExportWithQuotedReasons) {
    const Read result =
        read(std::string("\xEF\xBB\xBF") + kHeader +
             "\"a\",\"u\",\"2025-06-18 00:02:04.789\",2510,\"investigation\"\r\n"
             "\n"
             "b,u,2025-07-01 10:00:00.000,\"94\",\"theft, \"\"car\"\"\nline two\"\n");
    ASSERT_TRUE(result.errors.empty()) << result.errors.front();
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0].line, 2);
    EXPECT_EQ(result.rows[0].date, (Date{2025, 6, 18}));
    EXPECT_EQ(result.rows[0].cameras, 2510);
    EXPECT_EQ(result.rows[1].line, 4);
    EXPECT_EQ(result.reasons[1], "theft, \"car\"\nline two");
}

// Found by fuzz/search_audit_fuzzer.cpp: a CR alone ended a record without ending a
// line, so two rows had the same line number.
TEST(SearchAuditReader, ACarriageReturnAloneEndsALine) {
    const Read result = read(std::string(kHeader) + "a,u,2025-06-18,1,x\rb,u,2025-06-19,2,y\r\n");
    ASSERT_TRUE(result.errors.empty());
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0].line, 2);
    EXPECT_EQ(result.rows[1].line, 3);
}

TEST(SearchAuditReader, WrongColumnsAreAnErrorThatSaysWhatToDo) {
    const Read result = read("when,why\n2025-01-01,x\n");
    EXPECT_FALSE(result.header_ok);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].substr(0, 124),
              "log.csv:1:1: error: the header has no column 'searchDate' (for date) or 'reason' "
              "(for reason); it has: when, why. This is no");
    EXPECT_NE(result.errors[0].find("--columns date=COLUMN,reason=COLUMN"), std::string::npos);
}

TEST(SearchAuditReader, BrokenQuotingIsAnErrorAtItsPlace) {
    Read result =
        read(std::string(kHeader) + "a,u,2025-06-18,1,\"never closed\nb,u,2025-06-18,1,x\n");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0],
              "log.csv:2:18: error: the quoted field that starts here is never closed (a "
              "missing '\"')\n");
    EXPECT_TRUE(result.rows.empty());

    result = read(std::string(kHeader) + "a,u,2025-06-18,1,\"ok\"x\nb,u,2025-06-18,1,y\"z\n");
    ASSERT_EQ(result.errors.size(), 2u);
    EXPECT_EQ(result.errors[0], "log.csv:2:22: error: text after the closing quote of a field\n");
    EXPECT_EQ(result.errors[1].substr(0, 57),
              "log.csv:3:19: error: a quote inside an unquoted field (qu");
}

TEST(SearchAuditReader, RowsThatDoNotParseAreSkippedWithTheirLine) {
    const Read result = read(std::string(kHeader) +
                             "a,u,yesterday,1,x\n"
                             "b,u,2025-06-18,many,x\n"
                             "c,u,2025-06-18,1\n"
                             "d,u,6/18/2025 1:00 PM,\"1,234\",ok\n");
    EXPECT_TRUE(result.errors.empty());
    EXPECT_EQ(result.skipped,
              (std::vector<std::string>{"2: searchDate 'yesterday' is not a date",
                                        "3: cameraCount 'many' is not a whole number",
                                        "4: it has 4 fields, the header 5"}));
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].cameras, 1234);
    EXPECT_EQ(result.rows[0].date, (Date{2025, 6, 18}));
}

TEST(SearchAuditReader, ColumnMappingForOtherExports) {
    std::string why;
    EXPECT_FALSE(parse_column_mapping("date=Time,camera=N", why));
    EXPECT_EQ(why,
              "unknown key 'camera' (did you mean 'cameras'?) (keys: date, reason, cameras, "
              "agency, id)");
    EXPECT_FALSE(parse_column_mapping("cameras=N", why));
    const auto columns =
        parse_column_mapping("date=Search Time, reason=Reason,agency=Organization Name", why);
    ASSERT_TRUE(columns);
    const Read result = read(
        "Organization Name,Search Time,Reason,Plate\n"
        "Salem OR PD,2025-02-03T04:05:06Z,ICE assist,ABC123\n",
        columns);
    ASSERT_TRUE(result.errors.empty());
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_FALSE(result.rows[0].cameras.has_value());
    const Read missing = read("Search Time,Reason\n", columns);
    ASSERT_EQ(missing.errors.size(), 1u);
    EXPECT_EQ(missing.errors[0].rfind(
                  "log.csv:1:1: error: the header has no column 'Organization Name'", 0),
              0u);
}

TEST(ReasonClassifier, WholeWordsNeverSubstrings) {
    const ReasonClassifier classifier = ReasonClassifier::built_in();
    const auto category = [&](std::string_view reason) {
        return classifier.categories()[classifier.classify(reason).category].id;
    };
    EXPECT_EQ(category("ICE assist"), "immigration");
    EXPECT_EQ(category("assist+ICE/ERO"), "immigration");
    EXPECT_EQ(category("287(g) task force"), "immigration");
    EXPECT_EQ(category("HSI case 25-1"), "immigration");
    EXPECT_EQ(category("police"), "investigation");
    EXPECT_EQ(category("Other image search from alerts page associated with alert: Stolen "
                       "Vehicle E287021 - 2025-08-01T13:05:47.234Z"),
              "stolen_vehicle");
    EXPECT_EQ(category("office burglary"), "property_crime");
    EXPECT_EQ(category("zero leads"), "other");
    EXPECT_EQ(category("FBI assist"), "federal_assist");
    EXPECT_EQ(category("invetigation"), "investigation");
    EXPECT_EQ(category("investigation person crime"), "person_crime");
    EXPECT_EQ(category("  "), "none_given");
}

TEST(ReasonClassifier, PatternsFromAFile) {
    ReasonClassifier classifier = ReasonClassifier::built_in();
    std::vector<Diagnostic> diagnostics;
    EXPECT_TRUE(classifier.add_patterns("# extra\nimmigration: la migra\nfleet: city fleet*\n",
                                        "p.txt", diagnostics));
    EXPECT_EQ(classifier.categories()[classifier.classify("LA MIGRA").category].id, "immigration");
    EXPECT_EQ(classifier.categories()[classifier.classify("city fleets check").category].id,
              "fleet");
    EXPECT_FALSE(
        classifier.add_patterns("no colon\nBad: x\nother: y\nok: ,,\n", "p.txt", diagnostics));
    ASSERT_EQ(diagnostics.size(), 4u);
    EXPECT_EQ(format_diagnostic(diagnostics[0]),
              "p.txt:1:1: error: expected 'CATEGORY: PATTERN'\n");
    EXPECT_EQ(format_diagnostic(diagnostics[3]),
              "p.txt:4:4: error: the pattern has no word in it\n");
}

TEST(ScopeBreaks, TheTwoWidestGapsSplitTheClusters) {
    // Small counts sit far apart in ratio (9 -> 37) but the smoothed gaps rank them below
    // the breaks between pools.
    const CameraHistogram counts = {{0, 5},   {1, 4},    {9, 2},    {37, 1},    {94, 50},
                                    {141, 1}, {2230, 1}, {2859, 3}, {84815, 1}, {87008, 2}};
    const auto breaks = derive_scope_breaks(counts, std::nullopt);
    ASSERT_TRUE(breaks);
    EXPECT_EQ(breaks->own_max, 141);
    EXPECT_EQ(breaks->state_max, 2859);
    EXPECT_EQ(breaks->scope_of(0), SearchScope::kUnknown);
    EXPECT_EQ(breaks->scope_of(1), SearchScope::kOwn);
    EXPECT_EQ(breaks->scope_of(2230), SearchScope::kState);
    EXPECT_EQ(breaks->scope_of(84815), SearchScope::kNational);
    EXPECT_EQ(breaks->scope_of(std::nullopt), SearchScope::kUnknown);
    const auto given = derive_scope_breaks(counts, 100);
    ASSERT_TRUE(given);
    EXPECT_EQ(given->own_max, 100);
    EXPECT_EQ(given->state_max, 2859);
    EXPECT_FALSE(derive_scope_breaks({{90, 1}, {94, 1}}, std::nullopt));
}

TEST(GradeEdges, OnlyInTheLogsDirection) {
    const LoadResult loaded = load_scenario(R"(flowsim: 1
sources:
  s: {title: t, kind: news}
nodes:
  - {id: pd_cams, kind: camera, produces: [plate_read]}
  - {id: pd, kind: local_agency}
  - {id: state_pool, kind: platform}
  - {id: national_pool, kind: platform}
  - {id: ice, kind: federal_agency}
edges:
  - {id: own, from: pd_cams, to: pd, carries: [plate_read], mechanism: customer_ownership, status: documented}
  - {id: state_in, from: state_pool, to: pd, carries: [plate_read], mechanism: statewide_lookup, status: reported}
  - {id: national_in, from: national_pool, to: pd, carries: [plate_read], mechanism: national_lookup, status: alleged}
  - {id: cams_out, from: pd_cams, to: national_pool, carries: [plate_read], mechanism: national_lookup}
  - {id: pd_ice, from: pd, to: ice, carries: [plate_read], mechanism: officer_contact}
)",
                                            "s.yaml");
    ASSERT_TRUE(loaded.ok());
    const Scenario& scenario = *loaded.scenario;
    const ReasonClassifier classifier = ReasonClassifier::built_in();
    AuditTally tally(classifier);
    AuditRow row;
    row.date = {2025, 6, 18};
    row.cameras = 94;
    tally.add("log", row);
    row.date = {2025, 9, 2};
    row.cameras = 85000;
    tally.add("log", row);
    const ScopeBreaks breaks{500, 3000, "given"};
    const auto find = [&](const std::vector<EdgeGrade>& grades, const std::string& id) {
        for (const EdgeGrade& grade : grades) {
            if (scenario.edges()[grade.edge].id == id) {
                return grade;
            }
        }
        return EdgeGrade{};
    };
    const auto organization =
        grade_edges(scenario, *scenario.find_node("pd"), AuditKind::kOrganization, tally, breaks);
    EXPECT_TRUE(find(organization, "national_in").supported);
    EXPECT_EQ(find(organization, "national_in").how,
              "pd searched the national network once in September 2025");
    EXPECT_TRUE(find(organization, "own").supported);
    EXPECT_FALSE(find(organization, "state_in").supported);
    EXPECT_FALSE(find(organization, "pd_ice").supported);
    EXPECT_EQ(find(organization, "pd_ice").how.substr(0, 12), "not graded: ");
    // The cameras' edge into the pool is never graded from a search BY the agency.
    EXPECT_EQ(organization.size(), 4u);

    const auto network =
        grade_edges(scenario, *scenario.find_node("pd"), AuditKind::kNetwork, tally, breaks);
    EXPECT_TRUE(find(network, "cams_out").supported);
    EXPECT_FALSE(find(network, "national_in").supported);
    EXPECT_EQ(find(network, "national_in").how.substr(0, 12), "not graded: ");
}

}  // namespace
}  // namespace flowsim::io

namespace flowsim::io {
namespace {

// docs/method.md documents the built-in table: its version, and for each category its
// patterns ("x(s)" standing for "x" and "xs"). The two must not drift apart.
TEST(ReasonClassifier, TheDocumentedTableIsTheBuiltInOne) {
    std::ifstream file(std::string(FLOWSIM_SCENARIOS_DIR) + "/../docs/method.md");
    ASSERT_TRUE(file) << "docs/method.md not found";
    std::stringstream text;
    text << file.rdbuf();
    const std::string docs = text.str();
    const std::string heading =
        "### Reasons: the table (version " + std::to_string(ReasonClassifier::kTableVersion) + ")";
    ASSERT_NE(docs.find(heading), std::string::npos) << heading;
    const ReasonClassifier classifier = ReasonClassifier::built_in();
    std::map<std::string, std::set<std::string>> documented;
    std::istringstream lines(docs.substr(docs.find(heading)));
    std::string line;
    while (std::getline(lines, line)) {
        // "| 3 | stolen vehicle | a, b(s), c |"
        if (line.rfind("| ", 0) != 0 || line.find("| # |") == 0 || line.find("|---") == 0) {
            if (!documented.empty() && line.rfind("| ", 0) != 0 && line.rfind("|-", 0) != 0) {
                break;
            }
            continue;
        }
        std::vector<std::string> cells;
        std::size_t at = 1;
        while (at < line.size()) {
            const std::size_t next = line.find(" |", at);
            if (next == std::string::npos) {
                break;
            }
            std::string cell = line.substr(at, next - at);
            cell.erase(0, cell.find_first_not_of(' '));
            cells.push_back(cell);
            at = next + 2;
        }
        ASSERT_EQ(cells.size(), 3u) << line;
        std::set<std::string>& patterns = documented[cells[1]];
        std::string list = cells[2];
        std::size_t start = 0;
        while (start <= list.size() && list.front() != '(') {
            const std::size_t comma = list.find(", ", start);
            std::string item = list.substr(start, comma - start);
            std::size_t escaped;
            while ((escaped = item.find("\\*")) != std::string::npos) {
                item.erase(escaped, 1);
            }
            if (item.size() > 3 && item.compare(item.size() - 3, 3, "(s)") == 0) {
                item.resize(item.size() - 3);
                patterns.insert(item + "s");
            }
            patterns.insert(item);
            if (comma == std::string::npos) {
                break;
            }
            start = comma + 2;
        }
    }
    for (std::size_t c = 0; c < classifier.categories().size(); ++c) {
        const ReasonCategory& category = classifier.categories()[c];
        std::set<std::string> built_in;
        for (const ReasonPattern& pattern : classifier.patterns()) {
            if (pattern.category == c) {
                built_in.insert(pattern.text);
            }
        }
        const std::string label = category.id == "other"        ? "other"
                                  : category.id == "none_given" ? "none given"
                                                                : category.label;
        ASSERT_TRUE(documented.count(label)) << "docs/method.md has no row for " << label;
        EXPECT_EQ(documented[label], built_in) << label;
    }
}

}  // namespace
}  // namespace flowsim::io
