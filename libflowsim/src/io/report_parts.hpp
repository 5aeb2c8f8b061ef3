#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <flowsim/blocked_routes.hpp>
#include <flowsim/configuration_view.hpp>
#include <flowsim/io/wording.hpp>
#include <flowsim/route.hpp>
#include <flowsim/scenario.hpp>

#include "route_text.hpp"

namespace flowsim::io {

// What the report (report_writer) and the explorable report (explorer_writer) say and
// show alike: a route's row, a source's entry, the notes on method, the page's style.
// All plain text except where a function says it escapes.

struct RouteRow {
    std::string path;  // the route's line (RouteLines)
    std::string data;  // the starting kind's label, and what it arrives as if converted
    std::string evidence;
    std::vector<std::string> gates;       // labels
    std::vector<std::string> parameters;  // what it depends on, as dependency_text says it
    std::string likelihood;
    std::vector<std::size_t> sources;  // source numbers
    std::string id;
};

/// `route` (under `view`) as a row of a report's table, its line as `lines` says it,
/// numbering its sources in `numbers`; with `dependencies`, what it depends on under
/// `view`.
RouteRow route_row(const ConfigurationView& view,
                   const RouteLines& lines,
                   const Route& route,
                   SourceNumbers& numbers,
                   bool dependencies = true);

/// The data a route carries: the starting kind's label, ", arriving as" the kind that
/// reaches the target when it is converted on the way.
std::string data_text(const Scenario& scenario, DataKindIndex data, DataKindIndex arrives_as);

/// The numbers of the sources of `summary`, ascending, numbering the new ones.
std::vector<std::size_t> number_sources(const RouteSummary& summary, SourceNumbers& numbers);

/// What blocks one hop of a blocked route, for people.
struct BlockerLine {
    std::string hop;  // "From → To" (hop_text)
    std::string edge_id;
    std::string detail;  // blocker_text
    std::string reason;  // blocker_reason_name
};

/// A blocked route (blocked_routes) as the report and the explorable report list it.
struct BlockedItem {
    std::string path;  // the route's line (RouteLines)
    std::string data;  // the starting kind's label
    std::vector<BlockerLine> blockers;
    std::vector<std::size_t> sources;  // its links' and the blocking laws' numbers, ascending
};

/// `blocked` said for people under the settings of `header`: its line, its data and, per
/// hop, what blocks it (blocker_text); numbering its sources and those of the laws that
/// block it in `numbers`.
BlockedItem blocked_item(const Scenario& scenario,
                         const RouteLines& lines,
                         const QueryHeader& header,
                         const BlockedRoute& blocked,
                         SourceNumbers& numbers);

/// Why a "no" has no blocked route to show, and how the blocked routes are chosen.
extern const char* const kNoRouteAtAllNote;
extern const char* const kBlockedNote;

struct SourceEntry {
    std::string title;
    std::string publisher;
    std::string date;
    std::string url;   // only http and https URLs are kept
    std::string kind;  // "record", "news", ...; empty when not stated
};

/// A source as a report lists it (its id when it has no title).
SourceEntry source_entry(const Source& source);

bool is_web_url(const std::string& url);

extern const char* const kRoutesNote;  ///< how to read the route table
extern const char* const kMethodNote;  ///< what a link and its status are

struct StatusMeaning {
    const char* status;
    const char* meaning;
};
/// The five statuses, strongest first, each with what it means (docs/method.md, 2).
extern const StatusMeaning kStatusMeanings[5];

/// The style of a report's HTML page (inline: the page loads nothing).
extern const char* const kReportStyle;

/// `text` escaped for HTML.
std::string html(std::string_view text);

/// The numbered list of `sources` (number i + 1 is sources[i]), each with an anchor
/// "source-N" for citations, as an HTML <ol>; `none` as a paragraph when there are none.
void write_html_sources(std::ostream& out,
                        const std::vector<SourceEntry>& sources,
                        std::string_view none);

/// Source numbers as links to the page's list of sources: "[1] [3]"; "none".
std::string html_citations(const std::vector<std::size_t>& sources);

}  // namespace flowsim::io
