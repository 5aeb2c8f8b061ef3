#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <flowsim/configuration_view.hpp>
#include <flowsim/duration.hpp>
#include <flowsim/io/route_writer.hpp>
#include <flowsim/query_request.hpp>
#include <flowsim/scenario.hpp>

namespace flowsim::io {

// The words every writer uses for the same things (counts, lists, node names, the
// conditions of an answer), so that a listing, a caption and a report say them alike.
// All of it is plain text: each writer escapes it for its own format.

/// "1 route", "2 routes"; `many` when the plural is not `one` + "s" ("policies").
std::string plural(std::size_t count, std::string_view one, std::string_view many = {});

/// `items` with `separator` between them; empty when there are none.
std::string join(const std::vector<std::string>& items, std::string_view separator);

/// `items` as a list in a sentence: "A", "A and B", "A, B and C"; with `semicolons`,
/// "A; B; and C" (for items that hold commas themselves).
std::string series(const std::vector<std::string>& items, bool semicolons = false);

/// The nodes with ids `ids` for a listing's header: "A", "A and B", "A, B and C", or
/// "12 nodes (A, B, C, ...)"; "no node" when there are none.
std::string describe_nodes(const Scenario& scenario, const std::vector<std::string>& ids);

/// How many items a capped list names before it counts the rest.
inline constexpr std::size_t kMostListed = 6;

/// `shown`, the first items of a list of `total`, as a list in a sentence (see series),
/// then how many are left out: "A, B and 12 others", "A, B and 1 other"; with semicolons
/// when an item shown holds a comma. The one way every capped list of the answers ends.
std::string capped_series(std::vector<std::string> shown, std::size_t total);

/// The nodes with ids `ids` for a sentence: up to kMostListed labels then "and 12 others"
/// (capped_series); "no node" when there are none.
std::string list_nodes(const Scenario& scenario, const std::vector<std::string>& ids);

/// As above for node indices, each named once, in id order.
std::string list_nodes(const Scenario& scenario, const std::vector<NodeIndex>& nodes);

/// The nodes for a diagram's caption: one or two labels in alphabetical order ("A and
/// B"), else their number with `plural_noun` ("12 sources"); "no node" when there are none.
std::string name_or_count_nodes(const Scenario& scenario,
                                const std::vector<NodeIndex>& nodes,
                                std::string_view plural_noun);

/// The ids of `nodes`, sorted, without repeats.
std::vector<std::string> node_ids(const Scenario& scenario, const std::vector<NodeIndex>& nodes);

/// An id or mechanism as words: '_' as spaces ("side_door_search": "side door search").
std::string id_words(std::string_view id);

/// Routes as people read them, one line each: the node labels joined with " → ", and
/// after each hop that has a parallel edge (another edge with the same two ends) what
/// tells the edges apart: the hop's mechanism in words ("Typical city police → ICE
/// (subpoena)"); when a parallel edge has the same mechanism (or none), the mechanism and
/// what the edge carries ("(287g task force, carrying Footage)"); when that is the same
/// too, the edge's id. So two different routes never read alike, and a route reads the
/// same under every configuration. The one way every writer prints a route for people. Built once
/// per listing, O(nodes + edges log edges); a line costs O(hops log degree).
class RouteLines {
public:
    explicit RouteLines(const Scenario& scenario);

    /// The line of a route through `nodes` by `edges` (edges.size() + 1 nodes).
    std::string line(const std::vector<NodeIndex>& nodes,
                     const std::vector<EdgeIndex>& edges) const;

    /// What names edge `edge` after its hop: empty when it has no parallel edge.
    std::string hop_name(EdgeIndex edge) const;

private:
    /// The edges with the same two ends as `edge` (itself included), in edge order.
    std::pair<const EdgeIndex*, const EdgeIndex*> parallel(EdgeIndex edge) const;

    const Scenario* scenario_;
    std::vector<std::size_t> first_out_;  // per node: where its out-edges start in out_
    std::vector<EdgeIndex> out_;          // by tail, then head, then edge index
};

/// Every way `query` departs from the scenario's defaults, in this order: the named
/// configuration, each --set whose value differs from what the configuration (or the
/// default) gives, each --without gate, --avoid, --via, --min-evidence above
/// hypothetical, and --as-of.
std::vector<Assumption> assumptions_of(const ConfigurationView& view, const ResolvedQuery& query);

/// The conditions of an answer, for its first line: "configuration: NAME", then every
/// assumption's phrase, then "as of DATE" when a date applies; e.g. "configuration:
/// default; Police search the network for ICE: on; without A judge-signed warrant; as of
/// 2026-07-01". The one phrase every writer (text, report, diagram) uses.
std::string conditions(const QueryHeader& header);

/// The sentence after "Yes — ": which sources reach and, separately, which do not (each
/// list capped, "and 180 others"), the number of routes, the conditions, and the strongest
/// evidence among the routes found: "data from A and B can reach ICE by 12 routes, from
/// 2 of 3 sources; not from C (configuration: default; as of 2026-07-01). The
/// best-evidenced route is reported." `at_least`: the count is a lower bound.
std::string reach_sentence(const Scenario& scenario,
                           const QueryHeader& header,
                           const std::vector<NodeIndex>& reaching,
                           const std::vector<NodeIndex>& not_reaching,
                           std::size_t route_count,
                           bool at_least,
                           std::optional<Evidence> strongest);

/// Parameter settings as "id=true, other=false", in the order given.
std::string settings_text(const Scenario& scenario,
                          const std::vector<std::pair<ParameterIndex, bool>>& settings);

/// A duration for people, to its two largest units: "at once" for 0, "45 minutes", "2 days
/// 3 hours", "1 year 12 days".
std::string duration_words(Seconds seconds);

/// A share as a percentage for people: "34.2%", with more digits below 1% ("0.031%") and
/// "0%" and "100%" only when exact.
std::string percent_text(double share);

/// A source as one line of plain text, without its number: "Title — Publisher,
/// 2025-08-26 (record). https://…"; each part only when the source has it.
std::string source_citation(const Source& source);

/// What stopped work that is not complete: "the time limit", "an interruption", or "a
/// limit" (a route count).
std::string stop_reason(Completion completion);

}  // namespace flowsim::io
