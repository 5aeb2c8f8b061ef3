#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <flowsim/io/audit_summary.hpp>

namespace flowsim::io {

/// One log that was read.
struct AuditLogInfo {
    std::string file;
    std::uint64_t rows = 0;
    std::uint64_t skipped = 0;
    std::vector<SkippedRow> skipped_examples;
    std::string columns;
    std::uint64_t duplicates = 0;  ///< rows whose id an earlier log already counted
};

/// The `sources:` entry a scenario can cite the log by (kind record).
struct AuditSourceEntry {
    std::string id;
    std::string title;
    std::string publisher;
    std::string url;
    std::optional<Date> date;
};

/// Everything `flowsim audit` prints.
struct AuditReport {
    std::vector<AuditLogInfo> logs;
    const AuditTally* tally = nullptr;
    std::optional<ScopeBreaks> breaks;
    std::string no_breaks_why;  ///< when breaks is empty
    AuditKind kind = AuditKind::kOrganization;
    std::size_t added_patterns = 0;
    // With --agency and --scenario:
    const Scenario* scenario = nullptr;
    std::optional<NodeIndex> agency;
    std::string scenario_file;
    std::vector<EdgeGrade> grades;
    AuditSourceEntry source;
    std::string svg_file;  ///< the chart beside a Markdown report ("" when none)
};

void write_audit_text(std::ostream& out, const AuditReport& report);
void write_audit_json(std::ostream& out, const AuditReport& report);
void write_audit_markdown(std::ostream& out, const AuditReport& report);
/// A stacked bar chart of searches by scope and month; deterministic bytes.
void write_audit_svg(std::ostream& out, const AuditReport& report);

}  // namespace flowsim::io
