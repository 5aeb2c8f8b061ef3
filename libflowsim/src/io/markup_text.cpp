#include "markup_text.hpp"

#include <flowsim/utf8.hpp>

namespace flowsim::io {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

std::string clean_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t length = utf8_sequence_length(text, at);
        if (length == 0) {
            out += kReplacement;
            ++at;
            continue;
        }
        const std::string_view sequence = text.substr(at, length);
        const auto lead = static_cast<unsigned char>(sequence[0]);
        const bool control = length == 1 && (lead < 0x20 || lead == 0x7F) && lead != '\t' &&
                             lead != '\n' && lead != '\r';
        const bool non_character = sequence == "\xEF\xBF\xBE" || sequence == "\xEF\xBF\xBF";
        out += control || non_character ? kReplacement : sequence;
        at += length;
    }
    return out;
}

std::string xml_escape(std::string_view text) {
    std::string out;
    for (const char c : clean_utf8(text)) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            case '\t':
                out += "&#9;";
                break;
            case '\n':
                out += "&#10;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace flowsim::io
