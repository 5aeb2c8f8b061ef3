#include "flowsim/io/report_writer.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

#include <flowsim/io/json_writer.hpp>
#include <flowsim/io/route_writer.hpp>
#include <flowsim/io/wording.hpp>

#include "markup_text.hpp"
#include "report_parts.hpp"
#include "route_text.hpp"

namespace flowsim::io {
namespace {

// The report is worked out once as plain text (this model), then written as Markdown or
// HTML; each writer escapes every text it takes from here.

struct Condition {
    std::string name;
    std::string value;
};

struct ParameterRow {
    std::string id;
    bool value = false;
    bool default_value = false;
    std::string label;
};

struct ReportModel {
    std::string title;
    std::string description;
    ReportAnswer answer = ReportAnswer::kNo;
    std::string answer_text;  // the sentence after "Yes", "No" or "Not known"
    std::string routes_intro;
    std::vector<RouteRow> routes;
    std::string routes_more;  // "N more routes not shown ..."; empty when all are listed
    std::string blocked_intro;
    std::vector<BlockedItem> blocked;
    std::vector<std::string> partly_blocked;  // links laws block for some sources only
    std::vector<Condition> conditions;
    std::vector<ParameterRow> parameters;
    std::vector<SourceEntry> sources;  // number i + 1 is sources[i]
    // report --simulate: what the runs rest on, a row per pair reached, the curve (SVG).
    std::string simulation_basis;
    std::vector<SimulationRow> simulation_rows;
    std::string simulation_curve;
};

// The diagram's caption: what it shows, then how to read its lines.
std::string figure_caption(bool routes_drawn, bool routes_only) {
    return std::string(routes_only ? "The nodes and sharing links on the routes, grouped by "
                                     "jurisdiction (the rest of the network is left out). "
                                   : "Every node and sharing link of the scenario, grouped by "
                                     "jurisdiction. ") +
           (routes_drawn ? "The routes are drawn thick and red and the targets emphasised; "
                         : "No route is drawn, as none was found; ") +
           "links that are off under this configuration are faint grey. Line style gives the "
           "evidence: solid documented, dashed reported, dotted alleged, announced or "
           "hypothetical.";
}

// Where the diagram would be, when there is none.
std::string no_diagram(const ReportFindings& findings) {
    return findings.diagram_stopped.complete()
               ? "No diagram was drawn for this report."
               : "No diagram: " + stop_reason(findings.diagram_stopped) +
                     " stopped Graphviz before it was laid out.";
}

// `items`, each escaped by `escape`, joined by `separator`; `none` when there are none.
std::string escaped_list(const std::vector<std::string>& items,
                         const std::string& separator,
                         const std::string& none,
                         std::string (*escape)(std::string_view)) {
    if (items.empty()) {
        return none;
    }
    std::vector<std::string> escaped;
    for (const std::string& item : items) {
        escaped.push_back(escape(item));
    }
    return join(escaped, separator);
}

const char* const kPartlyBlockedNote =
    "A law blocks these links for some of the sources asked about and not for the others, "
    "so the diagram draws them as usual. Each line names the law, the sources it blocks the "
    "links for, and the links on the way from those sources to the targets.";

// One line per law (or set of laws) and the sources it blocks links for: "The law “…”
// [2] (for data from A; not from B) blocks C → D (upload) and E → F (lookup)."
void describe_partly_blocked(ReportModel& model,
                             const Scenario& scenario,
                             const QueryHeader& header,
                             const std::vector<PartlyBlockedEdge>& partly_blocked,
                             SourceNumbers& numbers) {
    using Key = std::pair<std::vector<std::uint32_t>, std::vector<NodeIndex>>;
    std::vector<std::pair<Key, std::vector<EdgeIndex>>> groups;  // in edge order
    for (const PartlyBlockedEdge& partly : partly_blocked) {
        Key key{partly.policies, partly.origins};
        const auto group = std::find_if(groups.begin(), groups.end(),
                                        [&](const auto& entry) { return entry.first == key; });
        if (group == groups.end()) {
            groups.push_back({std::move(key), {partly.edge}});
        } else {
            group->second.push_back(partly.edge);
        }
    }
    for (const auto& [key, edges] : groups) {
        std::vector<std::string> hops;
        for (std::size_t i = 0; i < edges.size() && i < kMostListed; ++i) {
            hops.push_back(hop_text(scenario, edges[i]));
        }
        std::string line = law_text(scenario, header, key.first, key.second, numbers);
        line[0] = 'T';  // law_text's "the law …" begins the sentence
        model.partly_blocked.push_back(line + (key.first.size() == 1 ? " blocks " : " block ") +
                                       capped_series(hops, edges.size()) + ".");
    }
}

void describe_conditions(ReportModel& model,
                         const ConfigurationView& view,
                         const ResolvedQuery& query,
                         const QueryHeader& header) {
    const Scenario& scenario = view.scenario();
    std::string configuration = header.configuration;
    if (!query.activity.settings.empty()) {
        configuration += ", with " + settings_text(scenario, query.activity.settings);
    }
    model.conditions.push_back({"Configuration", configuration});
    model.conditions.push_back(
        {"Facts as of",
         header.as_of ? *header.as_of : "no date: every link counts, whatever its dates"});
    model.conditions.push_back({"From", list_nodes(scenario, header.from)});
    model.conditions.push_back({"To", list_nodes(scenario, header.to)});
    std::vector<std::string> kinds;
    for (const std::string& id : header.data) {
        kinds.push_back(scenario.data_kinds()[*scenario.find_data_kind(id)].label);
    }
    model.conditions.push_back({"Data", join(kinds, ", ")});
    if (query.activity.min_evidence != Evidence::kHypothetical) {
        model.conditions.push_back(
            {"Evidence floor",
             "only links at least " + std::string(evidence_name(query.activity.min_evidence))});
    }
    if (!query.activity.without.empty()) {
        std::vector<std::string> gates;
        for (const GateIndex gate : query.activity.without) {
            gates.push_back(scenario.gates()[gate].label.empty() ? scenario.gates()[gate].id
                                                                 : scenario.gates()[gate].label);
        }
        model.conditions.push_back({"Assumed never given", join(gates, "; ")});
    }
    if (query.routes.via) {
        model.conditions.push_back({"Through", list_nodes(scenario, *query.routes.via)});
    }
    if (!query.routes.avoid.empty()) {
        model.conditions.push_back({"Avoiding", list_nodes(scenario, query.routes.avoid)});
    }
    if (query.routes.max_hops) {
        model.conditions.push_back({"Longest route", plural(*query.routes.max_hops, "hop")});
    }
    for (std::size_t i = 0; i < scenario.parameters().size(); ++i) {
        const Parameter& parameter = scenario.parameters()[i];
        // A parameter without a label has its id as one; saying it twice tells nothing.
        model.parameters.push_back({parameter.id, static_cast<bool>(view.parameter_values()[i]),
                                    parameter.default_value,
                                    parameter.label == parameter.id ? "" : parameter.label});
    }
    std::sort(model.parameters.begin(), model.parameters.end(),
              [](const ParameterRow& a, const ParameterRow& b) { return a.id < b.id; });
}

// Builds the page. The table of routes, the one part as long as the answer, stops early
// when `listing` says so: a page of millions of routes can outlast the deadline.
ReportModel build_model(const ConfigurationView& view,
                        const ResolvedQuery& query,
                        const ReportFindings& findings,
                        StopEvery& listing) {
    const Scenario& scenario = view.scenario();
    const QueryHeader header = make_header(view, query, findings.display_name);
    ReportModel model;
    model.title = header.scenario;
    model.description = scenario.description();
    const AnswerLine line = answer_line(scenario, header, findings);
    model.answer = line.answer;
    model.answer_text = line.text;
    if (findings.simulation) {
        model.simulation_basis = simulation_basis(*findings.simulation);
        model.simulation_rows = simulation_rows(scenario, *findings.simulation);
        model.simulation_curve = exposure_curve_svg(scenario, *findings.simulation);
    }

    SourceNumbers numbers;
    const RouteLines lines(scenario);
    for (const Route& route : findings.routes) {
        if (!listing.go_on()) {
            break;
        }
        model.routes.push_back(route_row(view, lines, route, numbers));
    }
    const std::size_t listed = model.routes.size();
    const std::string counted = (findings.cover.completion.complete() ? "" : "at least ") +
                                plural(findings.route_count, "route");
    if (listed == findings.route_count) {
        model.routes_intro =
            listed == 1 ? "The one route." : "All " + counted + ", fewest hops first.";
    } else {
        model.routes_intro = (listed == 1 ? "The first" : "The first " + std::to_string(listed)) +
                             " of " + counted + ", fewest hops first.";
        const std::size_t unlisted = findings.route_count - listed;
        model.routes_more = (findings.cover.completion.complete() ? "" : "At least ") +
                            std::to_string(unlisted) +
                            (unlisted == 1 ? " more route" : " more routes") +
                            " not shown; flowsim paths lists them all.";
    }
    if (!findings.cover.completion.complete() && findings.route_count > 0) {
        model.routes_intro += findings.cover.completion.cut_short()
                                  ? " The search was cut short, so more routes may exist."
                                  : " Counting stopped there, so more routes may exist.";
    }
    if (listing.completion().cut_short()) {
        model.routes_intro += " The table was cut short by " + stop_reason(listing.completion()) +
                              " after " + plural(listed, "route") + ".";
    }

    if (model.answer == ReportAnswer::kNo) {
        model.blocked_intro = findings.blocked.empty() ? kNoRouteAtAllNote : kBlockedNote;
        for (const BlockedRoute& blocked : findings.blocked) {
            model.blocked.push_back(blocked_item(scenario, lines, header, blocked, numbers));
        }
    }
    describe_partly_blocked(model, scenario, header, findings.partly_blocked, numbers);
    describe_conditions(model, view, query, header);
    for (const SourceIndex index : numbers.order()) {
        const Source& source = scenario.sources()[index];
        model.sources.push_back(source_entry(source));
    }
    return model;
}

std::string parameter_value(const ParameterRow& row) {
    std::string text = row.value ? "true" : "false";
    if (row.value != row.default_value) {
        text += std::string(" (default ") + (row.default_value ? "true" : "false") + ")";
    }
    return text;
}

// --- Markdown ---------------------------------------------------------------------------

// A URL as a Markdown link destination in angle brackets: nothing in it can end the
// destination or start an escape.
std::string markdown_url(std::string_view url) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out = "<";
    for (const char c : clean_utf8(url)) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '<' || c == '>' || c == '\\' || c == ' ' || byte < 0x20 || byte == 0x7F) {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        } else {
            out += c;
        }
    }
    return out + ">";
}

