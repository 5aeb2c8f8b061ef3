#include "report_parts.hpp"

#include <algorithm>

#include <flowsim/io/route_writer.hpp>
#include <flowsim/io/wording.hpp>
#include <flowsim/route_dependencies.hpp>

#include "markup_text.hpp"

namespace flowsim::io {

extern const char* const kRoutesNote;
const char* const kRoutesNote =
    "A route's evidence is that of its weakest link. \"Needs\" lists the steps decided "
    "request by request (consent, a warrant); \"depends on\" every setting whose flip "
    "alone would close the route, with the value that keeps it open; the likelihood is the product "
    "of the links' estimated likelihoods.";

// docs/method.md, section 2, in short.
const StatusMeaning kStatusMeanings[5] = {
    {"documented",
     "a primary document shows the flow exists: the vendor's own documentation, "
     "a statute, a contract, an audit, or records released under a public-records "
     "law."},
    {"reported",
     "journalists or researchers found that the flow happened, in records or from "
     "named sources, but the primary record was not read for this scenario."},
    {"alleged",
     "someone claims or infers the flow (an advocate, an analyst, a legal power "
     "with no known use for this data), but no record shows it happening."},
    {"announced", "the flow was announced but never went live, or was cancelled before launch."},
    {"hypothetical", "the flow is possible by design, but nothing shows it happening."},
};

extern const char* const kMethodNote;
const char* const kMethodNote =
    "Each link in the scenario is one public claim, with the sources that support it and "
    "one of five statuses, strongest first. A route is only as strong as its weakest link; "
    "the answer depends on the configuration and date above, and changes when they do.";

bool is_web_url(const std::string& url) {
    return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

std::string data_text(const Scenario& scenario, DataKindIndex data, DataKindIndex arrives_as) {
    std::string text = scenario.data_kinds()[data].label;
    if (arrives_as != data) {
        text += ", arriving as " + scenario.data_kinds()[arrives_as].label;
    }
    return text;
}

std::vector<std::size_t> number_sources(const RouteSummary& summary, SourceNumbers& numbers) {
    std::vector<std::size_t> cited;
    for (const SourceIndex source : summary.sources) {
        cited.push_back(numbers.number(source));
    }
    std::sort(cited.begin(), cited.end());
    return cited;
}

RouteRow route_row(const ConfigurationView& view,
                   const RouteLines& lines,
                   const Route& route,
                   SourceNumbers& numbers,
                   bool dependencies) {
    const Scenario& scenario = view.scenario();
    const RouteSummary summary = summarize(scenario, route);
    RouteRow row;
    row.path = lines.line(route.nodes, route.edges);
    row.data = data_text(scenario, route.data, route.arrives_as);
    row.evidence = std::string(evidence_name(summary.evidence));
    for (const GateIndex gate : summary.gates) {
        row.gates.push_back(scenario.gates()[gate].label.empty() ? scenario.gates()[gate].id
                                                                 : scenario.gates()[gate].label);
    }
    if (dependencies) {
        for (const Dependency& dependency : route_dependencies(view, route)) {
            row.parameters.push_back(dependency_text(scenario, dependency));
        }
    }
    row.likelihood = likelihood_text(summary.likelihood);
    row.sources = number_sources(summary, numbers);
    row.id = summary.id;
    return row;
}

BlockedItem blocked_item(const Scenario& scenario,
                         const RouteLines& lines,
                         const QueryHeader& header,
                         const BlockedRoute& blocked,
                         SourceNumbers& numbers) {
    BlockedItem item;
    item.path = lines.line(blocked.route.nodes, blocked.route.edges);
    item.data = scenario.data_kinds()[blocked.route.data].label;
    item.sources = number_sources(summarize(scenario, blocked.route), numbers);
    for (const auto& [edge, blocker] : blocked.blockers) {
        item.blockers.push_back({hop_text(scenario, edge), scenario.edges()[edge].id,
                                 blocker_text(scenario, header, edge, blocker, numbers),
                                 std::string(blocker_reason_name(blocker.reason))});
        // The law that blocks it is cited with the route's own sources.
        if (blocker.policy) {
            for (const SourceIndex source : scenario.policies()[*blocker.policy].sources) {
                item.sources.push_back(numbers.number(source));
            }
        }
    }
    std::sort(item.sources.begin(), item.sources.end());
    item.sources.erase(std::unique(item.sources.begin(), item.sources.end()), item.sources.end());
    return item;
}

const char* const kNoRouteAtAllNote =
    "No route exists in the graph at all, whatever the configuration.";
const char* const kBlockedNote =
    "For each source, the nearest routes that exist in the graph and could carry the data, "
    "and what blocks each under this configuration (a law by its label, with its sources). "
    "Changing what blocks a route would open it.";

SourceEntry source_entry(const Source& source) {
    return {source.title.empty() ? source.id : source.title, source.publisher,
            source.date ? source.date->to_string() : "", is_web_url(source.url) ? source.url : "",
            source.kind ? std::string(source_kind_name(*source.kind)) : ""};
}

// Inline only: the page must load nothing. Narrow screens get the route table as one
// card per route; print gets black text, no backgrounds, and no split rows.
const char* const kReportStyle = R"css(
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:75rem;padding:1rem 1.25rem 2rem;color:#1a1a1a;background:#fff;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:1.75rem;line-height:1.2;margin:.25rem 0 .5rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid #bbb}
p,li{max-width:48rem}
.kicker{margin:0;font-size:.8rem;letter-spacing:.08em;text-transform:uppercase;color:#555}
.answer{margin:1rem 0;padding:.75rem 1rem;border:2px solid #1a1a1a;border-left-width:.6rem;
font-size:1.15rem;max-width:none}
.answer.yes{border-color:#b3001b}
.answer.no{border-color:#1b5e20}
figure{margin:0}
.figure-tools{margin:.25rem 0 .5rem;max-width:none}
.figure-tools .close{display:none}
.figure-scroll{overflow-x:auto;border:1px solid #ddd}
.diagram{display:block;max-width:none;margin:0}
#figure:target{position:fixed;top:0;right:0;bottom:0;left:0;z-index:10;margin:0;padding:.75rem;
background:#fff;overflow:auto}
#figure:target .open{display:none}
#figure:target .close{display:inline}
#figure:target .figure-scroll{overflow:visible;border:0}
figcaption{font-size:.9rem;color:#444;max-width:48rem}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eee}
td.number{text-align:right}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.85em;
overflow-wrap:break-word}
code.id{white-space:nowrap}
.blocked .route{font-weight:600}
.more{font-style:italic}
dl.conditions{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem}
dl.conditions dt{font-weight:600}
dl.conditions dd{margin:0}
ol.sources li{margin-bottom:.4rem;overflow-wrap:anywhere}
.url{font-size:.85rem;color:#444}
a{color:#0b4f9c}
@media (max-width:40rem){
body{padding:.75rem .75rem 2rem;font-size:15px}
h1{font-size:1.4rem}
table.routes,table.routes tbody,table.routes tr,table.routes td{display:block;width:100%}
table.routes thead{display:none}
table.routes tr{margin:0 0 .75rem;border:1px solid #999}
table.routes td{position:relative;border:0;border-top:1px solid #ddd;padding:.3rem .6rem .3rem 7.6rem}
table.routes td:first-child{border-top:0;background:#eee;font-weight:600}
table.routes td.number{text-align:left}
table.routes td::before{content:attr(data-label);position:absolute;left:.6rem;top:.45rem;
width:6.6rem;font-size:.7rem;font-weight:600;color:#555;text-transform:uppercase;
letter-spacing:.05em}
table.routes td.route{padding-left:.6rem;font-weight:600}
table.routes td.route::before{position:static;display:block;width:auto}
dl.conditions{grid-template-columns:1fr}
dl.conditions dd{margin-bottom:.4rem}
}
@media print{
body{max-width:none;padding:0;font-size:10pt;color:#000}
a{color:#000;text-decoration:none}
.answer,.answer.yes,.answer.no{border-color:#000}
th{background:none}
.table-wrap{overflow:visible}
table{font-size:8pt}
th,td{padding:.2rem .3rem}
code,code.id{white-space:normal;overflow-wrap:anywhere}
h2{break-after:avoid}
tr,figure,li{break-inside:avoid}
.figure-tools{display:none}
.figure-scroll{overflow:visible;border:0}
.diagram{width:100%;height:auto;max-height:24cm}
.kicker,figcaption,.url{color:#000}
}
)css";

std::string html(std::string_view text) {
    return xml_escape(text);
}

std::string html_citations(const std::vector<std::size_t>& sources) {
    std::vector<std::string> cited;
    for (const std::size_t number : sources) {
        const std::string n = std::to_string(number);
        cited.push_back("<a href=\"#source-" + n + "\">[" + n + "]</a>");
    }
    return cited.empty() ? "none" : join(cited, " ");
}

void write_html_sources(std::ostream& out,
                        const std::vector<SourceEntry>& sources,
                        std::string_view none) {
    if (sources.empty()) {
        out << "<p>" << html(none) << "</p>\n";
        return;
    }
    out << "<ol class=\"sources\">\n";
    std::size_t number = 0;
    for (const SourceEntry& source : sources) {
        out << "<li id=\"source-" << ++number << "\">";
        if (source.url.empty()) {
            out << html(source.title);
        } else {
            out << "<a href=\"" << html(source.url) << "\" rel=\"noreferrer\">"
                << html(source.title) << "</a>";
        }
        if (!source.publisher.empty()) {
            out << " — " << html(source.publisher);
        }
        if (!source.date.empty()) {
            out << ", " << source.date;
        }
        if (!source.kind.empty()) {
            out << " (" << source.kind << ")";
        }
        if (!source.url.empty()) {
            out << "<br><span class=\"url\">" << html(source.url) << "</span>";
        }
        out << "</li>\n";
    }
    out << "</ol>\n";
}

}  // namespace flowsim::io
