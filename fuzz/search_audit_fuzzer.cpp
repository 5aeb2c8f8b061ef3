// libFuzzer target: any bytes as a search-audit log, read as the portal export and
// through a column mapping, every row classified and tallied. Rows must come in line
// order with 1-based lines, fields never longer than the input, errors 1-based too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include <flowsim/io/audit_summary.hpp>
#include <flowsim/io/reason_classifier.hpp>
#include <flowsim/io/search_audit_reader.hpp>

namespace {

void read(const std::string& text, std::optional<flowsim::io::AuditColumns> columns) {
    static const flowsim::io::ReasonClassifier classifier =
        flowsim::io::ReasonClassifier::built_in();
    std::istringstream in(text);
    flowsim::io::SearchAuditReader reader(in, "fuzz.csv", std::move(columns));
    flowsim::io::AuditTally tally(classifier);
    if (reader.read_header()) {
        flowsim::io::AuditRow row;
        int previous = 0;
        while (reader.next(row)) {
            if (row.line <= previous || row.reason.size() > text.size() ||
                row.when.size() > text.size()) {
                std::abort();
            }
            previous = row.line;
            tally.add("fuzz.csv", row);
        }
        (void)flowsim::io::derive_scope_breaks(tally.total().cameras, std::nullopt);
    }
    for (const auto& error : reader.errors()) {
        if (error.where.line < 0 || error.where.column < 0) {
            std::abort();
        }
    }
    if (tally.searches() != reader.rows_read()) {
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    read(text, std::nullopt);
    flowsim::io::AuditColumns mapped{"a", "b", "c", "d", ""};
    read(text, mapped);
    return 0;
}
