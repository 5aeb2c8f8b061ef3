#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace flowsim::io {

/// One field of a CSV record. `text` is valid only during the callback that receives it.
struct CsvCell {
    std::string_view text;  ///< unquoted and unescaped
    int line = 0;           ///< 1-based line of the field's first byte
    int column = 0;         ///< 1-based byte column of the field's first byte (its quote)
    bool quoted = false;
};

/// A malformed part of the input (an unclosed quote, text after a closing quote).
struct CsvError {
    int line = 0;
    int column = 0;
    std::string message;
};

/// Called once per record with its first fields (at most the `max_fields` of read_csv)
/// and the number of fields it has; return false to stop reading.
using CsvRowHandler =
    std::function<bool(const std::vector<CsvCell>& cells, std::size_t field_count)>;

/// Most fields of a record read_csv keeps, and most errors it lists, by default.
constexpr std::size_t kCsvMaxFields = 1024;
constexpr std::size_t kCsvMaxErrors = 1000;

/// Reads RFC 4180 CSV from memory: comma separated, fields in double quotes may hold
/// commas, line breaks and doubled quotes; CRLF or LF line ends; a UTF-8 byte-order
/// mark at the start is skipped; blank lines are skipped. Malformed fields go to `errors`
/// (the first kCsvMaxErrors of them) and reading continues with the next field where
/// that is possible. A record's fields past `max_fields` are counted while reading, not
/// kept, so memory stays bounded whatever a line holds. One pass, no allocation per
/// field beyond reused buffers. Returns how many malformed fields were found.
std::size_t read_csv(std::string_view text,
                     const CsvRowHandler& on_row,
                     std::vector<CsvError>& errors,
                     std::size_t max_fields = kCsvMaxFields);

}  // namespace flowsim::io
