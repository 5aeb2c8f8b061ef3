#include "flowsim/expression.hpp"

#include <algorithm>
#include <stdexcept>

namespace flowsim {
namespace {

// The terms of `true`, shared by every Expression made without a `when`.
const std::shared_ptr<std::vector<Expression::Term>>& always_true() {
    static const auto* const terms = new std::shared_ptr<std::vector<Expression::Term>>(
        std::make_shared<std::vector<Expression::Term>>(1));
    return *terms;
}

}  // namespace

Expression::Expression() : terms_(always_true()) {}

std::vector<Expression::Term>& Expression::own() {
    if (terms_.use_count() != 1) {
        terms_ = std::make_shared<std::vector<Term>>(*terms_);
    }
    return *terms_;
}

void Expression::bind(std::uint32_t term, std::uint32_t parameter) {
    own().at(term).parameter = parameter;
}

std::uint32_t Expression::add_constant(bool value, std::uint32_t offset) {
    Term term;
    term.op = Op::kConstant;
    term.value = value;
    term.offset = offset;
    std::vector<Term>& terms = own();
    terms.push_back(std::move(term));
    return static_cast<std::uint32_t>(terms.size() - 1);
}

std::uint32_t Expression::add_parameter(std::string name, std::uint32_t offset) {
    Term term;
    term.op = Op::kParameter;
    term.name = std::move(name);
    term.offset = offset;
    std::vector<Term>& terms = own();
    terms.push_back(std::move(term));
    return static_cast<std::uint32_t>(terms.size() - 1);
}

std::uint32_t Expression::add_not(std::uint32_t operand, std::uint32_t offset) {
    if (operand >= terms_->size()) {
        throw std::logic_error("Expression::add_not: operand must be added first");
    }
    Term term;
    term.op = Op::kNot;
    term.left = operand;
    term.offset = offset;
    std::vector<Term>& terms = own();
    terms.push_back(std::move(term));
    return static_cast<std::uint32_t>(terms.size() - 1);
}

std::uint32_t Expression::add_binary(Op op,
                                     std::uint32_t left,
                                     std::uint32_t right,
                                     std::uint32_t offset) {
    if ((op != Op::kAnd && op != Op::kOr) || left >= terms_->size() || right >= terms_->size()) {
        throw std::logic_error("Expression::add_binary: needs kAnd/kOr and existing operands");
    }
    Term term;
    term.op = op;
    term.left = left;
    term.right = right;
    term.offset = offset;
    std::vector<Term>& terms = own();
    terms.push_back(std::move(term));
    return static_cast<std::uint32_t>(terms.size() - 1);
}

bool Expression::is_always_true() const {
    const Term& root = terms_->at(root_);
    return root.op == Op::kConstant && root.value;
}

bool Expression::evaluate(const std::vector<bool>& parameter_values) const {
    // Operands are always added before the terms that use them, so one pass in index
    // order sees every operand's value before it is needed.
    std::vector<char> value(terms_->size(), 0);
    for (std::size_t i = 0; i <= root_; ++i) {
        const Term& term = (*terms_)[i];
        switch (term.op) {
            case Op::kConstant:
                value[i] = term.value;
                break;
            case Op::kParameter:
                value[i] =
                    term.parameter < parameter_values.size() && parameter_values[term.parameter];
                break;
            case Op::kNot:
                value[i] = !value[term.left];
                break;
            case Op::kAnd:
                value[i] = value[term.left] && value[term.right];
                break;
            case Op::kOr:
                value[i] = value[term.left] || value[term.right];
                break;
        }
    }
    return value[root_] != 0;
}

std::vector<std::uint32_t> Expression::parameters() const {
    std::vector<std::uint32_t> result;
    for (const Term& term : *terms_) {
        if (term.op == Op::kParameter && term.parameter != kNone) {
            result.push_back(term.parameter);
        }
    }
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

std::string Expression::to_string() const {
    // Written left to right into one string from an explicit stack, so time and memory
    // follow the length of the text (a 20,000-term chain kept every prefix before) and
    // no nesting depth can overflow the call stack. A stack item is a term to print,
    // parenthesised or not, or a piece of text.
    struct Item {
        std::uint32_t term;
        const char* text;  // when not null, the item is this text
        bool wrap;
    };
    const auto binary = [&](std::uint32_t term) {
        const Op op = (*terms_)[term].op;
        return op == Op::kAnd || op == Op::kOr;
    };
    std::string out;
    std::vector<Item> stack{{root_, nullptr, false}};
    while (!stack.empty()) {
        const Item item = stack.back();
        stack.pop_back();
        if (item.text != nullptr) {
            out += item.text;
            continue;
        }
        const Term& term = (*terms_)[item.term];
        if (item.wrap) {
            stack.push_back({0, ")", false});
            stack.push_back({item.term, nullptr, false});
            stack.push_back({0, "(", false});
            continue;
        }
        switch (term.op) {
            case Op::kConstant:
                out += term.value ? "true" : "false";
                break;
            case Op::kParameter:
                out += term.name;
                break;
            case Op::kNot:
                stack.push_back({term.left, nullptr, binary(term.left)});
                stack.push_back({0, "not ", false});
                break;
            case Op::kAnd:
            case Op::kOr:
                // Binary operands get parentheses, except a left operand with the same
                // operator: the parser groups chains to the left, so "a or b or c" prints
                // as it reads (and a long chain does not print deeper than the parser
                // accepts).
                stack.push_back({term.right, nullptr, binary(term.right)});
                stack.push_back({0, term.op == Op::kAnd ? " and " : " or ", false});
                stack.push_back(
                    {term.left, nullptr, binary(term.left) && (*terms_)[term.left].op != term.op});
                break;
        }
    }
    return out;
}

}  // namespace flowsim
