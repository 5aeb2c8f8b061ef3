#pragma once

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

/// Called once per record with its fields; return false to stop reading.
using CsvRowHandler = std::function<bool(const std::vector<CsvCell>& cells)>;

/// Reads RFC 4180 CSV from memory: comma separated, fields in double quotes may hold
/// commas, line breaks and doubled quotes; CRLF or LF line ends; a UTF-8 byte-order
/// mark at the start is skipped; blank lines are skipped. Malformed fields go to `errors`
/// and reading continues with the next field where that is possible. One pass, no
/// allocation per field beyond a reused buffer.
void read_csv(std::string_view text, const CsvRowHandler& on_row, std::vector<CsvError>& errors);

}  // namespace flowsim::io
