#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <flowsim/blocked_routes.hpp>
#include <flowsim/explore.hpp>
#include <flowsim/io/report_writer.hpp>
#include <flowsim/route_cover.hpp>
#include <flowsim/scenario.hpp>

namespace flowsim::io {

/// The answers of every state of an explorable report (docs/cli.md, `report
/// --interactive`), gathered state by state from explore_states as plain text and
/// indices, each distinct line, list of routes and set of edges kept once, so that the
/// page's script only looks answers up.
class ExplorerAnswers {
public:
    /// `base` is the question as asked; `display_name` names an untitled scenario; a state
    /// answering no is explained by at most `blocked_limit` blocked routes, as `query
    /// --limit` and `report` explain theirs (blocked_routes).
    ExplorerAnswers(const Scenario& scenario,
                    const ResolvedQuery& base,
                    StateSpace space,
                    std::string display_name,
                    std::size_t blocked_limit);

    /// Adds the answer of the next state (states come in order). For each: the first
    /// line (answer_line), split around its conditions, which the page says again from
    /// shared pieces (checked here against conditions() for every state); each route's
    /// "depends on"; the edges active; the edges a law blocks for every source asked; for
    /// an answer no, the nearest blocked routes and what blocks each of their hops.
    /// Throws std::logic_error when a state's conditions cannot be said from the pieces
    /// (a bug, never the input).
    void add(const StateRoutes& state);

    /// The nodes and edges on the routes of some state (`routes`: how many routes).
    RouteCover cover() const;

    const Scenario& scenario() const { return *scenario_; }
    const StateSpace& space() const { return space_; }
    std::size_t states_added() const { return state_outcomes_.size(); }
    std::size_t distinct_outcomes() const { return outcomes_.size(); }
    std::size_t route_count() const { return routes_.size(); }

private:
    friend class ExplorerPageWriter;

    struct Line {
        ReportAnswer answer = ReportAnswer::kNo;
        std::string head;  // the sentence before " (conditions)."
        std::string tail;  // after it
    };
    struct Pieces {  // the conditions of a state, said in pieces
        std::vector<std::string> prefix;
        std::vector<std::string> toggles;  // per toggle; empty: not stated
        std::vector<std::string> suffix;
        std::string date;  // empty: none
    };
    Pieces pieces_of(const QueryHeader& header) const;
    void record_pieces(std::size_t state, const Pieces& pieces, const std::string& conditions);

    template <typename T>
    static std::uint32_t intern(std::map<T, std::uint32_t>& ids, std::vector<T>& items, T item);

    const Scenario* scenario_;
    ResolvedQuery base_;
    StateSpace space_;
    std::string display_name_;
    std::size_t blocked_limit_;

    std::map<std::uint32_t, Route> routes_;  // by candidate index: the fixed order
    std::vector<Line> lines_;
    std::map<std::tuple<int, std::string, std::string>, std::uint32_t> line_ids_;
    std::vector<std::vector<std::string>> depends_;  // [0]: nothing
    std::map<std::vector<std::string>, std::uint32_t> depends_ids_;
    // A list: candidate route index and depends index, alternately.
    std::vector<std::vector<std::uint32_t>> lists_;
    std::map<std::vector<std::uint32_t>, std::uint32_t> list_ids_;
    std::vector<std::vector<bool>> active_;  // per scenario edge
    std::map<std::vector<bool>, std::uint32_t> active_ids_;
    // Edges a law blocks: (edge, the laws), by edge.
    using Blocked = std::vector<std::pair<EdgeIndex, std::vector<std::uint32_t>>>;
    std::vector<Blocked> blocked_;
    std::map<Blocked, std::uint32_t> blocked_ids_;
    // The nearest blocked routes of the states answering no, each with the header of the
    // first state it explains (what blocks it is said under those settings), by what the
    // explanation says.
    struct Nearest {
        BlockedRoute blocked;
        QueryHeader header;
    };
    std::vector<Nearest> nearest_;
    std::map<std::string, std::uint32_t> nearest_ids_;
    std::vector<std::vector<std::uint32_t>> nearest_lists_;  // [0]: none
    std::map<std::vector<std::uint32_t>, std::uint32_t> nearest_list_ids_;
    // line, list, active, blocked, nearest list
    std::vector<std::array<std::uint32_t, 5>> outcomes_;
    std::map<std::array<std::uint32_t, 5>, std::uint32_t> outcome_ids_;
    std::vector<std::uint32_t> state_outcomes_;

    bool have_pieces_ = false;
    std::vector<std::string> prefix_;
    std::vector<std::string> suffix_;
    std::vector<std::array<std::optional<std::string>, 2>> toggle_pieces_;  // [toggle][value]
    std::vector<std::optional<std::string>> date_pieces_;                   // per position
};

/// What an explorable page shows besides the answers.
struct ExplorerPage {
    /// The diagram as Graphviz wrote it (SVG), drawn with element ids (DotOptions);
    /// empty: none.
    std::string diagram;
    std::string diagram_note;  ///< why there is no diagram, when there is none
    bool routes_only = false;  ///< the diagram holds only what lies on some state's routes
    std::vector<ParameterIndex> dropped;  ///< lever parameters left out to fit the states
    std::size_t max_states = 0;           ///< the limit the states had to fit
    Provenance provenance;                ///< where the page comes from
};

/// Writes one self-contained HTML page (docs/cli.md, `report --interactive`): the answer
/// of the current state with every assumption, a toggle per toggled parameter and a date
/// control, the diagram (zoomable), the routes of the state, details of a node or edge
/// on click, the sources, the method and the provenance. Every state's answer is in the
/// page as data (the JSON of docs/cli.md, "The explorer's data"), the script only looks
/// them up and draws; the state lives in the URL fragment. Nothing is loaded from
/// anywhere: a Content-Security-Policy allows only the page's own script, by its hash.
/// Every text is escaped. Deterministic: same input, same bytes.
void write_explorer(std::ostream& out, const ExplorerAnswers& answers, const ExplorerPage& page);

/// `bytes` in base64 (RFC 4648, with padding).
std::string base64(std::string_view bytes);

/// The SHA-256 digest of `bytes` (FIPS 180-4), 32 bytes.
std::string sha256(std::string_view bytes);

}  // namespace flowsim::io
