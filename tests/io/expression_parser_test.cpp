#include "flowsim/io/expression_parser.hpp"

#include <gtest/gtest.h>

namespace flowsim::io {
namespace {

std::string canonical(std::string_view text) {
    const ParsedExpression parsed = parse_expression(text);
    EXPECT_FALSE(parsed.error) << text << ": " << parsed.error->message;
    return parsed.expression.to_string();
}

ExpressionError error_of(std::string_view text) {
    const ParsedExpression parsed = parse_expression(text);
    EXPECT_TRUE(parsed.error) << text;
    return parsed.error.value_or(ExpressionError{});
}

TEST(ExpressionParser, NotBindsTighterThanAndTighterThanOr) {
    EXPECT_EQ(canonical("a or b and not c"), "a or (b and not c)");
    EXPECT_EQ(canonical("not a and b"), "not a and b");
    EXPECT_EQ(canonical("(a or b) and c"), "(a or b) and c");
    EXPECT_EQ(canonical("a || b && !c"), "a or (b and not c)");
    EXPECT_EQ(canonical("a and b and c"), "a and b and c");
    EXPECT_EQ(canonical("a and (b and c)"), "a and (b and c)");
}

TEST(ExpressionParser, ConstantsAndNames) {
    EXPECT_EQ(canonical("true"), "true");
    EXPECT_EQ(canonical("  false "), "false");
    EXPECT_EQ(canonical("il_law.enforced-2025"), "il_law.enforced-2025");
    EXPECT_EQ(canonical("not not x"), "not not x");
}

TEST(ExpressionParser, KeepsPositionsOfTerms) {
    const ParsedExpression parsed = parse_expression("ring and not il_law");
    ASSERT_FALSE(parsed.error);
    std::vector<std::pair<std::string, std::uint32_t>> names;
    for (const auto& term : parsed.expression.terms()) {
        if (term.op == Expression::Op::kParameter) {
            names.emplace_back(term.name, term.offset);
        }
    }
    EXPECT_EQ(names,
              (std::vector<std::pair<std::string, std::uint32_t>>{{"ring", 0}, {"il_law", 13}}));
}

TEST(ExpressionParser, ReportsTheFirstErrorWithItsOffset) {
    EXPECT_EQ(
        error_of("").message,
        "expected a parameter name, 'true', 'false', 'not' or '(', got the end of the expression");
    EXPECT_EQ(error_of("a and").offset, 5U);
    EXPECT_EQ(error_of("(a or b").message, "expected ')', got the end of the expression");
    EXPECT_EQ(error_of("a or b)").message, "unmatched ')'");
    EXPECT_EQ(error_of("a b").message, "expected 'and', 'or' or the end, got 'b'");
    EXPECT_EQ(error_of("a & b").message, "unexpected '&' (write '&&' or 'and')");
    EXPECT_EQ(error_of("a and $").offset, 6U);
    EXPECT_EQ(error_of("a and $").message, "unexpected '$'");
    EXPECT_EQ(error_of("a and \x01").message, "unexpected byte 1");
}

TEST(ExpressionParser, DeepNestingIsAnErrorNotACrash) {
    const std::string deep = std::string(100000, '(') + "a" + std::string(100000, ')');
    EXPECT_NE(error_of(deep).message.find("nested more than"), std::string::npos);
    std::string nots;
    for (int i = 0; i < 100000; ++i) {
        nots += "not ";
    }
    EXPECT_NE(error_of(nots + "a").message.find("nested more than"), std::string::npos);
    const std::string ok =
        std::string(kMaxExpressionDepth, '(') + "a" + std::string(kMaxExpressionDepth, ')');
    EXPECT_EQ(canonical(ok), "a");
}

// Found by fuzzing: the canonical form of a long chain must parse back to itself.
TEST(ExpressionParser, CanonicalFormOfALongChainParsesBack) {
    std::string chain = "a0";
    for (int i = 1; i < 1000; ++i) {
        chain += (i % 3 == 0 ? " and a" : " or a") + std::to_string(i);
    }
    const std::string once = canonical(chain);
    EXPECT_EQ(canonical(once), once);
}

TEST(ExpressionParser, LongChainsAreFine) {
    std::string chain = "a0";
    for (int i = 1; i < 50000; ++i) {
        chain += " or a" + std::to_string(i);
    }
    const ParsedExpression parsed = parse_expression(chain);
    ASSERT_FALSE(parsed.error);
    EXPECT_EQ(parsed.expression.terms().size(), 1U + 50000U + 49999U);
}

}  // namespace
}  // namespace flowsim::io
