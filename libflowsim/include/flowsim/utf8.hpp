#pragma once

#include <cstddef>
#include <string_view>

namespace flowsim {

/// The length of the well-formed UTF-8 sequence starting at `text[at]` (1 to 4), or 0
/// when the bytes there are not one (a stray continuation byte, an overlong form, a
/// surrogate, a value past U+10FFFF, or a sequence cut short). `at` must be in range.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

/// The code point of the well-formed sequence of `length` bytes at `text[at]`.
char32_t utf8_code_point(std::string_view text, std::size_t at, std::size_t length);

/// True for characters that change how the text around them is shown while showing
/// nothing themselves: the C1 controls (U+0080 to U+009F) and the bidirectional
/// embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069), with which
/// a text can be made to read differently from what it holds.
bool is_hidden_control(char32_t code_point);

}  // namespace flowsim
