#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <flowsim/query_request.hpp>

namespace flowsim::testing {

/// The case folders under `folder` (each holds a scenario and its expected output),
/// sorted by name.
std::vector<std::string> golden_cases(const std::filesystem::path& folder);

/// Compares `actual` with the file `expected_file` byte for byte; with
/// FLOWSIM_UPDATE_GOLDEN=1 in the environment it rewrites the file instead, for review.
void expect_golden(const std::string& actual, const std::filesystem::path& expected_file);

/// Reads a golden case's `args` file: options one a line, as on the command line
/// ("--routes", "--from=cams"). The route options (--from, --to, --via, --avoid,
/// --config, --set, --as-of, --min-evidence, --without, --data, --max-hops) go into
/// `request`; every other line is returned, in order, for the test's own options.
std::vector<std::string> read_query_args(const std::filesystem::path& file, QueryRequest& request);

/// An option line's name and value: "--limit=3" is {"--limit", "3"}; "--routes" has "".
std::pair<std::string, std::string> option_parts(const std::string& line);

/// A case folder's name as a test name: "unknown-node" becomes "unknown_node".
std::string golden_test_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace flowsim::testing