std::string markdown_code(std::string_view id) {
    // Ids are letters, digits, '_', '.' and '-' (the loader checks), so a code span holds them.
    return "`" + std::string(id) + "`";
}

std::string markdown_list(const std::vector<std::string>& items,
                          const std::string& separator,
                          const std::string& none) {
    return escaped_list(items, separator, none, markdown_text);
}

std::string markdown_citations(const std::vector<std::size_t>& sources) {
    std::vector<std::string> cited;
    for (const std::size_t number : sources) {
        cited.push_back("[" + std::to_string(number) + "]");
    }
    return cited.empty() ? "none" : join(cited, " ");
}

constexpr std::string_view kSimulationHeadings[] = {"Source → target", "Reached (95% interval)",
                                                    "Within",          "Median time",
                                                    "90th percentile", "Most first arrivals by"};
constexpr std::string_view kCurveCaption =
    "The share of all runs in which the record has reached the target, by the time since it "
    "was made; the dashed line marks --within.";

void write_markdown_simulation(std::ostream& out, const ReportModel& model) {
    out << "## Over time\n\n" << markdown_text(model.simulation_basis) << "\n\n";
    if (!model.simulation_rows.empty()) {
        out << "|";
        for (const std::string_view heading : kSimulationHeadings) {
            out << " " << heading << " |";
        }
        out << "\n| --- | ---: | ---: | ---: | ---: | --- |\n";
        for (const SimulationRow& row : model.simulation_rows) {
            out << "| " << markdown_text(row.pair) << " | " << markdown_text(row.reached) << " | "
                << markdown_text(row.within) << " | " << markdown_text(row.median) << " | "
                << markdown_text(row.p90) << " | " << markdown_text(row.first_route) << " |\n";
        }
        out << "\n";
    } else {
        out << "No run reached a target.\n\n";
    }
    // Inline SVG: an HTML block, which Markdown passes on as it is.
    out << model.simulation_curve << "\n" << markdown_text(kCurveCaption) << "\n\n";
}

