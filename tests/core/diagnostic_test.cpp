#include "flowsim/diagnostic.hpp"

#include <gtest/gtest.h>

namespace flowsim {
namespace {

// A location holds an interned file name: one shared string per name, ordered by text.
TEST(FileName, InternedOncePerNameAndOrderedByText) {
    const FileName a("b/edges.csv");
    const FileName again(std::string("b/edges.csv"));
    const FileName other("a/nodes.csv");
    EXPECT_EQ(&a.str(), &again.str());
    EXPECT_EQ(a, again);
    EXPECT_NE(a, other);
    EXPECT_TRUE(other < a);
    EXPECT_FALSE(a < other);
    EXPECT_FALSE(a < again);
    EXPECT_EQ(a, "b/edges.csv");
    EXPECT_EQ(a, std::string("b/edges.csv"));
    EXPECT_EQ("x:" + a, "x:b/edges.csv");
    EXPECT_TRUE(FileName().empty());
    EXPECT_EQ(FileName(""), FileName());
    const SourceLocation where{a, 3, 4};
    const SourceLocation copy = where;
    EXPECT_EQ(&copy.file.str(), &a.str());
    EXPECT_EQ(sizeof(SourceLocation), sizeof(void*) + 2 * sizeof(int));
}

TEST(FormatDiagnostic, GnuPrefixSourceLineAndCaret) {
    const Diagnostic diagnostic{Severity::kError, {"x.yaml", 2, 7}, "unknown node 'icee'"};
    EXPECT_EQ(format_diagnostic(diagnostic, "flowsim: 1\nto:   icee\n"),
              "x.yaml:2:7: error: unknown node 'icee'\n"
              "    to:   icee\n"
              "          ^\n");
}

TEST(FormatDiagnostic, WithoutTextOrLineOnlyThePrefix) {
    EXPECT_EQ(format_diagnostic({Severity::kError, {"x.yaml", 0, 0}, "cannot read 'x.yaml'"}),
              "x.yaml: error: cannot read 'x.yaml'\n");
    EXPECT_EQ(format_diagnostic({Severity::kWarning, {"x.yaml", 3, 0}, "m"}, "a\nb\nc\n"),
              "x.yaml:3: warning: m\n");
}

TEST(FormatDiagnostic, LineBeyondTheTextShowsNoExcerpt) {
    EXPECT_EQ(format_diagnostic({Severity::kError, {"f", 9, 1}, "m"}, "one line\n"),
              "f:9:1: error: m\n");
}

TEST(FormatDiagnostic, TabsAreKeptSoTheCaretLinesUp) {
    EXPECT_EQ(format_diagnostic({Severity::kError, {"f", 1, 3}, "m"}, "\t\tx\n"),
              "f:1:3: error: m\n    \t\tx\n    \t\t^\n");
}

TEST(FormatDiagnostic, ControlBytesAreMaskedAndCrlfDropped) {
    EXPECT_EQ(format_diagnostic({Severity::kError, {"f", 1, 2}, "m"}, std::string("a\x01"
                                                                                  "b\r\n",
                                                                                  5)),
              "f:1:2: error: m\n    a?b\n     ^\n");
}

TEST(FormatDiagnostic, LongLinesShowAWindowAroundTheColumn) {
    const std::string line = std::string(1000, 'a') + "X" + std::string(1000, 'b');
    const std::string out = format_diagnostic({Severity::kError, {"f", 1, 1001}, "m"}, line);
    const auto excerpt_start = out.find('\n') + 1;
    const std::string excerpt =
        out.substr(excerpt_start, out.find('\n', excerpt_start) - excerpt_start);
    EXPECT_LT(excerpt.size(), 200U);
    EXPECT_EQ(excerpt.substr(0, 7), "    ...");
    const std::string caret_line = out.substr(out.find('\n', excerpt_start) + 1);
    EXPECT_EQ(excerpt[caret_line.find('^')], 'X');
}

TEST(FormatDiagnostics, SortsAndCounts) {
    const std::vector<Diagnostic> diagnostics = {
        {Severity::kError, {"b.yaml", 1, 1}, "second file"},
        {Severity::kError, {"a.yaml", 5, 2}, "later"},
        {Severity::kError, {"a.yaml", 2, 9}, "earlier"},
        {Severity::kError, {"a.yaml", 2, 9}, "earlier"},
    };
    EXPECT_EQ(format_diagnostics(diagnostics, {}),
              "a.yaml:2:9: error: earlier\n"
              "a.yaml:5:2: error: later\n"
              "b.yaml:1:1: error: second file\n"
              "3 errors\n");
}

TEST(FormatDiagnostics, CountsErrorsAndWarnings) {
    const SourceLines texts;
    EXPECT_EQ(format_diagnostics({{Severity::kWarning, {"f", 2, 0}, "w"},
                                  {Severity::kError, {"f", 1, 0}, "e"},
                                  {Severity::kWarning, {"f", 3, 0}, "v"}},
                                 texts),
              "f:1: error: e\nf:2: warning: w\nf:3: warning: v\n1 error, 2 warnings\n");
    EXPECT_EQ(format_diagnostics({{Severity::kWarning, {"f", 2, 0}, "w"}}, texts),
              "f:2: warning: w\n1 warning\n");
    EXPECT_EQ(format_diagnostics({{Severity::kNote, {"f", 2, 0}, "n"}}, texts), "f:2: note: n\n");
}

}  // namespace
}  // namespace flowsim
