// Golden diagrams: each folder under tests/golden/dot/ holds scenario.yaml, an optional
// `args` file with the export options to apply (one a line, as on the command line:
// --routes, --collapse-by=kind, --from=cams, ...) and expected.dot, the exact DOT that
// `flowsim export` writes for them. FLOWSIM_UPDATE_GOLDEN=1 rewrites expected.dot for
// review.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <flowsim/io/dot_writer.hpp>
#include <flowsim/io/scenario_loader.hpp>

#include "support/golden.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

// The options of one case, read from its `args` file.
struct CaseOptions {
    flowsim::QueryRequest request;
    flowsim::io::DiagramShape shape;
};

CaseOptions read_args(const fs::path& file) {
    CaseOptions options;
    for (const std::string& line : flowsim::testing::read_query_args(file, options.request)) {
        const auto [name, value] = flowsim::testing::option_parts(line);
        if (name == "--routes") {
            options.shape.routes = true;
        } else if (name == "--routes-only") {
            options.shape.routes_only = true;
        } else if (name == "--active-only") {
            options.shape.active_only = true;
        } else if (name == "--collapse-by") {
            options.shape.collapse =
                value == "kind" ? flowsim::io::CollapseBy::kKind : flowsim::io::CollapseBy::kState;
        } else {
            ADD_FAILURE() << file << ": unknown option '" << line << "'";
        }
    }
    return options;
}

// What `flowsim export --format dot` does with the same options.
std::string export_dot(const flowsim::Scenario& scenario, const CaseOptions& options) {
    std::vector<std::string> errors;
    const flowsim::ResolvedQuery query = resolve_request(scenario, options.request, errors);
    for (const std::string& error : errors) {
        ADD_FAILURE() << error;
    }
    const flowsim::ConfigurationView view(scenario, query.activity);
    return flowsim::io::draw_diagram(view, query, options.shape).dot;
}

class GoldenDot : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenDot, WritesExpectedDiagram) {
    const fs::path folder = fs::path(FLOWSIM_GOLDEN_DIR) / "dot" / GetParam();
    flowsim::io::LoadResult result =
        flowsim::io::load_scenario_file((folder / "scenario.yaml").string());
    ASSERT_TRUE(result.ok()) << flowsim::io::format_diagnostics(result);
    const CaseOptions options =
        fs::exists(folder / "args") ? read_args(folder / "args") : CaseOptions{};
    const std::string actual = export_dot(*result.scenario, options);
    EXPECT_EQ(actual, export_dot(*result.scenario, options)) << "two exports differ";

    const fs::path expected_file = folder / "expected.dot";
    flowsim::testing::expect_golden(actual, expected_file);
}

INSTANTIATE_TEST_SUITE_P(
    Cases,
    GoldenDot,
    ::testing::ValuesIn(flowsim::testing::golden_cases(fs::path(FLOWSIM_GOLDEN_DIR) / "dot")),
    flowsim::testing::golden_test_name);

}  // namespace
