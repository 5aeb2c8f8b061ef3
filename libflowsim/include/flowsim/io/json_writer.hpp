#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace flowsim::io {

/// `text` as a JSON string literal, quotes included, with quotes, backslashes and
/// control characters escaped. Bytes from 0x80 up pass through (values are UTF-8).
std::string json_string(std::string_view text);
/// Appends json_string(text) to `out`.
void append_json_string(std::string& out, std::string_view text);

/// The shortest decimal spelling of `value` that reads back as the same double.
std::string json_number(double value);
/// Appends json_number(value) to `out`.
void append_json_number(std::string& out, double value);

/// Writes JSON to a stream as it goes, one call per token, with commas placed for you.
/// Output is compact except for one line per element of arrays opened with
/// `begin_array(true)`. Deterministic: keys are written in the order given.
class JsonWriter {
public:
    explicit JsonWriter(std::ostream& out) : out_(out) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    /// `one_per_line`: put each element on its own line (route lists).
    JsonWriter& begin_array(bool one_per_line = false);
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(bool flag);
    JsonWriter& value(double number);
    JsonWriter& value(std::size_t number);
    /// `null`: a value that is not known.
    JsonWriter& null();
    JsonWriter& strings(const std::vector<std::string>& items);
    /// A value already written as JSON (`json`), placed as the next value.
    JsonWriter& raw(std::string_view json);

private:
    void before_value();

    struct Level {
        bool first = true;
        bool one_per_line = false;
    };
    std::ostream& out_;
    std::vector<Level> levels_;
    bool after_key_ = false;
};

}  // namespace flowsim::io
