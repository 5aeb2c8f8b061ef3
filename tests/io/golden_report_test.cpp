// Golden reports: each folder under tests/golden/report/ holds an `args` file with the
// report options (one a line, as on the command line: --set=on=false, --limit=3), where
// --scenario=PATH names the scenario (relative to the folder; default scenario.yaml) and
// --format=md|html the format (default md), and the exact report `flowsim report` writes
// for them, expected.md or expected.html. Markdown refers to its diagram as
// "report.svg"; HTML gets none, so Graphviz's version does not enter the file (the page
// with its diagram is checked in a browser, tests/cli/report_browser_test.py).
// `--simulate` (with `--runs=N`, seed 1) adds the section over time and its curve.
// FLOWSIM_UPDATE_GOLDEN=1 rewrites the expected files for review.
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <flowsim/io/report_writer.hpp>
#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/simulation.hpp>

#include "support/golden.hpp"

namespace fs = std::filesystem;

namespace {

// As many blocked routes as `flowsim report` explains.
constexpr std::size_t kBlockedRoutes = 10;

struct CaseOptions {
    flowsim::QueryRequest request;
    std::string scenario = "scenario.yaml";
    std::string format = "md";
    std::size_t limit = 50;
    bool simulate = false;  // --simulate: the section over time, with --runs (seed 1)
    std::uint64_t runs = 1000;
};

CaseOptions read_args(const fs::path& file) {
    CaseOptions options;
    for (const std::string& line : flowsim::testing::read_query_args(file, options.request)) {
        const auto [name, value] = flowsim::testing::option_parts(line);
        if (name == "--scenario") {
            options.scenario = value;
        } else if (name == "--format") {
            options.format = value;
        } else if (name == "--limit") {
            options.limit = std::stoul(value);
        } else if (name == "--simulate") {
            options.simulate = true;
        } else if (name == "--runs") {
            options.runs = std::stoull(value);
        } else {
            ADD_FAILURE() << file << ": unknown option '" << line << "'";
        }
    }
    return options;
}

// What `flowsim report -o report.md` (or .html) writes for the case, its diagram aside.
std::string write_report(const flowsim::Scenario& scenario, const CaseOptions& options) {
    std::vector<std::string> errors;
    const flowsim::ResolvedQuery query = resolve_request(scenario, options.request, errors);
    for (const std::string& error : errors) {
        ADD_FAILURE() << error;
    }
    const flowsim::ConfigurationView view(scenario, query.activity);
    flowsim::io::ReportFindings findings =
        flowsim::io::find_report_routes(view, query, options.limit, 0, kBlockedRoutes);
    findings.display_name = "scenario.yaml";
    if (options.simulate) {
        const flowsim::Simulation simulation(view, query.routes);
        flowsim::io::SimulationReport report;
        report.settings.runs = options.runs;
        report.settings.threads = 2;
        report.runs_asked = options.runs;
        report.edges = simulation.edges_on_routes();
        report.result = simulation.simulate(report.settings);
        findings.simulation = std::move(report);
    }
    if (options.format == "md") {
        findings.diagram = "report.svg";
    }
    std::ostringstream out;
    flowsim::io::write_report(out,
                              options.format == "html" ? flowsim::io::ReportFormat::kHtml
                                                       : flowsim::io::ReportFormat::kMarkdown,
                              view, query, findings);
    return out.str();
}

class GoldenReport : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenReport, WritesExpectedReport) {
    const fs::path folder = fs::path(FLOWSIM_GOLDEN_DIR) / "report" / GetParam();
    const CaseOptions options = read_args(folder / "args");
    flowsim::io::LoadResult result =
        flowsim::io::load_scenario_file((folder / options.scenario).string());
    ASSERT_TRUE(result.ok()) << flowsim::io::format_diagnostics(result);
    const std::string actual = write_report(*result.scenario, options);
    EXPECT_EQ(actual, write_report(*result.scenario, options)) << "two reports differ";
    flowsim::testing::expect_golden(actual, folder / ("expected." + options.format));
}

INSTANTIATE_TEST_SUITE_P(
    Cases,
    GoldenReport,
    ::testing::ValuesIn(flowsim::testing::golden_cases(fs::path(FLOWSIM_GOLDEN_DIR) / "report")),
    flowsim::testing::golden_test_name);

}  // namespace
