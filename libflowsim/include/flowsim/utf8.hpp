#pragma once

#include <cstddef>
#include <string_view>

namespace flowsim {

/// The length of the well-formed UTF-8 sequence starting at `text[at]` (1 to 4), or 0
/// when the bytes there are not one (a stray continuation byte, an overlong form, a
/// surrogate, a value past U+10FFFF, or a sequence cut short). `at` must be in range.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

}  // namespace flowsim