void write_markdown(std::ostream& out, const ReportModel& model, const ReportFindings& findings) {
    out << "# " << markdown_text(model.title) << "\n\n";
    if (!model.description.empty()) {
        out << markdown_text(model.description) << "\n\n";
    }
    out << "**" << answer_word(model.answer) << "** — " << markdown_text(model.answer_text)
        << "\n\n";

    out << "## Diagram\n\n";
    if (findings.diagram.empty()) {
        out << markdown_text(no_diagram(findings)) << "\n\n";
    } else {
        out << "![Diagram of the scenario with the routes in red]("
            << markdown_url(findings.diagram) << ")\n\n"
            << markdown_text(figure_caption(findings.route_count > 0, findings.routes_only))
            << " [Open the diagram at full size](" << markdown_url(findings.diagram) << ").\n\n";
    }

    if (!model.routes.empty()) {
        out << "## Routes\n\n"
            << markdown_text(model.routes_intro) << " " << markdown_text(kRoutesNote) << "\n\n";
        out << "| # | Route | Data | Evidence | Needs | Depends on | Likelihood | Sources | Route "
               "id |\n"
            << "| ---: | --- | --- | --- | --- | --- | ---: | --- | --- |\n";
        std::size_t number = 0;
        for (const RouteRow& row : model.routes) {
            out << "| " << ++number << " | " << markdown_text(row.path) << " | "
                << markdown_text(row.data) << " | " << row.evidence << " | "
                << markdown_list(row.gates, "; ", "nothing") << " | "
                << markdown_list(row.parameters, "; ", "nothing") << " | " << row.likelihood
                << " | " << markdown_citations(row.sources) << " | " << markdown_code(row.id)
                << " |\n";
        }
        out << "\n";
        if (!model.routes_more.empty()) {
            out << "*" << markdown_text(model.routes_more) << "*\n\n";
        }
    }

    if (model.answer == ReportAnswer::kNo) {
        out << "## What blocks the routes\n\n" << markdown_text(model.blocked_intro) << "\n\n";
        std::size_t number = 0;
        for (const BlockedItem& item : model.blocked) {
            out << ++number << ". " << markdown_text(item.path) << " (" << markdown_text(item.data)
                << "; sources " << markdown_citations(item.sources) << ")\n";
            for (const BlockerLine& blocker : item.blockers) {
                out << "   - " << markdown_text(blocker.hop) << " ("
                    << markdown_code(blocker.edge_id) << "): " << markdown_text(blocker.detail)
                    << " [" << blocker.reason << "]\n";
            }
        }
        if (!model.blocked.empty()) {
            out << "\n";
        }
    }

    if (!model.partly_blocked.empty()) {
        out << "## Links blocked for some sources\n\n"
            << markdown_text(kPartlyBlockedNote) << "\n\n";
        for (const std::string& line : model.partly_blocked) {
            out << "- " << markdown_text(line) << "\n";
        }
        out << "\n";
    }

    if (findings.simulation) {
        write_markdown_simulation(out, model);
    }

    out << "## Configuration\n\n";
    for (const Condition& condition : model.conditions) {
        out << "- **" << condition.name << ":** " << markdown_text(condition.value) << "\n";
    }
    out << "\n";
    if (!model.parameters.empty()) {
        out << "| Parameter | Value | Meaning |\n| --- | --- | --- |\n";
        for (const ParameterRow& row : model.parameters) {
            out << "| " << markdown_code(row.id) << " | " << parameter_value(row) << " | "
                << markdown_text(row.label) << " |\n";
        }
        out << "\n";
    }

    out << "## Sources\n\n";
    if (model.sources.empty()) {
        out << "No source is cited by the routes shown.\n\n";
    } else {
        std::size_t number = 0;
        for (const SourceEntry& source : model.sources) {
            out << ++number << ". ";
            if (source.url.empty()) {
                out << markdown_text(source.title);
            } else {
                out << "[" << markdown_text(source.title) << "](" << markdown_url(source.url)
                    << ")";
            }
            if (!source.publisher.empty()) {
                out << " — " << markdown_text(source.publisher);
            }
            if (!source.date.empty()) {
                out << ", " << source.date;
            }
            if (!source.kind.empty()) {
                out << " (" << source.kind << ")";
            }
            out << "\n";
        }
        out << "\n";
    }

    out << "## Method\n\n" << markdown_text(kMethodNote) << "\n\n";
    for (const StatusMeaning& status : kStatusMeanings) {
        out << "- **" << status.status << "**: " << markdown_text(status.meaning) << "\n";
    }
    const Provenance& provenance = findings.provenance;
    if (!provenance.scenario.empty()) {
        out << "\n## Provenance\n\n"
            << "- **Scenario:** " << markdown_code(provenance.scenario) << "\n"
            << "- **Content hash of the files loaded:** " << markdown_code(provenance.content_hash)
            << "\n"
            << "- **flowsim version:** " << markdown_text(provenance.version) << "\n"
            << "- **Written by:** " << markdown_code(provenance.command) << "\n";
    }
}

