#include "support/golden.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

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

std::pair<std::string, std::string> option_parts(const std::string& line) {
    const std::size_t equals = line.find('=');
    return {line.substr(0, equals), equals == std::string::npos ? "" : line.substr(equals + 1)};
}

std::vector<std::string> read_query_args(const std::filesystem::path& file, QueryRequest& request) {
    std::vector<std::string> others;
    std::istringstream lines(read_file(file));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty()) {
            continue;
        }
        const auto [name, value] = option_parts(line);
        if (name == "--from") {
            request.from = value;
        } else if (name == "--to") {
            request.to = value;
        } else if (name == "--via") {
            request.via = value;
        } else if (name == "--avoid") {
            request.avoid = value;
        } else if (name == "--config") {
            request.configuration = value;
        } else if (name == "--set") {
            request.settings.push_back(value);
        } else if (name == "--as-of") {
            request.as_of = value;
        } else if (name == "--min-evidence") {
            request.min_evidence = value;
        } else if (name == "--without") {
            request.without.push_back(value);
        } else if (name == "--data") {
            request.data = value;
        } else if (name == "--max-hops") {
            request.max_hops = std::stoul(value);
        } else {
            others.push_back(line);
        }
    }
    return others;
}

std::string golden_test_name(const ::testing::TestParamInfo<std::string>& info) {
    std::string name = info.param;
    std::replace_if(
        name.begin(), name.end(),
        [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
    return name;
}

}  // namespace flowsim::testing
