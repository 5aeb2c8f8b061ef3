#include "flowsim/io/search_audit_reader.hpp"

#include <algorithm>
#include <cctype>
#include <istream>
#include <streambuf>

#include <flowsim/spelling.hpp>

namespace flowsim::io {
namespace {

constexpr int kEof = std::char_traits<char>::eof();
constexpr std::size_t kMaxErrors = 20;

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits) {
    int value = 0;
    for (char c : digits) {
        value = value * 10 + (c - '0');
    }
    return value;
}

// A whole number of cameras: digits, thousands separated by commas allowed ("2,510").
std::optional<std::int64_t> parse_count(std::string_view text) {
    text = trim(text);
    std::int64_t value = 0;
    bool any = false;
    for (char c : text) {
        if (c == ',') {
            continue;
        }
        if (c < '0' || c > '9' || value > 1'000'000'000'000LL) {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
        any = true;
    }
    if (!any) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

AuditColumns portal_export_columns() {
    return {"searchDate", "reason", "cameraCount", "", "id"};
}

std::optional<AuditColumns> parse_column_mapping(std::string_view text, std::string& error) {
    AuditColumns columns;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        const std::string_view item = trim(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        const std::size_t equals = item.find('=');
        if (equals == std::string_view::npos) {
            error = "'" + std::string(item) + "' is not KEY=COLUMN";
            return std::nullopt;
        }
        const std::string key = lower(trim(item.substr(0, equals)));
        const std::string column(trim(item.substr(equals + 1)));
        if (column.empty()) {
            error = "'" + key + "' names no column";
            return std::nullopt;
        }
        std::string* slot = key == "date"      ? &columns.date
                            : key == "reason"  ? &columns.reason
                            : key == "cameras" ? &columns.cameras
                            : key == "agency"  ? &columns.agency
                            : key == "id"      ? &columns.id
                                               : nullptr;
        if (slot == nullptr) {
            error = "unknown key '" + key + "'" +
                    did_you_mean(key, {"date", "reason", "cameras", "agency", "id"}) +
                    " (keys: date, reason, cameras, agency, id)";
            return std::nullopt;
        }
        *slot = column;
    }
    if (columns.date.empty() || columns.reason.empty()) {
        error = "the mapping needs at least date=COLUMN and reason=COLUMN";
        return std::nullopt;
    }
    return columns;
}

std::optional<Date> parse_audit_date(std::string_view text) {
    text = trim(text);
    if (text.size() >= 10 && text[4] == '-' &&
        (text.size() == 10 || text[10] == ' ' || text[10] == 'T')) {
        return Date::parse(text.substr(0, 10));
    }
    // M/D/YYYY, optionally followed by a time.
    const std::size_t first = text.find('/');
    const std::size_t second = first == std::string_view::npos ? first : text.find('/', first + 1);
    if (second == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view month = text.substr(0, first);
    const std::string_view day = text.substr(first + 1, second - first - 1);
    std::string_view year = text.substr(second + 1);
    year = year.substr(0, std::min(year.find(' '), year.size()));
    if (!all_digits(month) || month.size() > 2 || !all_digits(day) || day.size() > 2 ||
        !all_digits(year) || year.size() != 4) {
        return std::nullopt;
    }
    Date date{to_int(year), to_int(month), to_int(day)};
    return Date::parse(date.to_string());
}

SearchAuditReader::SearchAuditReader(std::istream& in,
                                     std::string file,
                                     std::optional<AuditColumns> columns)
    : in_(in), file_(std::move(file)), requested_(std::move(columns)) {}

int SearchAuditReader::get() {
    const int c = in_.rdbuf()->sbumpc();
    // LF and CRLF end a line; so does a CR alone (old Mac files), so that line numbers
    // keep counting what an editor shows.
    if (c == '\n' || (c == '\r' && peek() != '\n')) {
        ++line_;
        column_ = 0;
    } else if (c != kEof) {
        ++column_;
    }
    return c;
}

int SearchAuditReader::peek() {
    return in_.rdbuf()->sgetc();
}

void SearchAuditReader::error(int line, int column, std::string message) {
    if (errors_.size() < kMaxErrors) {
        errors_.push_back({Severity::kError, {file_, line, column}, std::move(message)});
    }
}

void SearchAuditReader::skip(int line, std::string why) {
    ++skipped_count_;
    if (skipped_.size() < kMaxKept) {
        skipped_.push_back({line, std::move(why)});
    }
}

void SearchAuditReader::skip_rest_of_line() {
    for (int c = peek(); c != kEof && c != '\n'; c = peek()) {
        get();
    }
    if (peek() == '\n') {
        get();
    }
}

// One record into fields_[0, field_count_). Fields are reused strings, so reading makes
// no allocation once they have grown to the longest field seen.
SearchAuditReader::Record SearchAuditReader::read_record() {
    if (at_start_) {
        at_start_ = false;
        // A UTF-8 byte-order mark.
        if (peek() == 0xEF) {
            get();
            if (get() != 0xBB || get() != 0xBF) {
                error(1, 1, "the file starts with a broken byte-order mark");
                return Record::kBroken;
            }
            column_ = 0;
        }
    }
    // Blank lines between records.
    for (;;) {
        const int c = peek();
        if (c == '\r' || c == '\n') {
            get();
            continue;
        }
        if (c == kEof) {
            return Record::kEnd;
        }
        break;
    }
    record_line_ = line_;
    field_count_ = 0;
    for (;;) {
        if (field_count_ == fields_.size()) {
            fields_.emplace_back();
        }
        std::string& field = fields_[field_count_++];
        field.clear();
        const int field_line = line_;
        const int field_column = column_ + 1;
        int c = peek();
        if (c == '"') {
            get();
            for (;;) {
                c = get();
                if (c == kEof) {
                    error(field_line, field_column,
                          "the quoted field that starts here is never closed (a missing '\"')");
                    return Record::kBroken;
                }
                if (c == '"') {
                    if (peek() == '"') {
                        get();
                        field += '"';
                        continue;
                    }
                    break;
                }
                field += static_cast<char>(c);
                if (field.size() > kMaxField) {
                    error(field_line, field_column,
                          "the quoted field that starts here runs past 1 MiB (a missing '\"'?)");
                    return Record::kBroken;
                }
            }
            c = peek();
            if (c != ',' && c != '\n' && c != '\r' && c != kEof) {
                error(line_, column_ + 1, "text after the closing quote of a field");
                skip_rest_of_line();
                return Record::kBroken;
            }
        } else {
            while (c != ',' && c != '\n' && c != '\r' && c != kEof) {
                if (c == '"') {
                    error(line_, column_ + 1,
                          "a quote inside an unquoted field (quote the whole field and double "
                          "the quote)");
                    skip_rest_of_line();
                    return Record::kBroken;
                }
                field += static_cast<char>(get());
                if (field.size() > kMaxField) {
                    error(field_line, field_column, "a field longer than 1 MiB");
                    skip_rest_of_line();
                    return Record::kBroken;
                }
                c = peek();
            }
        }
        c = get();
        if (c == ',') {
            continue;
        }
        if (c == '\r') {
            if (peek() == '\n') {
                get();
            }
        }
        return Record::kRow;
    }
}

bool SearchAuditReader::read_header() {
    const Record record = read_record();
    if (record == Record::kEnd) {
        error(0, 0, "the file is empty: no header line");
        return false;
    }
    if (record == Record::kBroken) {
        return false;
    }
    header_.assign(fields_.begin(), fields_.begin() + static_cast<std::ptrdiff_t>(field_count_));
    std::vector<std::string_view> names(header_.begin(), header_.end());
    const bool mapped = requested_.has_value();
    const AuditColumns columns = mapped ? *requested_ : portal_export_columns();
    std::vector<std::string> missing;
    const auto find = [&](const std::string& name, bool required, const char* key) {
        if (name.empty()) {
            return -1;
        }
        for (std::size_t i = 0; i < header_.size(); ++i) {
            if (lower(trim(header_[i])) == lower(name)) {
                return static_cast<int>(i);
            }
        }
        if (required) {
            missing.push_back("'" + name + "'" + did_you_mean(name, names) + " (for " + key + ")");
        }
        return -1;
    };
    date_ = find(columns.date, true, "date");
    reason_ = find(columns.reason, true, "reason");
    // The portal's optional columns are looked for quietly; mapped ones must exist.
    cameras_ = find(columns.cameras, mapped, "cameras");
    agency_ = find(columns.agency, mapped, "agency");
    id_ = find(columns.id, mapped, "id");
    if (!missing.empty()) {
        std::string message = "the header has no column ";
        for (std::size_t i = 0; i < missing.size(); ++i) {
            message += (i == 0 ? "" : i + 1 == missing.size() ? " or " : ", ") + missing[i];
        }
        message += "; it has: ";
        for (std::size_t i = 0; i < header_.size(); ++i) {
            message += (i ? ", " : "") + header_[i];
        }
        if (!mapped) {
            message +=
                ". This is not the portal's export (id,userId,searchDate,cameraCount,"
                "reason); for an Organization or Network Audit, name the columns with "
                "--columns date=COLUMN,reason=COLUMN,cameras=COLUMN,agency=COLUMN";
        }
        error(1, 1, message);
    }
    return errors_.empty();
}

std::string SearchAuditReader::columns_used() const {
    std::string text;
    const auto add = [&](const char* key, int index) {
        if (index >= 0) {
            text += (text.empty() ? "" : ", ") + std::string(key) + "=" + header_[index];
        }
    };
    add("date", date_);
    add("reason", reason_);
    add("cameras", cameras_);
    add("agency", agency_);
    add("id", id_);
    return text;
}

bool SearchAuditReader::next(AuditRow& row) {
    while (errors_.empty()) {
        const Record record = read_record();
        if (record == Record::kEnd) {
            io_failed_ = in_.bad();
            return false;
        }
        if (record == Record::kBroken) {
            if (errors_.size() >= kMaxErrors) {
                return false;
            }
            continue;  // keep reading to report further errors; no row is returned
        }
        if (field_count_ != header_.size()) {
            skip(record_line_, "it has " + std::to_string(field_count_) + " fields, the header " +
                                   std::to_string(header_.size()));
            continue;
        }
        const std::string& when = fields_[date_];
        const std::optional<Date> date = parse_audit_date(when);
        if (!date) {
            skip(record_line_, header_[date_] + " '" + when.substr(0, 40) + "' is not a date");
            continue;
        }
        row.cameras.reset();
        if (cameras_ >= 0) {
            row.cameras = parse_count(fields_[cameras_]);
            if (!row.cameras) {
                skip(record_line_, header_[cameras_] + " '" + fields_[cameras_].substr(0, 40) +
                                       "' is not a whole number");
                continue;
            }
        }
        row.line = record_line_;
        row.date = *date;
        row.when = trim(when);
        row.reason = fields_[reason_];
        row.agency = agency_ >= 0 ? std::string_view(fields_[agency_]) : std::string_view{};
        row.id = id_ >= 0 ? std::string_view(fields_[id_]) : std::string_view{};
        ++rows_read_;
        return true;
    }
    // Once the structure is broken, keep scanning only to report more errors.
    while (errors_.size() < kMaxErrors && read_record() != Record::kEnd) {
    }
    return false;
}

}  // namespace flowsim::io
