#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace flowsim {

/// A `when` condition over boolean parameters, as a tree that remembers where each term
/// was written. Terms live in one vector; children are indices into it. Built by
/// io::parse_expression, then bound to the scenario's parameters by the loader.
/// Copies share their terms until one of them is changed (copy on write), so the
/// million edges without a `when` hold one `true`, and the loader hands every edge with
/// the same `when` text one term vector.
class Expression {
public:
    enum class Op : std::uint8_t { kConstant, kParameter, kNot, kAnd, kOr };

    static constexpr std::uint32_t kNone = UINT32_MAX;

    struct Term {
        Op op = Op::kConstant;
        bool value = true;                ///< kConstant only
        std::string name;                 ///< kParameter only: as written
        std::uint32_t parameter = kNone;  ///< kParameter only: index once bound
        std::uint32_t left = kNone;       ///< kNot, kAnd, kOr
        std::uint32_t right = kNone;      ///< kAnd, kOr
        std::uint32_t offset = 0;         ///< byte offset of the term in the source text
    };

    /// The expression `true` (an edge with no `when`).
    Expression();
    // Copies share the terms (see own()). A move copies too, so that a moved-from
    // expression still holds its terms: `terms_` is never null.
    Expression(const Expression&) = default;
    Expression(Expression&& other) noexcept : terms_(other.terms_), root_(other.root_) {}
    Expression& operator=(const Expression&) = default;
    Expression& operator=(Expression&& other) noexcept {
        terms_ = other.terms_;
        root_ = other.root_;
        return *this;
    }

    std::uint32_t add_constant(bool value, std::uint32_t offset);
    std::uint32_t add_parameter(std::string name, std::uint32_t offset);
    std::uint32_t add_not(std::uint32_t operand, std::uint32_t offset);
    /// `op` is kAnd or kOr.
    std::uint32_t add_binary(Op op, std::uint32_t left, std::uint32_t right, std::uint32_t offset);
    void set_root(std::uint32_t root) { root_ = root; }

    /// Sets the parameter index of term `term` (a kParameter term).
    void bind(std::uint32_t term, std::uint32_t parameter);

    const std::vector<Term>& terms() const { return *terms_; }
    std::uint32_t root() const { return root_; }
    /// True for the constant `true` with nothing else, i.e. "always active".
    bool is_always_true() const;

    /// Evaluates with `parameter_values[i]` the value of parameter i. Every parameter
    /// term must be bound. Iterative, so deep nesting cannot overflow the stack.
    bool evaluate(const std::vector<bool>& parameter_values) const;

    /// The distinct parameter indices the expression names, ascending.
    std::vector<std::uint32_t> parameters() const;

    /// A canonical spelling: `not`, `and`, `or`, fully parenthesised below the root.
    std::string to_string() const;

private:
    /// The terms, copied first when another Expression shares them.
    std::vector<Term>& own();

    std::shared_ptr<std::vector<Term>> terms_;  ///< never null
    std::uint32_t root_ = 0;
};

}  // namespace flowsim
