#include "flowsim/audit_command.hpp"

#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <unordered_set>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <flowsim/io/audit_writer.hpp>
#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/spelling.hpp>

#include "flowsim/command_support.hpp"

namespace flowsim::cli {
namespace {

void print_errors(const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& diagnostic : diagnostics) {
        std::cerr << format_diagnostic(diagnostic);
    }
}

// "eyesoff_eugene.csv" -> "eyesoff-eugene"; a source id the loader accepts.
std::string id_from_file(const std::string& path) {
    std::string stem =
        path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    stem = stem.substr(0, stem.rfind('.'));
    std::string id;
    for (const char c : stem) {
        const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const char c2 = (std::isalnum(static_cast<unsigned char>(l)) != 0) ? l : '-';
        if (c2 != '-' || (!id.empty() && id.back() != '-')) {
            id += c2;
        }
    }
    while (!id.empty() && id.back() == '-') {
        id.pop_back();
    }
    return id.empty() ? "search-audit" : id;
}

std::string file_name(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

CLI::App& setup_audit(CLI::App& app, AuditOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "audit", "Summarise Flock search-audit logs: searches by month, reason and scope");
    command.add_option("logs", options.logs, "Search-audit logs (CSV); - reads stdin")->required();
    command.add_flag("-v,--verbose", options.common.verbose, "Say more on stderr");
    command.add_flag("-q,--quiet", options.common.quiet, "Say nothing on stderr but errors");
    command.add_option("--agency", options.agency,
                       "Node of the scenario whose searches the log lists (with --scenario)");
    command.add_option("--scenario", options.scenario,
                       "Scenario whose edges the log grades (never changed)");
    add_load_options(command, options.common.load);
    command.add_option("--columns", options.columns,
                       "Column mapping for Organization/Network Audit exports: "
                       "date=COL,reason=COL[,cameras=COL][,agency=COL][,id=COL]");
    command
        .add_option("--kind", options.kind,
                    "organization (searches BY the agency; the portal export) or network "
                    "(searches OF its cameras by others)")
        ->check(CLI::IsMember({"organization", "network"}));
    command.add_option("--patterns", options.patterns,
                       "File of extra reason patterns, one 'CATEGORY: PATTERN' a line");
    command
        .add_option("--own-cameras", options.own_cameras,
                    "The agency's own camera count: searches of at most N cameras are "
                    "'own' (default: from the data's clusters)")
        ->check(whole_number());
    command.add_option("--scope-breaks", options.scope_breaks,
                       "OWN_MAX,STATE_MAX: set both scope thresholds by hand");
    add_format_option(command, options.format, options.output, {"text", "json", "md"},
                      "text, json or md (default: from the extension of -o FILE, else text)");
    command.add_option("-o,--output", options.output, "Write to FILE (md: the chart beside it)");
    command.add_option("--svg", options.svg, "Also write the bar chart (SVG) to FILE");
    command.add_option("--source-id", options.source_id, "Id of the suggested source entry");
    command.add_option("--source-title", options.source_title, "Its title");
    command.add_option("--publisher", options.publisher, "Its publisher");
    command.add_option("--url", options.url, "Its URL");
    return command;
}

ExitCode run_audit(const AuditOptions& options) {
    if (options.agency.empty() != options.scenario.empty()) {
        std::cerr << "error: --agency and --scenario go together\n";
        return ExitCode::kInvalidInput;
    }
    std::optional<io::AuditColumns> columns;
    if (!options.columns.empty()) {
        std::string why;
        columns = io::parse_column_mapping(options.columns, why);
        if (!columns) {
            std::cerr << "error: --columns: " << why << "\n";
            return ExitCode::kInvalidInput;
        }
    } else if (options.kind == "network") {
        std::cerr << "error: a Network Audit needs --columns: the portal export lists the "
                     "agency's own searches\n";
        return ExitCode::kInvalidInput;
    }
    std::optional<io::ScopeBreaks> manual;
    if (!options.scope_breaks.empty()) {
        long long own = 0;
        long long state = 0;
        char extra = 0;
        if (std::sscanf(options.scope_breaks.c_str(), "%lld,%lld%c", &own, &state, &extra) != 2 ||
            own < 0 || state <= own) {
            std::cerr << "error: --scope-breaks wants OWN_MAX,STATE_MAX with OWN_MAX < "
                         "STATE_MAX, e.g. 533,2859\n";
            return ExitCode::kInvalidInput;
        }
        manual = io::ScopeBreaks{own, state, "given with --scope-breaks"};
    }

    io::ReasonClassifier classifier = io::ReasonClassifier::built_in();
    const std::size_t built_in_patterns = classifier.patterns().size();
    if (!options.patterns.empty()) {
        std::ifstream file(options.patterns, std::ios::binary);
        if (!file) {
            std::cerr << options.patterns << ": error: cannot open the pattern file\n";
            return ExitCode::kInvalidInput;
        }
        std::ostringstream text;
        text << file.rdbuf();
        std::vector<Diagnostic> diagnostics;
        if (!classifier.add_patterns(text.str(), options.patterns, diagnostics)) {
            print_errors(diagnostics);
            return ExitCode::kInvalidInput;
        }
    }

    // The scenario first: a mistake there should not cost a read of a large log.
    std::optional<Scenario> scenario;
    std::optional<NodeIndex> agency;
    if (!options.scenario.empty()) {
        scenario = load_or_report(options.scenario, options.common.load.limits());
        if (!scenario) {
            return ExitCode::kInvalidInput;
        }
        agency = scenario->find_node(options.agency);
        if (!agency) {
            std::vector<std::string_view> ids;
            for (const Node& node : scenario->nodes()) {
                ids.push_back(node.id);
            }
            std::cerr << options.scenario << ": error: no node '" << options.agency << "'"
                      << did_you_mean(options.agency, ids) << "\n";
            return ExitCode::kInvalidInput;
        }
    }

    io::AuditTally tally(classifier);
    io::AuditReport report;
    report.tally = &tally;
    report.kind =
        options.kind == "network" ? io::AuditKind::kNetwork : io::AuditKind::kOrganization;
    report.added_patterns = classifier.patterns().size() - built_in_patterns;
    // Rows repeated across several logs (overlapping 30-day exports) count once, by id.
    // Only then does memory grow with the rows: one hash per row.
    std::unordered_set<std::size_t> seen;
    const bool dedupe = options.logs.size() > 1;
    for (const std::string& path : options.logs) {
        // stdin through a file buffer: std::cin, synchronised with stdio, reads a byte
        // at a time.
        const std::string name = path == "-" ? "<stdin>" : path;
        std::ifstream file(path == "-" ? "/dev/stdin" : path, std::ios::binary);
        if (!file) {
            std::cerr << name << ": error: cannot open the log\n";
            return ExitCode::kInvalidInput;
        }
        io::SearchAuditReader reader(file, name, columns);
        if (!reader.read_header()) {
            print_errors(reader.errors());
            return ExitCode::kInvalidInput;
        }
        io::AuditLogInfo info;
        info.file = name;
        info.columns = reader.columns_used();
        io::AuditRow row;
        while (reader.next(row)) {
            if (dedupe && reader.has_id() && !row.id.empty() &&
                !seen.insert(std::hash<std::string_view>{}(row.id)).second) {
                ++info.duplicates;
                continue;
            }
            tally.add(name, row);
        }
        if (!reader.errors().empty()) {
            print_errors(reader.errors());
            return ExitCode::kInvalidInput;
        }
        if (!reader.stream_ok()) {
            std::cerr << name << ": error: reading the log failed\n";
            return ExitCode::kInternal;
        }
        info.rows = reader.rows_read();
        info.skipped = reader.skipped_count();
        info.skipped_examples = reader.skipped_examples();
        if (options.common.verbosity() != Verbosity::kQuiet) {
            for (const io::SkippedRow& skipped : info.skipped_examples) {
                std::cerr << name << ":" << skipped.line
                          << ": warning: row skipped: " << skipped.why << "\n";
            }
        }
        spdlog::debug("{}: {} rows, {} skipped", name, info.rows, info.skipped);
        report.logs.push_back(std::move(info));
    }

    const io::AuditCounts total = tally.total();
    if (manual) {
        report.breaks = manual;
    } else if (!total.cameras.empty()) {
        report.breaks = io::derive_scope_breaks(
            total.cameras, options.own_cameras >= 0
                               ? std::optional<std::int64_t>(options.own_cameras)
                               : std::nullopt);
        if (!report.breaks) {
            report.no_breaks_why =
                "the camera counts do not fall in three clusters; give "
                "--own-cameras N or --scope-breaks OWN_MAX,STATE_MAX";
        }
    } else {
        report.no_breaks_why = "the log has no camera counts (map them with --columns cameras=COL)";
    }

    if (scenario) {
        report.scenario = &*scenario;
        report.agency = agency;
        report.scenario_file = options.scenario;
        report.grades = io::grade_edges(*scenario, *agency, report.kind, tally, report.breaks);
        io::AuditSourceEntry& source = report.source;
        source.id =
            options.source_id.empty() ? id_from_file(options.logs.front()) : options.source_id;
        const std::string& label = scenario->nodes()[*agency].label;
        std::string title = options.source_title;
        if (title.empty()) {
            title = std::string(report.kind == io::AuditKind::kOrganization
                                    ? "Flock search audit of "
                                    : "Flock network audit of ") +
                    label;
            if (tally.first_date()) {
                title += ", " + tally.first_date()->to_string() + " to " +
                         tally.last_date()->to_string();
            }
            title += " (" + std::to_string(tally.searches()) + " searches)";
        }
        source.title = title;
        source.publisher = options.publisher;
        source.url = options.url;
        source.date = tally.last_date();
    }

    std::string svg_path = options.svg;
    if (svg_path.empty() && options.format == "md" && !options.output.empty()) {
        svg_path = file_beside(options.output, ".svg");
    }
    if (!svg_path.empty() && svg_path == options.output) {
        std::cerr << "error: the chart would overwrite the output " << options.output << "\n";
        return ExitCode::kInvalidInput;
    }
    if (options.format == "md" && !svg_path.empty()) {
        report.svg_file = file_name(svg_path);
    }

    Output output(options.output);
    if (!output.ok()) {
        return ExitCode::kInternal;
    }
    if (options.format == "json") {
        io::write_audit_json(output.stream(), report);
    } else if (options.format == "md") {
        io::write_audit_markdown(output.stream(), report);
    } else {
        io::write_audit_text(output.stream(), report);
    }
    if (!svg_path.empty()) {
        Output chart(svg_path);
        if (!chart.ok()) {
            return ExitCode::kInternal;
        }
        io::write_audit_svg(chart.stream(), report);
        if (!chart.commit()) {
            return ExitCode::kInternal;
        }
    }
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    return ExitCode::kYes;
}

}  // namespace flowsim::cli
