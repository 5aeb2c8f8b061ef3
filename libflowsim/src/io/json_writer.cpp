#include "flowsim/io/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace flowsim::io {

namespace {

// Whether `c` must be escaped in a JSON string (docs: quotes, backslashes, control
// characters and DEL).
bool needs_escape(unsigned char c) {
    return c < 0x20 || c == '"' || c == '\\' || c == 0x7f;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    // Most text (ids above all) needs no escaping: copy it in one piece.
    std::size_t plain = 0;
    while (plain < text.size() && !needs_escape(static_cast<unsigned char>(text[plain]))) {
        ++plain;
    }
    out.append(text.data(), plain);
    for (const char c : text.substr(plain)) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (needs_escape(byte)) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", byte);
                    out += buffer;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

std::string json_string(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

void append_json_number(std::string& out, double value) {
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    // The fewest significant digits that read back as `value`, spelt as printf's %.*g
    // would. No shorter spelling reads back than the shortest round trip's, so the
    // search starts at its digit count (usually where it ends).
    char buffer[64];
    const auto shortest =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    const auto exponent = std::find(buffer, shortest.ptr, 'e');
    int digits = static_cast<int>(
        std::count_if(buffer, exponent, [](char c) { return c >= '0' && c <= '9'; }));
    for (digits = std::max(digits, 1); digits <= 17; ++digits) {
        const auto spelt = std::to_chars(buffer, buffer + sizeof buffer, value,
                                         std::chars_format::general, digits);
        double back = 0;
        std::from_chars(buffer, spelt.ptr, back);
        if (back == value || digits == 17) {
            out.append(buffer, spelt.ptr);
            return;
        }
    }
}

std::string json_number(double value) {
    std::string out;
    append_json_number(out, value);
    return out;
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (levels_.empty()) {
        return;
    }
    Level& level = levels_.back();
    if (!level.first) {
        out_ << (level.one_per_line ? "," : ", ");
    }
    if (level.one_per_line) {
        out_ << "\n ";
    }
    level.first = false;
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    out_ << '{';
    levels_.push_back({});
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    levels_.pop_back();
    out_ << '}';
    return *this;
}

JsonWriter& JsonWriter::begin_array(bool one_per_line) {
    before_value();
    out_ << '[';
    levels_.push_back({true, one_per_line});
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    levels_.pop_back();
    out_ << ']';
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    out_ << json_string(name) << ": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    out_ << json_string(text);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    out_ << (flag ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ << "null";
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    before_value();
    out_ << json_number(number);
    return *this;
}

JsonWriter& JsonWriter::value(std::size_t number) {
    before_value();
    out_ << number;
    return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
    before_value();
    out_ << json;
    return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& items) {
    begin_array();
    for (const std::string& item : items) {
        value(item);
    }
    return end_array();
}

}  // namespace flowsim::io
