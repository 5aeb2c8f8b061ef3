#include "flowsim/io/expression_parser.hpp"

#include <stdexcept>

namespace flowsim::io {
namespace {

enum class Token { kName, kTrue, kFalse, kNot, kAnd, kOr, kOpen, kClose, kEnd };

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

struct SyntaxError {
    std::uint32_t offset;
    std::string message;
};

// Recursive descent over a one-token lookahead. Each level of recursion is one level of
// nesting in the input, and depth_ caps it.
class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) { advance(); }

    void parse_all() {
        expression_.set_root(parse_or());
        if (token_ != Token::kEnd) {
            fail(token_ == Token::kClose ? "unmatched ')'"
                                         : "expected 'and', 'or' or the end, got " + describe());
        }
    }

    Expression& expression() { return expression_; }

private:
    std::uint32_t parse_or() {
        std::uint32_t left = parse_and();
        while (token_ == Token::kOr) {
            const std::uint32_t at = start_;
            advance();
            left = expression_.add_binary(Expression::Op::kOr, left, parse_and(), at);
        }
        return left;
    }

    std::uint32_t parse_and() {
        std::uint32_t left = parse_unary();
        while (token_ == Token::kAnd) {
            const std::uint32_t at = start_;
            advance();
            left = expression_.add_binary(Expression::Op::kAnd, left, parse_unary(), at);
        }
        return left;
    }

    std::uint32_t parse_unary() {
        if (token_ == Token::kNot) {
            const std::uint32_t at = start_;
            enter();
            advance();
            const std::uint32_t operand = parse_unary();
            --depth_;
            return expression_.add_not(operand, at);
        }
        return parse_primary();
    }

    std::uint32_t parse_primary() {
        const std::uint32_t at = start_;
        switch (token_) {
            case Token::kTrue:
            case Token::kFalse: {
                const bool value = token_ == Token::kTrue;
                advance();
                return expression_.add_constant(value, at);
            }
            case Token::kName: {
                std::string name(text_.substr(start_, end_ - start_));
                advance();
                return expression_.add_parameter(std::move(name), at);
            }
            case Token::kOpen: {
                enter();
                advance();
                const std::uint32_t inner = parse_or();
                if (token_ != Token::kClose) {
                    fail("expected ')', got " + describe());
                }
                --depth_;
                advance();
                return inner;
            }
            default:
                fail("expected a parameter name, 'true', 'false', 'not' or '(', got " + describe());
        }
        return 0;
    }

    void enter() {
        if (++depth_ > kMaxExpressionDepth) {
            fail("expression nested more than " + std::to_string(kMaxExpressionDepth) +
                 " levels deep");
        }
    }

    [[noreturn]] void fail(std::string message) { throw SyntaxError{start_, std::move(message)}; }

    std::string describe() const {
        if (token_ == Token::kEnd) {
            return "the end of the expression";
        }
        return "'" + std::string(text_.substr(start_, end_ - start_)) + "'";
    }

    void advance() {
        std::size_t at = end_;
        while (at < text_.size() &&
               (text_[at] == ' ' || text_[at] == '\t' || text_[at] == '\n' || text_[at] == '\r')) {
            ++at;
        }
        start_ = static_cast<std::uint32_t>(at);
        if (at >= text_.size()) {
            token_ = Token::kEnd;
            end_ = start_;
            return;
        }
        const char c = text_[at];
        const auto two = [&](char second) {
            return at + 1 < text_.size() && text_[at + 1] == second;
        };
        if (c == '(' || c == ')' || c == '!') {
            token_ = c == '(' ? Token::kOpen : c == ')' ? Token::kClose : Token::kNot;
            end_ = start_ + 1;
            return;
        }
        if ((c == '&' && two('&')) || (c == '|' && two('|'))) {
            token_ = c == '&' ? Token::kAnd : Token::kOr;
            end_ = start_ + 2;
            return;
        }
        if (!is_name_start(c)) {
            end_ = start_ + 1;
            if (c == '&' || c == '|') {
                fail(std::string("unexpected '") + c + "' (write '" + c + c + "' or '" +
                     (c == '&' ? "and" : "or") + "')");
            }
            const unsigned char byte = static_cast<unsigned char>(c);
            fail(byte >= 0x21 && byte < 0x7f ? std::string("unexpected '") + c + "'"
                                             : "unexpected byte " + std::to_string(byte));
        }
        std::size_t stop = at;
        while (stop < text_.size() && is_name_char(text_[stop])) {
            ++stop;
        }
        end_ = static_cast<std::uint32_t>(stop);
        const std::string_view word = text_.substr(at, stop - at);
        token_ = word == "not"     ? Token::kNot
                 : word == "and"   ? Token::kAnd
                 : word == "or"    ? Token::kOr
                 : word == "true"  ? Token::kTrue
                 : word == "false" ? Token::kFalse
                                   : Token::kName;
    }

    std::string_view text_;
    Expression expression_;
    Token token_ = Token::kEnd;
    std::uint32_t start_ = 0;
    std::uint32_t end_ = 0;
    int depth_ = 0;
};

}  // namespace

ParsedExpression parse_expression(std::string_view text) {
    ParsedExpression result;
    if (text.size() >= UINT32_MAX) {
        result.error = ExpressionError{0, "expression too long"};
        return result;
    }
    try {
        Parser parser(text);
        parser.parse_all();
        result.expression = std::move(parser.expression());
    } catch (const SyntaxError& error) {
        result.error = ExpressionError{error.offset, error.message};
    }
    return result;
}

}  // namespace flowsim::io
