#include "flowsim/expression.hpp"

#include <utility>

#include <gtest/gtest.h>

namespace flowsim {
namespace {

// a and not (b or c), with a, b, c bound to parameters 0, 1, 2.
Expression sample() {
    Expression expression;
    const auto a = expression.add_parameter("a", 0);
    const auto b = expression.add_parameter("b", 9);
    const auto c = expression.add_parameter("c", 14);
    expression.bind(a, 0);
    expression.bind(b, 1);
    expression.bind(c, 2);
    const auto either = expression.add_binary(Expression::Op::kOr, b, c, 11);
    const auto negated = expression.add_not(either, 2);
    expression.set_root(expression.add_binary(Expression::Op::kAnd, a, negated, 2));
    return expression;
}

TEST(Expression, DefaultIsAlwaysTrue) {
    const Expression expression;
    EXPECT_TRUE(expression.is_always_true());
    EXPECT_TRUE(expression.evaluate({}));
    EXPECT_EQ(expression.to_string(), "true");
    EXPECT_TRUE(expression.parameters().empty());
}

TEST(Expression, EvaluatesEveryAssignment) {
    const Expression expression = sample();
    for (int bits = 0; bits < 8; ++bits) {
        const bool a = bits & 1;
        const bool b = bits & 2;
        const bool c = bits & 4;
        EXPECT_EQ(expression.evaluate({a, b, c}), a && !(b || c)) << bits;
    }
    EXPECT_FALSE(expression.is_always_true());
}

TEST(Expression, ListsParametersAndPrintsCanonically) {
    const Expression expression = sample();
    EXPECT_EQ(expression.parameters(), (std::vector<std::uint32_t>{0, 1, 2}));
    EXPECT_EQ(expression.to_string(), "a and not (b or c)");
}

TEST(Expression, PrintsNestingAndChainsAsTheParserGroupsThem) {
    Expression expression;
    const auto a = expression.add_parameter("a", 0);
    const auto b = expression.add_parameter("b", 0);
    const auto c = expression.add_parameter("c", 0);
    const auto d = expression.add_parameter("d", 0);
    const auto ab = expression.add_binary(Expression::Op::kAnd, a, b, 0);
    const auto abc = expression.add_binary(Expression::Op::kAnd, ab, c, 0);
    const auto cd = expression.add_binary(Expression::Op::kOr, c, d, 0);
    const auto left = expression.add_binary(Expression::Op::kOr, abc, expression.add_not(cd, 0), 0);
    const auto right = expression.add_binary(Expression::Op::kAnd, a, cd, 0);
    const auto both = expression.add_binary(Expression::Op::kOr, left, right, 0);
    expression.set_root(expression.add_not(expression.add_not(both, 0), 0));
    EXPECT_EQ(expression.to_string(),
              "not not ((a and b and c) or not (c or d) or (a and (c or d)))");
}

// Printing is linear: a 20,000-term chain kept every prefix (1.2 GB) before.
TEST(Expression, PrintsALongChainInOnePass) {
    Expression expression;
    std::uint32_t chain = expression.add_parameter("a", 0);
    std::string expected = "a";
    for (int i = 1; i < 20000; ++i) {
        chain =
            expression.add_binary(Expression::Op::kAnd, chain, expression.add_parameter("a", 0), 0);
        expected += " and a";
    }
    expression.set_root(chain);
    EXPECT_EQ(expression.to_string(), expected);
}

// Copies share their terms until one is changed; a change never shows in another copy.
TEST(Expression, CopiesShareTermsUntilOneChanges) {
    const Expression always;
    const Expression also_always;
    EXPECT_EQ(&always.terms(), &also_always.terms());  // every `true` is one vector

    Expression named;
    named.set_root(named.add_parameter("a", 0));
    EXPECT_NE(&named.terms(), &always.terms());
    EXPECT_TRUE(always.is_always_true());
    EXPECT_EQ(always.terms().size(), 1u);

    Expression copy = named;
    EXPECT_EQ(&copy.terms(), &named.terms());
    copy.bind(copy.root(), 3);
    EXPECT_NE(&copy.terms(), &named.terms());
    EXPECT_EQ(copy.parameters(), std::vector<std::uint32_t>{3});
    EXPECT_TRUE(named.parameters().empty());  // the original is still unbound
    EXPECT_EQ(named.to_string(), "a");
}

TEST(Expression, AMovedFromExpressionKeepsItsTerms) {
    Expression named;
    named.set_root(named.add_parameter("a", 0));
    Expression moved = std::move(named);
    Expression assigned;
    assigned = std::move(moved);
    // NOLINTBEGIN(bugprone-use-after-move): what a move leaves behind is the point here
    EXPECT_EQ(named.to_string(), "a");
    EXPECT_EQ(moved.to_string(), "a");
    EXPECT_EQ(&moved.terms(), &assigned.terms());
    // NOLINTEND(bugprone-use-after-move)
    EXPECT_EQ(assigned.to_string(), "a");
}

TEST(Expression, OperandsMustExistFirst) {
    Expression expression;
    EXPECT_THROW(expression.add_not(7, 0), std::logic_error);
    EXPECT_THROW(expression.add_binary(Expression::Op::kNot, 0, 0, 0), std::logic_error);
}

}  // namespace
}  // namespace flowsim