// --- HTML -------------------------------------------------------------------------------

std::string html_list(const std::vector<std::string>& items,
                      const std::string& separator,
                      const std::string& none) {
    return escaped_list(items, separator, none, html);
}

void write_html_simulation(std::ostream& out, const ReportModel& model) {
    out << "<section id=\"simulation\">\n<h2>Over time</h2>\n<p>" << html(model.simulation_basis)
        << "</p>\n";
    if (!model.simulation_rows.empty()) {
        out << "<div class=\"table-wrap\">\n<table class=\"simulation\">\n<thead><tr>";
        for (const std::string_view heading : kSimulationHeadings) {
            out << "<th scope=\"col\">" << html(heading) << "</th>";
        }
        out << "</tr></thead>\n<tbody>\n";
        for (const SimulationRow& row : model.simulation_rows) {
            out << "<tr><td>" << html(row.pair) << "</td><td class=\"number\">" << html(row.reached)
                << "</td><td class=\"number\">" << html(row.within) << "</td><td class=\"number\">"
                << html(row.median) << "</td><td class=\"number\">" << html(row.p90) << "</td><td>"
                << html(row.first_route) << "</td></tr>\n";
        }
        out << "</tbody>\n</table>\n</div>\n";
    } else {
        out << "<p>No run reached a target.</p>\n";
    }
    // The curve scales with the page, up to its own width.
    std::string curve = model.simulation_curve;
    curve.replace(0, 4, "<svg class=\"diagram\" style=\"max-width:720px\"");
    out << "<figure>\n"
        << curve << "<figcaption>" << html(kCurveCaption)
        << "</figcaption>\n</figure>\n</section>\n";
}

