#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <flowsim/configuration_view.hpp>
#include <flowsim/query_request.hpp>
#include <flowsim/route_cover.hpp>
#include <flowsim/scenario.hpp>

namespace flowsim::io {

/// How a diagram folds nodes into one: not at all, every group of nodes of one kind in one
/// state (or with no state), or every group of nodes in one state.
enum class CollapseBy { kNone, kKind, kState };

/// What a diagram shows besides the scenario itself (docs/cli.md, `export`).
struct DotOptions {
    std::string title;                 ///< the heading; empty: none
    std::vector<std::string> caption;  ///< lines under the heading (see diagram_caption)
    std::vector<bool> active;          ///< per edge (see active_edges); empty: all active
    /// Per edge: the laws that block it for every source asked about (see
    /// edges_blocked_by_policies); such an edge is drawn in its own colour with a barred
    /// arrowhead and the laws' labels. Empty: none.
    std::vector<std::vector<std::uint32_t>> blocked_by;
    std::optional<RouteCover> routes;  ///< when set, what it covers is drawn thick and red
    std::vector<NodeIndex> targets;    ///< emphasised, and never folded, when routes is set
    bool routes_only = false;          ///< draw only the nodes and edges `routes` covers
    bool active_only = false;          ///< leave inactive edges out (else drawn faint grey)
    CollapseBy collapse = CollapseBy::kNone;
    /// Give each node and edge drawn alone an SVG id, "fs-n-<node index>" and
    /// "fs-e-<edge index>", so that a page can find them (a folded group gets none).
    bool element_ids = false;
    bool legend = true;  ///< the legend cluster (else none: a page explains the lines)
};

/// Writes `scenario` as a Graphviz digraph that `dot -Tsvg` renders without warnings.
///
/// Nodes are clustered by jurisdiction (a cluster per state, nested clusters per county
/// and place; nodes with none outside every cluster), shaped and filled by kind. Edges are
/// labelled with their mechanism and any gates, styled by status (documented solid,
/// reported dashed, alleged dotted, announced and hypothetical dotted and lighter), faint
/// grey when inactive. Nodes and edges carry SVG tooltips (notes, conditions, source
/// titles). A legend cluster explains the shapes and lines used.
///
/// Folding (`collapse`) replaces each group of two or more nodes with one node labelled
/// with the count ("412 local agencies, IL"); the edges that then join the same two drawn
/// nodes with the same status, activity and route membership become one edge labelled
/// with their count.
///
/// Every text is escaped (quoted strings for labels and tooltips, HTML-like text for the
/// heading), so no id, label, note or title can end a string or add markup. Output is
/// deterministic: nodes and edges in id order, clusters in name order, no timestamps.
/// Returns the number of nodes drawn (a folded group counts once, the legend not at all),
/// so that a caller can refuse to lay out a diagram too large for Graphviz.
std::size_t write_dot(std::ostream& out, const Scenario& scenario, const DotOptions& options);

/// The caption of a diagram of `query` under `view`: the configuration and its settings,
/// the date, the evidence floor and excluded gates and, when `routes` is given, how many
/// routes the red lines show and between what.
std::vector<std::string> diagram_caption(const ConfigurationView& view,
                                         const ResolvedQuery& query,
                                         const std::optional<RouteCover>& routes);

/// The shape of a diagram of a query, as `export` draws it and `report` shows it
/// (docs/cli.md, `export`).
struct DiagramShape {
    std::string untitled_name;  ///< the heading when the scenario has no title (its path)
    bool routes = false;        ///< draw the query's routes thick and red, targets emphasised
    bool routes_only = false;   ///< draw only what lies on those routes (implies routes)
    bool active_only = false;   ///< leave out the edges inactive under the configuration
    CollapseBy collapse = CollapseBy::kNone;
    bool heading = true;       ///< the title and caption (else none: a page says them)
    bool element_ids = false;  ///< SVG ids for a page's script (DotOptions::element_ids)
    bool legend = true;        ///< the legend of shapes and lines
};

/// A diagram as DOT text, and whether the route search behind its red lines finished.
struct QueryDiagram {
    std::string dot;
    std::size_t nodes = 0;  ///< nodes drawn (a folded group counts once)
    Completion completion;  ///< cut short: --timeout or Ctrl-C stopped the route search
};

/// The diagram of `query` under `view` with the shape `shape` asks for: the heading and
/// caption (diagram_caption), active edges, the edges laws block for the query's
/// sources, and, with `shape.routes`, the routes in red: `routes` when given (a search
/// the caller ran anyway), else those found by a search that `stop` bounds. The one
/// assembly `export`, `report`, the golden diagrams and the fuzzer use.
QueryDiagram draw_diagram(const ConfigurationView& view,
                          const ResolvedQuery& query,
                          const DiagramShape& shape,
                          const StopCondition& stop = {},
                          std::optional<RouteCover> routes = std::nullopt);

/// `text` as a DOT double-quoted string for a label or tooltip, quotes included:
/// backslashes and quotes escaped, '&' written "&amp;" (Graphviz decodes entities in
/// strings), newlines as "\n", invalid UTF-8 and control characters as U+FFFD.
std::string dot_quoted(std::string_view text);

/// `text` as a DOT double-quoted string for a tooltip: as dot_quoted, but with every
/// backslash written four times. Graphviz (2.42, Debian 12) reads a tooltip's backslashes
/// twice, once as an escape string and once for \G, \N, \E, \H, \T and \L, so a
/// backslash written twice would still let "\G" become the graph's name.
std::string dot_tooltip(std::string_view text);

/// `text` escaped for the inside of a Graphviz HTML-like label: the XML special
/// characters as entities, newlines as <BR ALIGN="LEFT"/>, backslashes doubled (Graphviz
/// expands \G, \N and the like in HTML-like text too).
std::string dot_html(std::string_view text);

}  // namespace flowsim::io
