#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <flowsim/io/json_writer.hpp>
#include <flowsim/io/route_writer.hpp>
#include <flowsim/io/wording.hpp>
#include <flowsim/route.hpp>
#include <flowsim/route_dependencies.hpp>
#include <flowsim/scenario.hpp>

namespace flowsim::io {

// Pieces that the route listings (route_writer), the analyses (analysis_writer) and
// reports (report_writer) share to describe routes: source numbers, a route's JSON object
// and its block of text. The words themselves are in <flowsim/io/wording.hpp>.

/// Numbers sources in the order they are first cited, for "[1]"-style references.
class SourceNumbers {
public:
    /// The source's number, giving it the next one on its first citation.
    std::size_t number(SourceIndex source);
    /// The sources cited so far, in number order (number i + 1 is order()[i]).
    const std::vector<SourceIndex>& order() const { return order_; }

private:
    std::map<SourceIndex, std::size_t> numbers_;
    std::vector<SourceIndex> order_;
};

/// The sources cited so far, numbered, as the text listings end ("Sources", then one
/// line each); nothing when none was cited.
void write_sources(std::ostream& out, const Scenario& scenario, const SourceNumbers& numbers);

/// The ids of `items[i]` for each i in `indices`, in that order.
template <typename T, typename Tag>
std::vector<std::string> ids_of(const std::vector<T>& items,
                                const std::vector<Index<Tag>>& indices) {
    std::vector<std::string> ids;
    for (const Index<Tag> index : indices) {
        ids.push_back(items[index].id);
    }
    return ids;
}

/// Writes routes as the JSON object docs/cli.md describes ("JSON"), appended to a
/// string: what `paths` streams, so nothing is allocated per route once its working
/// space has grown (ids are copied from the scenario, the summary's vectors reused).
class RouteJson {
public:
    /// Keeps references to both: they must outlive it.
    RouteJson(const Scenario& scenario, const QueryHeader& header);
    /// Appends `route`'s object, exactly as write_route_object writes it, to `out`.
    void append(std::string& out, const Route& route);

private:
    const Scenario& scenario_;
    RouteSummary summary_;
    std::optional<RouteDependencies> dependencies_;  // none for a header not made by make_header
};

/// A route as the JSON object docs/cli.md describes ("JSON").
void write_route_object(JsonWriter& json,
                        const Scenario& scenario,
                        const QueryHeader& header,
                        const Route& route);

/// A hop for people: "From → To", with the mechanism in words when the edge has one:
/// "Ring cloud → ICE (search warrant)".
std::string hop_text(const Scenario& scenario, EdgeIndex edge);

/// "for data from A; not from B and C": the sources asked about (`asked`, ids sorted as
/// in QueryHeader::from) that a law blocks a hop for (`blocked_for`), and the others;
/// empty when it blocks it for all of them or for none.
std::string only_for_text(const Scenario& scenario,
                          const std::vector<NodeIndex>& blocked_for,
                          const std::vector<std::string>& asked);

/// Laws by label, each with its sources numbered: "the law “…” [2]", "the laws “…” [1]
/// and “…” [2]"; then, when they block the hop for only some of the sources asked about
/// (`blocked_for`), which: "(for data from A; not from B)".
std::string law_text(const Scenario& scenario,
                     const QueryHeader& header,
                     const std::vector<std::uint32_t>& policies,
                     const std::vector<NodeIndex>& blocked_for,
                     SourceNumbers& numbers);

/// Why a hop is blocked, for people, by label: a setting ("“Police search the network
/// for ICE” is off"), a law by its label with its sources numbered ("the law “…” [2]")
/// and, when it applies to only some of the sources asked about, which (law_text); an
/// excluded gate; the other reasons as the blocker says them.
std::string blocker_text(const Scenario& scenario,
                         const QueryHeader& header,
                         EdgeIndex edge,
                         const Blocker& blocker,
                         SourceNumbers& numbers);

/// A route's likelihood for people: three significant digits, or "unknown".
std::string likelihood_text(const std::optional<double>& likelihood);

/// "Label: on" for a parameter a route depends on, with "(else blocked by LAW)" when its
/// flip would switch on a policy that blocks the route. Plain text.
std::string dependency_text(const Scenario& scenario, const Dependency& dependency);

/// What `route` depends on under the settings of `header` (route_dependencies).
std::vector<Dependency> dependencies_of(const Scenario& scenario,
                                        const QueryHeader& header,
                                        const Route& route);

/// "scenario", "configuration", "as_of", "from", "to", "data" of a listing.
void write_header_fields(JsonWriter& json, const QueryHeader& header);

/// "configuration" (its name and every parameter's value) and "as_of" (when a date applies).
void write_settings_fields(JsonWriter& json, const QueryHeader& header);

/// "assumptions": [{kind, name, value}], every departure from the defaults.
void write_assumptions(JsonWriter& json, const QueryHeader& header);

/// Writes a route for people: its line (`lines`) on the current line (after a number), then
/// its id, length, evidence and likelihood, what it depends on and its sources, each
/// line after the first indented by `indent`.
void write_route_block(std::ostream& out,
                       const Scenario& scenario,
                       const RouteLines& lines,
                       const Route& route,
                       const QueryHeader& header,
                       SourceNumbers& numbers,
                       const std::string& indent);

}  // namespace flowsim::io