void write_html(std::ostream& out, const ReportModel& model, const ReportFindings& findings) {
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // The page needs nothing from anywhere; the browser is told so, which also stops
        // any script should one ever slip in.
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'\">\n"
        << "<meta name=\"referrer\" content=\"no-referrer\">\n"
        << "<title>" << html(model.title) << " — flowsim report</title>\n"
        << "<style>" << kReportStyle << "</style>\n</head>\n<body>\n<header>\n"
        << "<p class=\"kicker\">flowsim report</p>\n<h1>" << html(model.title) << "</h1>\n";
    if (!model.description.empty()) {
        out << "<p class=\"description\">" << html(model.description) << "</p>\n";
    }
    const char* answer_class = model.answer == ReportAnswer::kYes  ? "yes"
                               : model.answer == ReportAnswer::kNo ? "no"
                                                                   : "unknown";
    out << "</header>\n<main>\n<p class=\"answer " << answer_class << "\"><strong>"
        << answer_word(model.answer) << "</strong> — " << html(model.answer_text) << "</p>\n";

    out << "<section id=\"diagram\">\n<h2>Diagram</h2>\n";
    const std::string svg = svg_for_html(findings.diagram);
    if (svg.empty()) {
        out << "<p>" << html(no_diagram(findings)) << "</p>\n";
    } else {
        // Drawn at its own size, so that its labels can be read at 100 % zoom; it scrolls
        // sideways, opens full screen (no script: the :target rule of the style), and
        // fits the page in print.
        out << "<figure id=\"figure\">\n<p class=\"figure-tools\"><a class=\"open\" "
               "href=\"#figure\">Open the diagram full screen</a><a class=\"close\" "
               "href=\"#diagram\">Close the full-screen diagram</a></p>\n<div "
               "class=\"figure-scroll\">\n"
            << svg << "\n</div>\n<figcaption>"
            << html(figure_caption(findings.route_count > 0, findings.routes_only))
            << "</figcaption>\n</figure>\n";
    }
    out << "</section>\n";

    if (!model.routes.empty()) {
        static const char* const kHeadings[] = {"#",          "Route",   "Data",
                                                "Evidence",   "Needs",   "Depends on",
                                                "Likelihood", "Sources", "Route id"};
        out << "<section id=\"routes\">\n<h2>Routes</h2>\n<p>" << html(model.routes_intro) << " "
            << html(kRoutesNote) << "</p>\n<div class=\"table-wrap\">\n<table class=\"routes\">\n"
            << "<thead><tr>";
        for (const char* heading : kHeadings) {
            out << "<th scope=\"col\">" << heading << "</th>";
        }
        out << "</tr></thead>\n<tbody>\n";
        std::size_t number = 0;
        for (const RouteRow& row : model.routes) {
            out << "<tr><td class=\"number\" data-label=\"#\">" << ++number << "</td>"
                << "<td class=\"route\" data-label=\"Route\">" << html(row.path) << "</td>"
                << "<td data-label=\"Data\">" << html(row.data) << "</td>"
                << "<td data-label=\"Evidence\">" << row.evidence << "</td>"
                << "<td data-label=\"Needs\">" << html_list(row.gates, "; ", "nothing") << "</td>"
                << "<td data-label=\"Depends on\">" << html_list(row.parameters, "; ", "nothing")
                << "</td>"
                << "<td class=\"number\" data-label=\"Likelihood\">" << row.likelihood << "</td>"
                << "<td data-label=\"Sources\">" << html_citations(row.sources) << "</td>"
                << "<td data-label=\"Route id\"><code class=\"id\">" << html(row.id)
                << "</code></td></tr>\n";
        }
        out << "</tbody>\n</table>\n</div>\n";
        if (!model.routes_more.empty()) {
            out << "<p class=\"more\">" << html(model.routes_more) << "</p>\n";
        }
        out << "</section>\n";
    }

    if (model.answer == ReportAnswer::kNo) {
        out << "<section id=\"blocked\">\n<h2>What blocks the routes</h2>\n<p>"
            << html(model.blocked_intro) << "</p>\n";
        if (!model.blocked.empty()) {
            out << "<ol class=\"blocked\">\n";
            for (const BlockedItem& item : model.blocked) {
                out << "<li><span class=\"route\">" << html(item.path) << "</span> ("
                    << html(item.data) << "; sources " << html_citations(item.sources)
                    << ")\n<ul>\n";
                for (const BlockerLine& blocker : item.blockers) {
                    out << "<li>" << html(blocker.hop) << " (<code>" << html(blocker.edge_id)
                        << "</code>): " << html(blocker.detail) << " [" << blocker.reason
                        << "]</li>\n";
                }
                out << "</ul>\n</li>\n";
            }
            out << "</ol>\n";
        }
        out << "</section>\n";
    }

    if (!model.partly_blocked.empty()) {
        out << "<section id=\"partly-blocked\">\n<h2>Links blocked for some sources</h2>\n<p>"
            << html(kPartlyBlockedNote) << "</p>\n<ul>\n";
        for (const std::string& line : model.partly_blocked) {
            out << "<li>" << html(line) << "</li>\n";
        }
        out << "</ul>\n</section>\n";
    }

    if (findings.simulation) {
        write_html_simulation(out, model);
    }

    out << "<section id=\"configuration\">\n<h2>Configuration</h2>\n<dl class=\"conditions\">\n";
    for (const Condition& condition : model.conditions) {
        out << "<dt>" << condition.name << "</dt><dd>" << html(condition.value) << "</dd>\n";
    }
    out << "</dl>\n";
    if (!model.parameters.empty()) {
        out << "<div class=\"table-wrap\">\n<table class=\"parameters\">\n<thead><tr><th "
               "scope=\"col\">Parameter</th><th scope=\"col\">Value</th><th "
               "scope=\"col\">Meaning</th></tr></thead>\n<tbody>\n";
        for (const ParameterRow& row : model.parameters) {
            out << "<tr><td><code>" << html(row.id) << "</code></td><td>" << parameter_value(row)
                << "</td><td>" << html(row.label) << "</td></tr>\n";
        }
        out << "</tbody>\n</table>\n</div>\n";
    }
    out << "</section>\n";

    out << "<section id=\"sources\">\n<h2>Sources</h2>\n";
    write_html_sources(out, model.sources, "No source is cited by the routes shown.");
    out << "</section>\n";

    out << "<section id=\"method\">\n<h2>Method</h2>\n<p>" << html(kMethodNote) << "</p>\n<ul>\n";
    for (const StatusMeaning& status : kStatusMeanings) {
        out << "<li><strong>" << status.status << "</strong>: " << html(status.meaning)
            << "</li>\n";
    }
    out << "</ul>\n</section>\n";
    const Provenance& provenance = findings.provenance;
    if (!provenance.scenario.empty()) {
        out << "<section id=\"provenance\">\n<h2>Provenance</h2>\n<dl class=\"conditions\">\n"
            << "<dt>Scenario</dt><dd><code>" << html(provenance.scenario) << "</code></dd>\n"
            << "<dt>Content hash of the files loaded</dt><dd><code>"
            << html(provenance.content_hash) << "</code></dd>\n"
            << "<dt>flowsim version</dt><dd>" << html(provenance.version) << "</dd>\n"
            << "<dt>Written by</dt><dd><code>" << html(provenance.command) << "</code></dd>\n"
            << "</dl>\n</section>\n";
    }
    out << "</main>\n</body>\n</html>\n";
}

