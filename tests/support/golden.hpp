#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace flowsim::testing {

/// The case folders under `folder` (each holds a scenario and its expected output),
/// sorted by name.
std::vector<std::string> golden_cases(const std::filesystem::path& folder);

/// Compares `actual` with the file `expected_file` byte for byte; with
/// FLOWSIM_UPDATE_GOLDEN=1 in the environment it rewrites the file instead, for review.
void expect_golden(const std::string& actual, const std::filesystem::path& expected_file);

/// A case folder's name as a test name: "unknown-node" becomes "unknown_node".
std::string golden_test_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace flowsim::testing
