#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <flowsim/blocked_routes.hpp>
#include <flowsim/configuration_view.hpp>
#include <flowsim/io/route_writer.hpp>
#include <flowsim/io/simulation_writer.hpp>
#include <flowsim/query_request.hpp>
#include <flowsim/route.hpp>
#include <flowsim/route_cover.hpp>
#include <flowsim/route_finder.hpp>
#include <flowsim/source_reach.hpp>

namespace flowsim::io {

/// The formats of `flowsim report`.
enum class ReportFormat { kMarkdown, kHtml };

/// What the route search found for a report, and what to show besides the scenario.
/// Where a report comes from, so that a reader can check it: printed at its end when
/// `scenario` is set. Deterministic: paths as typed, no commit hash, no date.
struct Provenance {
    std::string scenario;      ///< the scenario's path as the user typed it
    std::string content_hash;  ///< a hash of the bytes of every file loaded
    std::string version;       ///< the flowsim release
    std::string command;       ///< the command line that writes this page again (the
                               ///< output file by its name, to be run in its folder)
};

struct ReportFindings {
    std::string display_name;     ///< names an untitled scenario (its file name)
    std::vector<Route> routes;    ///< the routes the table lists, in the fixed order
    std::size_t route_count = 0;  ///< the routes found; above routes.size() when capped
    /// The nodes and edges on the routes found, for the diagram; incomplete when the
    /// search stopped early (counting limit, --timeout, Ctrl-C): the report then says
    /// "at least" route_count.
    RouteCover cover;
    std::vector<BlockedRoute> blocked;  ///< when there is no route: see blocked_routes()
    SourceReach reach;                  ///< which sources reach (sources_reaching)
    /// The links laws block for only some of the sources asked about, which the diagram
    /// draws as usual (edges_partly_blocked_by_policies).
    std::vector<PartlyBlockedEdge> partly_blocked;
    Provenance provenance;              ///< where the page comes from
    std::optional<Evidence> strongest;  ///< the best evidence among the routes found
    bool routes_only = false;  ///< the diagram shows only the nodes and edges on the routes
    /// The diagram. HTML: an SVG document as Graphviz writes it, embedded inline (see
    /// svg_for_html). Markdown: the SVG file's path relative to the report. Empty: none,
    /// and the report says so.
    std::string diagram;
    /// Cut short: the deadline or Ctrl-C stopped the layout, and the report says so where
    /// the diagram would be.
    Completion diagram_stopped;
    /// `report --simulate`: the simulation's results, shown with their cumulative exposure
    /// curve (inline SVG, in both formats); none, no such section.
    std::optional<SimulationReport> simulation;
};

/// Searches the routes of `query` under `view` for a report, once: keeps the first
/// `limit` in the fixed order (0: all of them), counts them up to `count_limit` (0: all),
/// marks the nodes and edges they use and, when there is none, explains up to
/// `blocked_limit` blocked routes (blocked_routes). `stop` bounds the search;
/// `on_route_found` (if set) is told how many routes have been found so far, after each
/// (for progress). Leaves display_name and diagram empty.
ReportFindings find_report_routes(const ConfigurationView& view,
                                  const ResolvedQuery& query,
                                  std::size_t limit,
                                  std::size_t count_limit,
                                  std::size_t blocked_limit,
                                  const StopCondition& stop = {},
                                  const std::function<void(std::size_t)>& on_route_found = {});

/// Findings from every route of `query` under `view` (`routes`, in the fixed order, from
/// a complete search the caller ran): what find_report_routes gives with no limit and
/// `blocked_limit`, without searching again.
ReportFindings findings_of_routes(const ConfigurationView& view,
                                  const ResolvedQuery& query,
                                  std::vector<Route> routes,
                                  std::size_t blocked_limit);

/// A report's answer: yes, no, or not known (the search was cut short before it found a
/// route).
enum class ReportAnswer { kYes, kNo, kUnknown };

/// "Yes", "No" or "Not known".
const char* answer_word(ReportAnswer answer);

/// A report's first line: its answer, and the sentence after "Yes — " (reach_sentence),
/// "No — " or "Not known — ", which states every assumption (conditions). The report and
/// each state of an explorable report say it alike.
struct AnswerLine {
    ReportAnswer answer = ReportAnswer::kNo;
    std::string text;
};
AnswerLine answer_line(const Scenario& scenario,
                       const QueryHeader& header,
                       const ReportFindings& findings);

/// Writes a report (docs/cli.md, `report`) on the routes of `query` under `view`: the
/// answer in one sentence; the diagram; the routes as a table (node labels, data kind,
/// evidence, gates, the parameters each depends on with their values, likelihood,
/// sources by number, route id) with a line counting those not shown; when there is no
/// route, what blocks the shortest ones; the configuration (every parameter's value and
/// meaning, the date, the evidence floor, excluded gates, --via and --avoid); the
/// numbered sources, in the order first cited, with links, publishers and dates; and a
/// note on what the evidence statuses mean. With findings.simulation, a section "Over
/// time" after the routes: the simulation's basis, a table per pair reached and the
/// cumulative exposure curve.
///
/// Markdown is CommonMark with GitHub tables; every scenario text in it is escaped so
/// that it shows as written (no emphasis, links, HTML or table breaks). HTML is one
/// self-contained page: inline CSS only, no script, nothing loaded from anywhere (a
/// Content-Security-Policy says so to the browser too), responsive on a phone, plain in
/// print; every text is escaped. Links are made only from http and https URLs.
/// Deterministic: same input, same bytes; no timestamps.
///
/// `stop` (the deadline that bounded the search, and Ctrl-C) ends the table of routes
/// early (StopEvery: a table of a few hundred routes is always whole); the page then says
/// so, and the result is cut short.
Completion write_report(std::ostream& out,
                        ReportFormat format,
                        const ConfigurationView& view,
                        const ResolvedQuery& query,
                        const ReportFindings& findings,
                        const StopCondition& stop = {});

/// An SVG document (as Graphviz writes it) as an element to place inside an HTML page:
/// everything before the root element (XML declaration, DOCTYPE, comments) dropped; the
/// root keeps Graphviz's width and height (plain lengths such as "620pt" only), so that
/// it is drawn at the size its labels were set for, and its viewBox, so that a page's CSS
/// may scale it. Empty when there is no <svg root element.
std::string svg_for_html(std::string_view svg);

/// `text` as Markdown inline text that renders exactly as written: characters that
/// CommonMark or GitHub tables read as markup (\ ` * _ [ ] { } # ! | ~ and a list
/// marker at the start) backslash-escaped, & < > as entities, line breaks as spaces.
std::string markdown_text(std::string_view text);

}  // namespace flowsim::io