// The value of attribute `name` in the start tag `tag`, and where the attribute (with
// the white space before it) begins and ends; nothing when absent.
struct Attribute {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string value;
};

std::optional<Attribute> find_attribute(std::string_view tag, std::string_view name) {
    const std::string pattern = std::string(name) + "=\"";
    std::size_t at = 0;
    while ((at = tag.find(pattern, at)) != std::string_view::npos) {
        if (at > 0 && (tag[at - 1] == ' ' || tag[at - 1] == '\n' || tag[at - 1] == '\t')) {
            const std::size_t value_begin = at + pattern.size();
            const std::size_t value_end = tag.find('"', value_begin);
            if (value_end == std::string_view::npos) {
                return std::nullopt;
            }
            return Attribute{at - 1, value_end + 1,
                             std::string(tag.substr(value_begin, value_end - value_begin))};
        }
        at += pattern.size();
    }
    return std::nullopt;
}

}  // namespace

AnswerLine answer_line(const Scenario& scenario,
                       const QueryHeader& header,
                       const ReportFindings& findings) {
    AnswerLine line;
    const std::string from = list_nodes(scenario, header.from);
    const std::string to = list_nodes(scenario, header.to);
    const std::string in_conditions = " (" + conditions(header) + ").";
    if (findings.route_count > 0) {
        line.answer = ReportAnswer::kYes;
        std::vector<NodeIndex> reaching = findings.reach.reaching;
        if (reaching.empty() && !findings.routes.empty()) {
            reaching.push_back(findings.routes.front().source);
        }
        line.text = reach_sentence(scenario, header, reaching, findings.reach.not_reaching,
                                   findings.route_count, !findings.cover.completion.complete(),
                                   findings.strongest);
    } else if (findings.cover.completion.complete()) {
        line.answer = ReportAnswer::kNo;
        line.text = "data from " + from + " cannot reach " + to + in_conditions;
    } else {
        line.answer = ReportAnswer::kUnknown;
        line.text = "the search for routes from " + from + " to " + to +
                    " was cut short before it found one" + in_conditions;
    }
    return line;
}

