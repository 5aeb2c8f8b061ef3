// Nothing a user can put in a file may crash the loader, hang it, or load half of it:
// each of these inputs must give at least one diagnostic and no scenario.
#include <string>

#include <gtest/gtest.h>

#include <flowsim/io/scenario_loader.hpp>

#include "support/temp_dir.hpp"

namespace flowsim::io {
namespace {

void expect_rejected(std::string_view text, std::string_view expected_message) {
    const LoadResult result = load_scenario(text, "hostile.yaml");
    EXPECT_FALSE(result.ok());
    ASSERT_FALSE(result.diagnostics.empty());
    const std::string printed = flowsim::io::format_diagnostics(result);
    EXPECT_NE(printed.find(expected_message), std::string::npos) << printed;
}

TEST(HostileInput, TwentyThousandLevelsOfFlowNesting) {
    expect_rejected("flowsim: 1\nnodes: " + std::string(20000, '[') + std::string(20000, ']'),
                    "levels deep");
    expect_rejected("flowsim: 1\ntitle: " + std::string(20000, '{'), "error:");
}

TEST(HostileInput, DeepBlockNesting) {
    std::string text = "flowsim: 1\nnodes:\n";
    for (int depth = 0; depth < 5000; ++depth) {
        text += std::string(static_cast<std::size_t>(depth) * 2 + 2, ' ') + "-\n";
    }
    expect_rejected(text, "error:");
}

TEST(HostileInput, AliasBombIsStoppedByTheAliasBudget) {
    std::string text = "flowsim: 1\nsources:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level < 40; ++level) {
        text += "  a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
        for (int k = 0; k < 10; ++k) {
            text += (k ? ", *a" : "*a") + std::to_string(level - 1);
        }
        text += "]\n";
    }
    text += "nodes: *a39\nedges: *a39\ntitle: *a39\n";
    expect_rejected(text, "input budget exceeded: aliases stand for more than");
}

TEST(HostileInput, BinaryGarbage) {
    std::string garbage = "flowsim: 1\n";
    unsigned state = 2024;
    for (int i = 0; i < 100000; ++i) {
        state = state * 1664525 + 1013904223;
        garbage += static_cast<char>(state >> 24);
    }
    expect_rejected(garbage, "error:");
}

TEST(HostileInput, NotYamlAtAll) {
    expect_rejected("flowsim: 1\nnodes: [a, b\n  - c: {\n", "invalid YAML");
    expect_rejected("<html><body>not a scenario</body></html>\n", "must be a mapping");
    expect_rejected("", "the scenario is empty");
    expect_rejected("- a\n- b\n", "must be a mapping");
    expect_rejected("just a sentence", "must be a mapping");
}

// yaml-cpp 0.7's LoadAll never returns on these (found by fuzzing).
TEST(HostileInput, CommaAtTheTopLevel) {
    expect_rejected(", a\n", "unexpected ','");
    expect_rejected("flowsim: 1\n---\n,\n", "one YAML document");
    expect_rejected("{flowsim: 1}, b\n", "unexpected ','");
    expect_rejected("[a]\n,\n", "unexpected ','");
}

TEST(HostileInput, TabsForIndentation) {
    expect_rejected("flowsim: 1\nnodes:\n\t- id: a\n\t  kind: camera\n", "invalid YAML");
}

TEST(HostileInput, TwoMegabyteScalar) {
    const std::string big(2'000'000, 'x');
    const LoadResult result =
        load_scenario("flowsim: 1\nnodes: [" + big + "]\ntitle: " + big + "\n", "hostile.yaml");
    ASSERT_FALSE(result.ok());
    const std::string printed = flowsim::io::format_diagnostics(result);
    // The message quotes a short prefix of the value, not two megabytes of it.
    EXPECT_LT(printed.size(), 2000U);
}

TEST(HostileInput, ControlBytesAndBrokenUtf8InValues) {
    expect_rejected(std::string("flowsim: 1\ntitle: \"a\\0b\"\n"), "control character");
    expect_rejected("flowsim: 1\ntitle: caf\xC3\n", "error:");
    expect_rejected("flowsim: 1\ntitle: \"\xED\xA0\x80\"\n", "not valid UTF-8");
}

TEST(HostileInput, ManyErrorsAreCappedNotHoarded) {
    std::string text = "flowsim: 1\nnodes:\n";
    for (int i = 0; i < 5000; ++i) {
        text += "  - {id: n" + std::to_string(i) + ", kind: nope}\n";
    }
    LoadLimits limits;
    limits.max_errors = 100;
    const LoadResult result = load_scenario(text, "hostile.yaml", limits);
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.diagnostics.size(), 100U);
    EXPECT_EQ(result.unlisted_errors, 4900U);
}

TEST(HostileInput, MissingAndSelfIncludingIncludes) {
    const testing::TempDir dir;
    const std::string self = dir.write("self.yaml", "flowsim: 1\ninclude: [self.yaml]\n");
    const LoadResult looped = load_scenario_file(self);
    EXPECT_FALSE(looped.ok());
    ASSERT_EQ(looped.diagnostics.size(), 1U);
    EXPECT_EQ(looped.diagnostics[0].message, "include cycle: self.yaml -> self.yaml");

    const std::string missing = dir.write("missing.yaml", "flowsim: 1\ninclude: [gone.csv]\n");
    const LoadResult result = load_scenario_file(missing);
    EXPECT_FALSE(result.ok());
    ASSERT_EQ(result.diagnostics.size(), 1U);
    EXPECT_NE(result.diagnostics[0].message.find("no such file"), std::string::npos);
    EXPECT_EQ(result.diagnostics[0].where.line, 2);
}

TEST(HostileInput, TooManyDataKinds) {
    std::string text = "flowsim: 1\ndata:\n";
    for (int i = 0; i < 70; ++i) {
        text += "  kind" + std::to_string(i) + ": {}\n";
    }
    expect_rejected(text, "more than 64 data kinds");
}

TEST(HostileInput, FileLimit) {
    LoadLimits limits;
    limits.max_file_bytes = 100;
    const LoadResult result = load_scenario(std::string(101, '#'), "big.yaml", limits);
    EXPECT_FALSE(result.ok());
    EXPECT_TRUE(result.budget_exceeded);
    ASSERT_EQ(result.diagnostics.size(), 1U);
    EXPECT_EQ(result.diagnostics[0].message,
              "input budget exceeded: the file is larger than the limit of 100 bytes for one file");
}

}  // namespace
}  // namespace flowsim::io
