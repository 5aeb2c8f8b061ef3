#include "flowsim/io/json_writer.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace flowsim::io {

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
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
                if (byte < 0x20 || byte == 0x7f) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", byte);
                    out += buffer;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string json_number(double value) {
    if (!std::isfinite(value)) {
        return "null";
    }
    char buffer[32];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
        if (std::strtod(buffer, nullptr) == value) {
            break;
        }
    }
    return buffer;
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

JsonWriter& JsonWriter::strings(const std::vector<std::string>& items) {
    begin_array();
    for (const std::string& item : items) {
        value(item);
    }
    return end_array();
}

}  // namespace flowsim::io
