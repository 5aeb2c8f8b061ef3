#include "flowsim/io/audit_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>

#include <flowsim/evidence.hpp>
#include <flowsim/io/json_writer.hpp>

#include "markup_text.hpp"

namespace flowsim::io {
namespace {

const SearchScope kScopes[] = {SearchScope::kOwn, SearchScope::kState, SearchScope::kNational,
                               SearchScope::kUnknown};

std::string percent(std::uint64_t part, std::uint64_t whole) {
    if (whole == 0) {
        return "-";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%",
                  100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return text;
}

std::string pad(std::string text, std::size_t width, bool right = false) {
    if (text.size() >= width) {
        return text;
    }
    const std::string space(width - text.size(), ' ');
    return right ? space + text : text + space;
}

std::string num(std::uint64_t value) {
    return std::to_string(value);
}

std::string range_text(const ScopeBreaks& b) {
    return "own cameras: 1 to " + std::to_string(b.own_max) +
           " cameras; statewide pool: " + std::to_string(b.own_max + 1) + " to " +
           std::to_string(b.state_max) + "; national network: more than " +
           std::to_string(b.state_max);
}

std::string scope_of_hit(const AuditReport& report, const AuditHit& hit) {
    return report.breaks ? scope_id(report.breaks->scope_of(hit.cameras)) : "unknown";
}

std::string edge_line(const AuditReport& report, const EdgeGrade& grade) {
    const Scenario& scenario = *report.scenario;
    const Edge& edge = scenario.edges()[grade.edge];
    return edge.id + " (" + scenario.nodes()[edge.from].label + " -> " +
           scenario.nodes()[edge.to].label + ", mechanism " + edge.mechanism + ", now " +
           std::string(evidence_name(edge.status)) + ")";
}

std::string suggestion(const AuditReport& report, const EdgeGrade& grade) {
    const Edge& edge = report.scenario->edges()[grade.edge];
    if (!grade.supported) {
        return "";
    }
    const auto& sources = report.scenario->sources();
    const bool cited = std::any_of(edge.sources.begin(), edge.sources.end(), [&](auto index) {
        return sources[index].id == report.source.id;
    });
    if (edge.status == Evidence::kDocumented) {
        return cited ? "already documented, citing " + report.source.id
                     : "already documented; cite the log as well (sources: [..., " +
                           report.source.id + "])";
    }
    return "suggested status: documented (was " + std::string(evidence_name(edge.status)) +
           "), sources: [..., " + report.source.id + "]";
}

void write_source_yaml(std::ostream& out, const AuditReport& report, const std::string& indent) {
    const AuditSourceEntry& s = report.source;
    out << indent << s.id << ":\n";
    out << indent << "  title: " << json_string(s.title) << "\n";
    if (!s.publisher.empty()) {
        out << indent << "  publisher: " << json_string(s.publisher) << "\n";
    } else {
        out << indent << "  # publisher: who published the log (fill in)\n";
    }
    if (!s.url.empty()) {
        out << indent << "  url: " << s.url << "\n";
    } else {
        out << indent << "  # url: where the log can be read (fill in)\n";
    }
    if (s.date) {
        out << indent << "  date: " << s.date->to_string() << "\n";
    }
    out << indent << "  kind: record\n";
}

}  // namespace

void write_audit_text(std::ostream& out, const AuditReport& report) {
    const AuditTally& tally = *report.tally;
    const ReasonClassifier& classifier = tally.classifier();
    const AuditCounts total = tally.total();
    for (const AuditLogInfo& log : report.logs) {
        out << "Log " << log.file << ": " << log.rows << " rows read, " << log.skipped
            << " skipped";
        if (log.duplicates > 0) {
            out << ", " << log.duplicates << " already counted from an earlier log";
        }
        out << "\n  columns used: " << log.columns << "\n";
        for (const SkippedRow& row : log.skipped_examples) {
            out << "  skipped line " << row.line << ": " << row.why << "\n";
        }
        if (log.skipped > log.skipped_examples.size()) {
            out << "  (and " << log.skipped - log.skipped_examples.size()
                << " more skipped rows)\n";
        }
    }
    out << (report.kind == AuditKind::kOrganization
                ? "Searches run by the agency (organization audit)"
                : "Searches of the agency's cameras by others (network audit)");
    out << ": " << tally.searches();
    if (tally.first_date()) {
        out << ", " << tally.first_date()->to_string() << " to " << tally.last_date()->to_string();
    }
    out << "\nReason table: version " << ReasonClassifier::kTableVersion << ", whole words";
    if (report.added_patterns > 0) {
        out << ", " << report.added_patterns << " patterns added from --patterns";
    }
    out << "\n";
    if (report.breaks) {
        out << "Scopes by cameras searched: " << range_text(*report.breaks) << "\n  ("
            << report.breaks->how << ")\n";
    } else {
        out << "Scopes: not known (" << report.no_breaks_why << ")\n";
    }

    out << "\n" << pad("Month", 9) << pad("Searches", 10, true);
    for (const SearchScope scope : kScopes) {
        out << pad(scope_id(scope), 10, true);
    }
    out << "\n";
    const auto row = [&](const std::string& name, const AuditCounts& counts) {
        out << pad(name, 9) << pad(num(counts.searches), 10, true);
        for (const std::uint64_t n : scope_counts(counts, report.breaks)) {
            out << pad(num(n), 10, true);
        }
        out << "\n";
    };
    for (const auto& [month, counts] : tally.months()) {
        row(month, counts);
    }
    row("Total", total);
    out << "Share by scope:";
    const auto scopes = scope_counts(total, report.breaks);
    for (const SearchScope scope : kScopes) {
        out << " " << scope_label(scope) << " "
            << percent(scopes[static_cast<int>(scope)], total.searches)
            << (scope == SearchScope::kUnknown ? "" : ";");
    }
    out << "\n\nReasons, by category (first matching rule; share of all searches):\n";
    for (const std::size_t c : classifier.priority()) {
        const std::uint64_t n = total.by_category[c];
        out << "  " << pad(classifier.categories()[c].label, 52) << pad(num(n), 7, true) << "  "
            << pad(percent(n, total.searches), 6, true) << "\n";
    }
    if (tally.months().size() > 1) {
        out << "\nReasons by month (share of the month's searches):\n  " << pad("", 48);
        for (const auto& [month, counts] : tally.months()) {
            (void)counts;
            out << pad(month, 8, true);
        }
        out << "\n";
        for (const std::size_t c : classifier.priority()) {
            out << "  " << pad(classifier.categories()[c].label.substr(0, 47), 48);
            for (const auto& [month, counts] : tally.months()) {
                out << pad(percent(counts.by_category[c], counts.searches), 8, true);
            }
            out << "\n";
        }
    }
    out << "\n";
    for (const std::size_t c : classifier.priority()) {
        const ReasonCategory& category = classifier.categories()[c];
        if (!category.listed) {
            continue;
        }
        const std::uint64_t count = tally.hit_count(c);
        out << (category.immigration ? "Immigration-related" : "Listed") << " hits ("
            << category.label << "): " << (count == 0 ? "none" : num(count)) << "\n";
        for (const AuditHit& hit : tally.hits()) {
            if (hit.category != c) {
                continue;
            }
            out << "  " << hit.file << ":" << hit.line << "  " << hit.when << "  ";
            if (hit.cameras) {
                out << *hit.cameras << " cameras (" << scope_of_hit(report, hit) << ")  ";
            }
            if (!hit.agency.empty()) {
                out << hit.agency << "  ";
            }
            out << "\"" << clean_utf8(hit.reason) << "\"  [matched '"
                << classifier.patterns()[hit.pattern].text << "']\n";
        }
        if (count > AuditTally::kMaxHits) {
            out << "  (the first " << AuditTally::kMaxHits << " are shown)\n";
        }
    }
    if (report.scenario == nullptr) {
        return;
    }
    const Scenario& scenario = *report.scenario;
    out << "\nEdges of " << scenario.nodes()[*report.agency].label << " ("
        << scenario.nodes()[*report.agency].id << ") in " << report.scenario_file << ":\n";
    if (report.grades.empty()) {
        out << "  none: no edge enters or leaves the node\n";
    }
    for (const EdgeGrade& grade : report.grades) {
        out << "  " << edge_line(report, grade) << "\n    " << grade.how << "\n";
        const std::string suggested = suggestion(report, grade);
        if (!suggested.empty()) {
            out << "    " << suggested << "\n";
        }
    }
    out << "\nSource entry for the scenario's sources: (the scenario file is not changed)\n";
    write_source_yaml(out, report, "  ");
}

void write_audit_json(std::ostream& out, const AuditReport& report) {
    const AuditTally& tally = *report.tally;
    const ReasonClassifier& classifier = tally.classifier();
    const auto counts_json = [&](const AuditCounts& counts) {
        std::string text = "\"searches\": " + num(counts.searches) + ", \"scopes\": {";
        const auto scopes = scope_counts(counts, report.breaks);
        for (const SearchScope scope : kScopes) {
            text += std::string(scope == SearchScope::kOwn ? "" : ", ") + "\"" + scope_id(scope) +
                    "\": " + num(scopes[static_cast<int>(scope)]);
        }
        text += "}, \"reasons\": {";
        bool first = true;
        for (const std::size_t c : classifier.priority()) {
            text += std::string(first ? "" : ", ") + json_string(classifier.categories()[c].id) +
                    ": " + num(counts.by_category[c]);
            first = false;
        }
        return text + "}";
    };
    out << "{\"kind\": \"" << (report.kind == AuditKind::kOrganization ? "organization" : "network")
        << "\",\n \"logs\": [";
    for (std::size_t i = 0; i < report.logs.size(); ++i) {
        const AuditLogInfo& log = report.logs[i];
        out << (i ? ",\n  " : "") << "{\"file\": " << json_string(log.file)
            << ", \"rows\": " << log.rows << ", \"skipped\": " << log.skipped
            << ", \"duplicates\": " << log.duplicates
            << ", \"columns\": " << json_string(log.columns) << ", \"skipped_rows\": [";
        for (std::size_t k = 0; k < log.skipped_examples.size(); ++k) {
            out << (k ? ", " : "") << "{\"line\": " << log.skipped_examples[k].line
                << ", \"why\": " << json_string(log.skipped_examples[k].why) << "}";
        }
        out << "]}";
    }
    out << "],\n \"searches\": " << tally.searches() << ",\n \"first_date\": "
        << (tally.first_date() ? json_string(tally.first_date()->to_string()) : "null")
        << ", \"last_date\": "
        << (tally.last_date() ? json_string(tally.last_date()->to_string()) : "null")
        << ",\n \"reason_table\": {\"version\": " << ReasonClassifier::kTableVersion
        << ", \"added_patterns\": " << report.added_patterns << ", \"categories\": [";
    bool first = true;
    for (const std::size_t c : classifier.priority()) {
        const ReasonCategory& category = classifier.categories()[c];
        out << (first ? "" : ", ") << "{\"id\": " << json_string(category.id)
            << ", \"label\": " << json_string(category.label)
            << ", \"immigration\": " << (category.immigration ? "true" : "false") << "}";
        first = false;
    }
    out << "]},\n \"scope_breaks\": ";
    if (report.breaks) {
        out << "{\"own_max\": " << report.breaks->own_max
            << ", \"state_max\": " << report.breaks->state_max
            << ", \"how\": " << json_string(report.breaks->how)
            << "}, \"scope_breaks_missing\": null";
    } else {
        out << "null, \"scope_breaks_missing\": " << json_string(report.no_breaks_why);
    }
    out << ",\n \"months\": [";
    first = true;
    for (const auto& [month, counts] : tally.months()) {
        out << (first ? "\n  " : ",\n  ") << "{\"month\": \"" << month << "\", "
            << counts_json(counts) << "}";
        first = false;
    }
    out << "],\n \"total\": {" << counts_json(tally.total())
        << "},\n \"immigration_hits\": " << tally.immigration_hits() << ",\n \"hits\": [";
    first = true;
    for (const AuditHit& hit : tally.hits()) {
        // A logged search is a record: what the log does not give is left out.
        out << (first ? "\n  " : ",\n  ") << "{\"file\": " << json_string(hit.file)
            << ", \"line\": " << hit.line << ", \"when\": " << json_string(hit.when);
        if (hit.cameras) {
            out << ", \"cameras\": " << *hit.cameras;
        }
        out << ", \"scope\": \"" << scope_of_hit(report, hit) << "\"";
        if (!hit.agency.empty()) {
            out << ", \"agency\": " << json_string(hit.agency);
        }
        out << ", \"reason\": " << json_string(clean_utf8(hit.reason))
            << ", \"category\": " << json_string(classifier.categories()[hit.category].id)
            << ", \"pattern\": " << json_string(classifier.patterns()[hit.pattern].text) << "}";
        first = false;
    }
    out << "]";
    if (report.scenario != nullptr) {
        const Scenario& scenario = *report.scenario;
        out << ",\n \"agency\": " << json_string(scenario.nodes()[*report.agency].id)
            << ",\n \"edges\": [";
        first = true;
        for (const EdgeGrade& grade : report.grades) {
            const Edge& edge = scenario.edges()[grade.edge];
            out << (first ? "\n  " : ",\n  ") << "{\"id\": " << json_string(edge.id)
                << ", \"from\": " << json_string(scenario.nodes()[edge.from].id)
                << ", \"to\": " << json_string(scenario.nodes()[edge.to].id);
            if (!edge.mechanism.empty()) {
                out << ", \"mechanism\": " << json_string(edge.mechanism);
            }
            out << ", \"status\": \"" << evidence_name(edge.status) << "\", \"scope\": \""
                << scope_id(grade.scope) << "\", \"searches\": " << grade.searches
                << ", \"supported\": " << (grade.supported ? "true" : "false")
                << ", \"suggested_status\": "
                << (grade.supported ? "\"" + std::string(evidence_name(grade.suggested)) + "\""
                                    : std::string("null"))
                << ", \"how\": " << json_string(grade.how) << "}";
            first = false;
        }
        const AuditSourceEntry& s = report.source;
        // A source entry, in the shape of `export`'s sources: what it lacks is left out.
        out << "],\n \"source\": {\"id\": " << json_string(s.id)
            << ", \"title\": " << json_string(s.title);
        if (!s.publisher.empty()) {
            out << ", \"publisher\": " << json_string(s.publisher);
        }
        if (!s.url.empty()) {
            out << ", \"url\": " << json_string(s.url);
        }
        if (s.date) {
            out << ", \"date\": " << json_string(s.date->to_string());
        }
        out << ", \"kind\": \"record\"}";
    }
    out << "}\n";
}

void write_audit_markdown(std::ostream& out, const AuditReport& report) {
    const AuditTally& tally = *report.tally;
    const ReasonClassifier& classifier = tally.classifier();
    const AuditCounts total = tally.total();
    const auto md = [](const std::string& text) {
        std::string escaped;
        for (const char c : clean_utf8(text)) {
            if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) {
                escaped += '\\';
            }
            escaped += c == '\n' ? ' ' : c;
        }
        return escaped;
    };
    out << "# Search audit\n\n";
    out << (report.kind == AuditKind::kOrganization
                ? "Searches run by the agency (organization audit)"
                : "Searches of the agency's cameras by others (network audit)")
        << ": **" << tally.searches() << "**";
    if (tally.first_date()) {
        out << ", " << tally.first_date()->to_string() << " to " << tally.last_date()->to_string();
    }
    out << ".\n\n";
    for (const AuditLogInfo& log : report.logs) {
        out << "- `" << md(log.file) << "`: " << log.rows << " rows read, " << log.skipped
            << " skipped; columns used: " << md(log.columns) << "\n";
        for (const SkippedRow& row : log.skipped_examples) {
            out << "  - skipped line " << row.line << ": " << md(row.why) << "\n";
        }
    }
    out << "- Reason table version " << ReasonClassifier::kTableVersion
        << " (whole words; docs/method.md)";
    if (report.added_patterns > 0) {
        out << ", " << report.added_patterns << " patterns added";
    }
    out << "\n- Scopes: "
        << (report.breaks ? md(range_text(*report.breaks)) + " (" + md(report.breaks->how) + ")"
                          : "not known (" + md(report.no_breaks_why) + ")")
        << "\n\n## Searches by month and scope\n\n";
    if (!report.svg_file.empty()) {
        out << "![Searches by scope and month](" << report.svg_file << ")\n\n";
    }
    out << "| Month | Searches |";
    for (const SearchScope scope : kScopes) {
        out << " " << scope_label(scope) << " |";
    }
    out << "\n|---|---:|---:|---:|---:|---:|\n";
    const auto row = [&](const std::string& name, const AuditCounts& counts) {
        out << "| " << name << " | " << counts.searches << " |";
        for (const std::uint64_t n : scope_counts(counts, report.breaks)) {
            out << " " << n << " (" << percent(n, counts.searches) << ") |";
        }
        out << "\n";
    };
    for (const auto& [month, counts] : tally.months()) {
        row(month, counts);
    }
    row("**Total**", total);
    out << "\n## Reasons\n\n| Category | Searches | Share |\n|---|---:|---:|\n";
    for (const std::size_t c : classifier.priority()) {
        out << "| " << md(classifier.categories()[c].label) << " | " << total.by_category[c]
            << " | " << percent(total.by_category[c], total.searches) << " |\n";
    }
    if (tally.months().size() > 1) {
        out << "\n### Reasons by month (share of the month's searches)\n\n| Category |";
        std::string rule = "|---|";
        for (const auto& [month, counts] : tally.months()) {
            (void)counts;
            out << " " << month << " |";
            rule += "---:|";
        }
        out << "\n" << rule << "\n";
        for (const std::size_t c : classifier.priority()) {
            out << "| " << md(classifier.categories()[c].label) << " |";
            for (const auto& [month, counts] : tally.months()) {
                out << " " << percent(counts.by_category[c], counts.searches) << " |";
            }
            out << "\n";
        }
    }
    for (const std::size_t c : classifier.priority()) {
        const ReasonCategory& category = classifier.categories()[c];
        if (!category.listed) {
            continue;
        }
        out << "\n## " << (category.immigration ? "Immigration-related hits" : "Listed hits")
            << ": " << md(category.label) << "\n\n";
        if (tally.hit_count(c) == 0) {
            out << "None.\n";
            continue;
        }
        out << "| Row | When | Cameras | Reason | Matched |\n|---|---|---:|---|---|\n";
        for (const AuditHit& hit : tally.hits()) {
            if (hit.category == c) {
                out << "| " << md(hit.file) << ":" << hit.line << " | " << md(hit.when) << " | "
                    << (hit.cameras ? std::to_string(*hit.cameras) : "") << " | " << md(hit.reason)
                    << " | " << md(classifier.patterns()[hit.pattern].text) << " |\n";
            }
        }
    }
    if (report.scenario == nullptr) {
        return;
    }
    out << "\n## Edges this log grades\n\n";
    for (const EdgeGrade& grade : report.grades) {
        out << "- `" << md(report.scenario->edges()[grade.edge].id) << "`: " << md(grade.how);
        const std::string suggested = suggestion(report, grade);
        if (!suggested.empty()) {
            out << ". " << md(suggested);
        }
        out << "\n";
    }
    out << "\nSource entry (the scenario file is not changed):\n\n```yaml\n";
    write_source_yaml(out, report, "");
    out << "```\n";
}

void write_audit_svg(std::ostream& out, const AuditReport& report) {
    const AuditTally& tally = *report.tally;
    static const char* const colours[] = {"#4e79a7", "#f28e2b", "#e15759", "#bab0ac"};
    const int bar = 48;
    const int step = 64;
    const int left = 70;
    const int top = 40;
    const int plot = 240;
    const int months = static_cast<int>(tally.months().size());
    const int width = left + std::max(months, 1) * step + 230;
    const int height = top + plot + 50;
    std::uint64_t most = 1;
    for (const auto& [month, counts] : tally.months()) {
        (void)month;
        most = std::max(most, counts.searches);
    }
    // A round axis maximum: 1, 2 or 5 times a power of ten.
    std::uint64_t axis = 1;
    for (std::uint64_t power = 1;; power *= 10) {
        const std::uint64_t choices[] = {power, 2 * power, 5 * power};
        const auto fits = std::find_if(std::begin(choices), std::end(choices),
                                       [&](std::uint64_t value) { return value >= most; });
        if (fits != std::end(choices)) {
            axis = *fits;
            break;
        }
    }
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
        << "\" viewBox=\"0 0 " << width << " " << height
        << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    out << "<title>Searches by scope and month</title>\n";
    out << "<text x=\"" << left << "\" y=\"20\" font-size=\"14\">Searches by scope and month ("
        << tally.searches() << " in all)</text>\n";
    for (int tick = 0; tick <= 4; ++tick) {
        const std::uint64_t value = axis * static_cast<std::uint64_t>(tick) / 4;
        const int y = top + plot - plot * tick / 4;
        out << "<line x1=\"" << left << "\" y1=\"" << y << "\" x2=\"" << left + months * step
            << "\" y2=\"" << y << "\" stroke=\"#dddddd\"/>\n";
        out << "<text x=\"" << left - 6 << "\" y=\"" << y + 4 << "\" text-anchor=\"end\">" << value
            << "</text>\n";
    }
    int index = 0;
    for (const auto& [month, counts] : tally.months()) {
        const auto scopes = scope_counts(counts, report.breaks);
        const int x = left + index * step + (step - bar) / 2;
        double base = top + plot;
        for (const SearchScope scope : kScopes) {
            const std::uint64_t n = scopes[static_cast<int>(scope)];
            if (n == 0) {
                continue;
            }
            const double h =
                static_cast<double>(plot) * static_cast<double>(n) / static_cast<double>(axis);
            char geometry[128];
            std::snprintf(geometry, sizeof geometry,
                          "x=\"%d\" y=\"%.2f\" width=\"%d\" height=\"%.2f\"", x, base - h, bar, h);
            out << "<rect " << geometry << " fill=\"" << colours[static_cast<int>(scope)]
                << "\"><title>" << month << ", " << scope_label(scope) << ": " << n
                << "</title></rect>\n";
            base -= h;
        }
        out << "<text x=\"" << x + bar / 2 << "\" y=\"" << top + plot + 16
            << "\" text-anchor=\"middle\">" << month << "</text>\n";
        out << "<text x=\"" << x + bar / 2 << "\" y=\"" << static_cast<int>(base) - 4
            << "\" text-anchor=\"middle\">" << counts.searches << "</text>\n";
        ++index;
    }
    int y = top + 10;
    for (const SearchScope scope : kScopes) {
        const int x = left + months * step + 20;
        out << "<rect x=\"" << x << "\" y=\"" << y - 10 << "\" width=\"12\" height=\"12\" fill=\""
            << colours[static_cast<int>(scope)] << "\"/>\n";
        out << "<text x=\"" << x + 18 << "\" y=\"" << y << "\">" << scope_label(scope)
            << "</text>\n";
        y += 20;
    }
    if (report.breaks) {
        out << "<text x=\"" << left << "\" y=\"" << height - 10 << "\" font-size=\"10\">"
            << xml_escape(range_text(*report.breaks)) << "</text>\n";
    }
    out << "</svg>\n";
}

}  // namespace flowsim::io
