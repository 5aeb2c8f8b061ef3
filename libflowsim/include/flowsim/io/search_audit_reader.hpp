#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <flowsim/date.hpp>
#include <flowsim/diagnostic.hpp>

namespace flowsim::io {

/// Which header columns of a search-audit log hold what. `date` and `reason` are
/// required; without `cameras` no search gets a scope; `agency` names the searching
/// organisation (Network Audit); `id` lets rows repeated across several logs count once.
struct AuditColumns {
    std::string date;
    std::string reason;
    std::string cameras;
    std::string agency;
    std::string id;
};

/// The columns of the transparency portal's export: id,userId,searchDate,cameraCount,reason.
AuditColumns portal_export_columns();

/// Parses a `--columns` mapping: "date=Search Time,reason=Reason,cameras=Networks,agency=Org"
/// (keys date, reason, cameras, agency, id; date and reason required). Nothing, with
/// `error` set, when it does not parse.
std::optional<AuditColumns> parse_column_mapping(std::string_view text, std::string& error);

/// One search of the log. The views are valid until the next call of next().
struct AuditRow {
    int line = 0;                         ///< 1-based line where the record starts
    Date date;                            ///< the day of the search
    std::string_view when;                ///< the date cell as written
    std::optional<std::int64_t> cameras;  ///< cameras searched, when the column is mapped
    std::string_view reason;
    std::string_view agency;
    std::string_view id;
};

/// A row left out, and why ("line 17: searchDate 'yesterday' is not a date").
struct SkippedRow {
    int line = 0;
    std::string why;
};

/// Reads a search-audit log as a stream, one record at a time: memory stays flat
/// whatever the size of the log (no field may exceed 1 MiB). RFC 4180: comma
/// separated, double quotes around fields that hold commas, quotes (doubled) or line
/// breaks; LF or CRLF; a UTF-8 byte-order mark and blank lines are ignored.
///
/// Problems with the file's structure (a header without the columns, broken quoting)
/// are errors, GNU style `file:line:col`; reading stops after 20 of them. Rows whose
/// cells do not make sense (wrong number of fields, a date or camera count that does not
/// parse) are skipped and counted; the first 20 are kept with their line and reason.
class SearchAuditReader {
public:
    /// `columns` nothing: the portal export's columns. `file` names the input in messages.
    SearchAuditReader(std::istream& in, std::string file, std::optional<AuditColumns> columns);

    /// Reads the header and finds the columns; false (with errors()) when it cannot.
    bool read_header();
    /// The next row; false at the end or once an error has been found.
    bool next(AuditRow& row);

    const std::vector<Diagnostic>& errors() const { return errors_; }
    /// "date=searchDate, reason=reason, cameras=cameraCount" (mapped columns only).
    std::string columns_used() const;
    std::uint64_t rows_read() const { return rows_read_; }
    std::uint64_t skipped_count() const { return skipped_count_; }
    const std::vector<SkippedRow>& skipped_examples() const { return skipped_; }
    bool has_cameras() const { return cameras_ >= 0; }
    bool has_agency() const { return agency_ >= 0; }
    bool has_id() const { return id_ >= 0; }
    /// False when the stream failed while reading (an I/O error, not bad text).
    bool stream_ok() const { return !io_failed_; }

    static constexpr std::size_t kMaxField = 1 << 20;
    static constexpr std::size_t kMaxKept = 20;

private:
    enum class Record { kRow, kEnd, kBroken };
    Record read_record();
    int get();
    int peek();
    void error(int line, int column, std::string message);
    void skip(int line, std::string why);
    void skip_rest_of_line();

    std::istream& in_;
    std::string file_;
    std::optional<AuditColumns> requested_;
    std::vector<std::string> fields_;
    std::size_t field_count_ = 0;
    std::vector<std::string> header_;
    int record_line_ = 0;
    int line_ = 1;
    int column_ = 0;
    bool at_start_ = true;
    bool io_failed_ = false;
    int date_ = -1, reason_ = -1, cameras_ = -1, agency_ = -1, id_ = -1;
    std::vector<Diagnostic> errors_;
    std::vector<SkippedRow> skipped_;
    std::uint64_t skipped_count_ = 0;
    std::uint64_t rows_read_ = 0;
};

/// The day of a date cell: "2025-06-18 00:02:04.789", "2025-06-18T00:02:04Z",
/// "2025-06-18", or US style "6/18/2025 12:02 AM". Nothing for anything else.
std::optional<Date> parse_audit_date(std::string_view text);

}  // namespace flowsim::io