const char* answer_word(ReportAnswer answer) {
    switch (answer) {
        case ReportAnswer::kYes:
            return "Yes";
        case ReportAnswer::kNo:
            return "No";
        case ReportAnswer::kUnknown:
            break;
    }
    return "Not known";
}

namespace {

// Notes a route found in `findings`: its source among those seen to reach, and its
// evidence towards the strongest.
void note_route(ReportFindings& findings,
                const Scenario& scenario,
                const Route& route,
                std::vector<NodeIndex>& seen_sources) {
    if (seen_sources.empty() || seen_sources.back() != route.source) {
        seen_sources.push_back(route.source);
    }
    Evidence weakest = Evidence::kDocumented;
    for (const EdgeIndex edge : route.edges) {
        weakest = std::max(weakest, scenario.edges()[edge].status);
    }
    findings.strongest = findings.strongest ? std::min(*findings.strongest, weakest) : weakest;
}

}  // namespace

ReportFindings find_report_routes(const ConfigurationView& view,
                                  const ResolvedQuery& query,
                                  std::size_t limit,
                                  std::size_t count_limit,
                                  std::size_t blocked_limit,
                                  const StopCondition& stop,
                                  const std::function<void(std::size_t)>& on_route_found) {
    ReportFindings findings;
    std::size_t counted = 0;
    std::size_t found = 0;
    std::vector<NodeIndex> seen_sources;
    findings.cover = cover_routes(view, query.routes, stop, [&](const Route& route) {
        if (on_route_found) {
            on_route_found(++found);
        }
        if (limit == 0 || findings.routes.size() < limit) {
            findings.routes.push_back(route);
        }
        note_route(findings, view.scenario(), route, seen_sources);
        // Past the counting limit the report says "at least".
        return count_limit == 0 || ++counted < count_limit;
    });
    findings.route_count = findings.cover.routes;
    if (findings.route_count > 0 && !findings.cover.completion.cut_short()) {
        findings.reach = sources_reaching(view, query.routes, seen_sources, stop,
                                          findings.cover.completion.complete());
    }
    if (findings.route_count == 0 && findings.cover.completion.complete()) {
        findings.blocked = blocked_routes(view, query.routes, blocked_limit);
    }
    findings.partly_blocked =
        edges_partly_blocked_by_policies(view, query.routes.from, query.routes.to);
    return findings;
}

