// Golden error cases: each folder under tests/golden/errors/ holds a broken
// scenario.yaml (and any files it includes) and expected.err, the exact text flowsim
// prints for it. FLOWSIM_UPDATE_GOLDEN=1 rewrites expected.err for review.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <flowsim/io/scenario_loader.hpp>

#include "support/golden.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

class GoldenErrors : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenErrors, PrintsExpectedDiagnostics) {
    const fs::path golden = FLOWSIM_GOLDEN_DIR;
    const fs::path saved = fs::current_path();
    // Relative display names keep the expected text independent of the checkout's place.
    fs::current_path(golden);
    const std::string scenario = "errors/" + GetParam() + "/scenario.yaml";
    const flowsim::io::LoadResult result = flowsim::io::load_scenario_file(scenario);
    fs::current_path(saved);

    EXPECT_FALSE(result.ok()) << "a broken scenario was accepted";
    EXPECT_FALSE(result.diagnostics.empty());
    const std::string actual = flowsim::io::format_diagnostics(result);
    const fs::path expected_file = golden / "errors" / GetParam() / "expected.err";
    flowsim::testing::expect_golden(actual, expected_file);
}

INSTANTIATE_TEST_SUITE_P(
    Cases,
    GoldenErrors,
    ::testing::ValuesIn(flowsim::testing::golden_cases(fs::path(FLOWSIM_GOLDEN_DIR) / "errors")),
    flowsim::testing::golden_test_name);

}  // namespace
