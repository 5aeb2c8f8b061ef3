// libFuzzer target: any bytes as a `when` expression. A parsed expression must print
// canonically and parse back to the same canonical text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <flowsim/io/expression_parser.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const flowsim::io::ParsedExpression parsed = flowsim::io::parse_expression(text);
    if (parsed.error) {
        return 0;
    }
    const std::string canonical = parsed.expression.to_string();
    const flowsim::io::ParsedExpression again = flowsim::io::parse_expression(canonical);
    if (again.error || again.expression.to_string() != canonical) {
        std::abort();
    }
    (void)parsed.expression.evaluate(std::vector<bool>(64, true));
    return 0;
}