ReportFindings findings_of_routes(const ConfigurationView& view,
                                  const ResolvedQuery& query,
                                  std::vector<Route> routes,
                                  std::size_t blocked_limit) {
    const Scenario& scenario = view.scenario();
    ReportFindings findings;
    findings.cover.nodes.assign(scenario.nodes().size(), false);
    findings.cover.edges.assign(scenario.edges().size(), false);
    std::vector<NodeIndex> seen_sources;
    for (const Route& route : routes) {
        note_route(findings, scenario, route, seen_sources);
        for (const NodeIndex node : route.nodes) {
            findings.cover.nodes[node] = true;
        }
        for (const EdgeIndex edge : route.edges) {
            findings.cover.edges[edge] = true;
        }
    }
    findings.cover.routes = routes.size();
    findings.route_count = routes.size();
    findings.routes = std::move(routes);
    if (findings.route_count > 0) {
        findings.reach = sources_reaching(view, query.routes, seen_sources, {}, true);
    } else {
        findings.blocked = blocked_routes(view, query.routes, blocked_limit);
    }
    return findings;
}

Completion write_report(std::ostream& out,
                        ReportFormat format,
                        const ConfigurationView& view,
                        const ResolvedQuery& query,
                        const ReportFindings& findings,
                        const StopCondition& stop) {
    // A row costs more than a route listed by `paths`: look at the clock more often.
    StopEvery listing(stop, 256);
    const ReportModel model = build_model(view, query, findings, listing);
    if (format == ReportFormat::kHtml) {
        write_html(out, model, findings);
    } else {
        write_markdown(out, model, findings);
    }
    return listing.completion();
}

std::string svg_for_html(std::string_view svg) {
    std::size_t root = 0;
    while ((root = svg.find("<svg", root)) != std::string_view::npos) {
        const std::size_t after = root + 4;
        if (after < svg.size() && (svg[after] == ' ' || svg[after] == '\n' || svg[after] == '>')) {
            break;
        }
        root = after;
    }
    if (root == std::string_view::npos) {
        return "";
    }
    const std::size_t tag_end = svg.find('>', root);
    if (tag_end == std::string_view::npos) {
        return "";
    }
    std::string tag(svg.substr(root, tag_end - root));
    // Graphviz's own lengths ("620pt") are kept, so that the diagram is drawn at the size
    // its labels were set for; anything else is dropped.
    const auto plain_length = [](const std::string& length) {
        return !length.empty() && std::all_of(length.begin(), length.end(), [](char c) {
            return (c >= '0' && c <= '9') || c == '.' || (c >= 'a' && c <= 'z');
        });
    };
    std::string size;
    for (const char* name : {"width", "height"}) {
        if (const auto attribute = find_attribute(tag, name)) {
            if (plain_length(attribute->value)) {
                size += std::string(" ") + name + "=\"" + attribute->value + "\"";
            }
            tag.erase(attribute->begin, attribute->end - attribute->begin);
        }
    }
    tag += size +
           " class=\"diagram\" role=\"img\" aria-label=\"Diagram of the scenario with the "
           "routes in red\"";
    std::string body(svg.substr(tag_end));
    while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) {
        body.pop_back();
    }
    return tag + body;
}

std::string markdown_text(std::string_view text) {
    const std::string clean = clean_utf8(text);
    std::string out;
    bool line_start = true;       // nothing but spaces written yet
    bool leading_digits = false;  // only digits written yet ("1." would start a list)
    for (char c : clean) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
        if (c == ' ' && line_start) {
            continue;  // leading spaces would make an indented code block
        }
        const bool first = line_start;
        line_start = false;
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '{':
            case '}':
            case '#':
            case '!':
            case '|':
            case '~':
                out += '\\';
                out += c;
                break;
            case '-':
            case '+':
            case '=':
                if (first) {
                    out += '\\';
                }
                out += c;
                break;
            case '.':
            case ')':
                if (leading_digits) {
                    out += '\\';
                }
                out += c;
                break;
            default:
                out += c;
        }
        leading_digits = (first || leading_digits) && c >= '0' && c <= '9';
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();  // trailing spaces could make a hard line break
    }
    return out;
}

}  // namespace flowsim::io
