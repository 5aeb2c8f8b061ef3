#pragma once

#include <string_view>

#include <flowsim/scenario.hpp>

namespace flowsim::testing {

/// Loads a scenario written inline in a test. A scenario with errors fails the test
/// (with the diagnostics) and yields an empty scenario.
Scenario load(std::string_view yaml);

/// A small scenario with every kind of value the graph writers export: lists, optional
/// jurisdiction parts, dates, a conversion, numbers, an inactive edge, and text that
/// needs escaping.
extern const std::string_view kWriterScenario;

}  // namespace flowsim::testing
