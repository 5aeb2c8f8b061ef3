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

#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> golden_cases() {
    std::vector<std::string> cases;
    for (const auto& entry : fs::directory_iterator(fs::path(FLOWSIM_GOLDEN_DIR) / "errors")) {
        if (entry.is_directory()) {
            cases.push_back(entry.path().filename().string());
        }
    }
    std::sort(cases.begin(), cases.end());
    return cases;
}

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
    const std::string actual = flowsim::format_diagnostics(result.diagnostics, result.texts);
    const fs::path expected_file = golden / "errors" / GetParam() / "expected.err";
    const char* update = std::getenv("FLOWSIM_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(expected_file, std::ios::binary) << actual;
        return;
    }
    ASSERT_TRUE(fs::exists(expected_file)) << expected_file << " is missing";
    EXPECT_EQ(actual, flowsim::testing::read_file(expected_file));
}

// Folder names such as "unknown-node" are not valid test names.
std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
    std::string name = info.param;
    std::replace_if(
        name.begin(), name.end(),
        [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
    return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenErrors, ::testing::ValuesIn(golden_cases()), test_name);

}  // namespace
