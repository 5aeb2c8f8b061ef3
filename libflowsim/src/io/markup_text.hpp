#pragma once

#include <string>
#include <string_view>

namespace flowsim::io {

/// `text` with everything a markup writer must not pass on replaced by U+FFFD: ill-formed
/// UTF-8, control characters other than tab, newline and carriage return, and U+FFFE and
/// U+FFFF (which XML cannot carry). Well-formed text comes back unchanged.
std::string clean_utf8(std::string_view text);

/// `text` (cleaned) escaped for XML character data and attribute values alike: the five
/// special characters as entities, tab, newline and carriage return as character
/// references (so attribute values keep them).
std::string xml_escape(std::string_view text);

}  // namespace flowsim::io
