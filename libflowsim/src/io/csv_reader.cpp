#include "flowsim/io/csv_reader.hpp"

namespace flowsim::io {
namespace {

// Where a field's bytes are, before unescaping.
struct FieldSpan {
    std::size_t begin = 0;  // first content byte (after an opening quote)
    std::size_t end = 0;    // one past the last content byte
    int line = 0;
    int column = 0;
    bool quoted = false;
    bool has_doubled_quotes = false;
};

}  // namespace

std::size_t read_csv(std::string_view text,
                     const CsvRowHandler& on_row,
                     std::vector<CsvError>& errors,
                     std::size_t max_fields) {
    std::size_t error_count = 0;
    const auto add_error = [&](int line, int column, const char* message) {
        if (++error_count <= kCsvMaxErrors) {
            errors.push_back({line, column, message});
        }
    };
    std::size_t at = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        at = 3;
    }
    int line = 1;
    std::size_t line_start = at;
    std::vector<FieldSpan> spans;
    std::vector<CsvCell> cells;
    std::string unescaped;

    const auto column_of = [&](std::size_t position) {
        return static_cast<int>(position - line_start) + 1;
    };

    while (at < text.size()) {
        // A blank line (LF or CRLF alone) holds no record.
        if (text[at] == '\n' ||
            (text[at] == '\r' && at + 1 < text.size() && text[at + 1] == '\n')) {
            at += text[at] == '\r' ? 2 : 1;
            ++line;
            line_start = at;
            continue;
        }
        spans.clear();
        std::size_t field_count = 0;
        bool record_done = false;
        while (!record_done) {
            FieldSpan span;
            span.line = line;
            span.column = column_of(at);
            if (at < text.size() && text[at] == '"') {
                span.quoted = true;
                const int quote_line = line;
                const int quote_column = span.column;
                span.begin = ++at;
                bool closed = false;
                while (at < text.size()) {
                    if (text[at] == '"') {
                        if (at + 1 < text.size() && text[at + 1] == '"') {
                            span.has_doubled_quotes = true;
                            at += 2;
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    if (text[at] == '\n') {
                        ++line;
                        line_start = at + 1;
                    }
                    ++at;
                }
                span.end = at;
                if (!closed) {
                    add_error(quote_line, quote_column, "unterminated quoted field");
                    return error_count;  // the rest of the input is inside the quote
                }
                ++at;  // the closing quote
                if (at < text.size() && text[at] != ',' && text[at] != '\n' && text[at] != '\r') {
                    add_error(line, column_of(at), "unexpected text after a closing quote");
                    while (at < text.size() && text[at] != ',' && text[at] != '\n') {
                        ++at;
                    }
                }
            } else {
                span.begin = at;
                while (at < text.size() && text[at] != ',' && text[at] != '\n') {
                    ++at;
                }
                span.end = at;
                if (span.end > span.begin && text[span.end - 1] == '\r') {
                    --span.end;
                }
            }
            if (at < text.size() && text[at] == '\r') {
                ++at;
            }
            // Fields past the limit are counted, not kept.
            if (++field_count <= max_fields) {
                spans.push_back(span);
            }
            if (at >= text.size()) {
                record_done = true;
            } else if (text[at] == ',') {
                ++at;
            } else if (text[at] == '\n') {
                ++at;
                ++line;
                line_start = at;
                record_done = true;
            }
        }

        // Unescape into one buffer sized up front, so views into it stay valid.
        std::size_t needed = 0;
        for (const FieldSpan& span : spans) {
            needed += span.has_doubled_quotes ? span.end - span.begin : 0;
        }
        unescaped.clear();
        unescaped.reserve(needed);
        cells.clear();
        for (const FieldSpan& span : spans) {
            CsvCell cell;
            cell.line = span.line;
            cell.column = span.column;
            cell.quoted = span.quoted;
            const std::string_view raw = text.substr(span.begin, span.end - span.begin);
            if (span.has_doubled_quotes) {
                const std::size_t start = unescaped.size();
                for (std::size_t i = 0; i < raw.size(); ++i) {
                    unescaped += raw[i];
                    i += raw[i] == '"' ? 1 : 0;
                }
                cell.text = std::string_view(unescaped).substr(start);
            } else {
                cell.text = raw;
            }
            cells.push_back(cell);
        }
        if (!on_row(cells, field_count)) {
            return error_count;
        }
    }
    return error_count;
}

}  // namespace flowsim::io
