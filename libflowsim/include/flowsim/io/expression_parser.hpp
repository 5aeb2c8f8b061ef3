#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <flowsim/expression.hpp>

namespace flowsim::io {

/// A syntax error in a `when` expression, at a byte offset into its text.
struct ExpressionError {
    std::uint32_t offset = 0;
    std::string message;
};

/// The result of parsing: an expression whose parameter terms are not yet bound, or the
/// first syntax error.
struct ParsedExpression {
    Expression expression;
    std::optional<ExpressionError> error;
};

/// Parses a `when` expression: parameter names, `true`, `false`, `not`/`!`, `and`/`&&`,
/// `or`/`||` and parentheses; `not` binds tighter than `and`, `and` tighter than `or`.
/// Nesting deeper than kMaxExpressionDepth is an error, so no input can exhaust the stack.
/// Linear in the length of `text`.
ParsedExpression parse_expression(std::string_view text);

/// Deepest nesting of parentheses and `not` that parse_expression accepts.
inline constexpr int kMaxExpressionDepth = 256;

}  // namespace flowsim::io
