#include "support/golden.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>

#include "support/temp_dir.hpp"

namespace flowsim::testing {

std::vector<std::string> golden_cases(const std::filesystem::path& folder) {
    std::vector<std::string> cases;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.is_directory()) {
            cases.push_back(entry.path().filename().string());
        }
    }
    std::sort(cases.begin(), cases.end());
    return cases;
}

void expect_golden(const std::string& actual, const std::filesystem::path& expected_file) {
    const char* update = std::getenv("FLOWSIM_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(expected_file, std::ios::binary) << actual;
        return;
    }
    ASSERT_TRUE(std::filesystem::exists(expected_file)) << expected_file << " is missing";
    EXPECT_EQ(actual, read_file(expected_file));
}

std::string golden_test_name(const ::testing::TestParamInfo<std::string>& info) {
    std::string name = info.param;
    std::replace_if(
        name.begin(), name.end(),
        [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
    return name;
}

}  // namespace flowsim::testing
