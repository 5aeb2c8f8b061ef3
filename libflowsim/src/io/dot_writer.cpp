#include "flowsim/io/dot_writer.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <sstream>
#include <tuple>

#include <flowsim/io/json_writer.hpp>
#include <flowsim/io/wording.hpp>
#include <flowsim/source_reach.hpp>

#include "graph_attributes.hpp"
#include "markup_text.hpp"

namespace flowsim::io {
namespace {

constexpr std::string_view kRouteColour = "#c0392b";
// Announced and hypothetical edges on a route: red marks the route, lighter red and a
// thinner line keep the grade, as lighter grey does off the route.
constexpr std::string_view kLightRouteColour = "#e6958c";
constexpr std::string_view kLawColour = "#6a3d9a";  // edges a law blocks
constexpr std::string_view kInk = "#333333";        // outlines, text, well-supported edges
constexpr std::string_view kLightInk = "#8c8c8c";   // announced and hypothetical edges
constexpr std::string_view kFaint = "#d5d5d5";      // inactive edges
constexpr std::string_view kFaintText = "#a8a8a8";  // their labels
constexpr std::size_t kNodeWrap = 24;               // characters per line of a node label
constexpr std::size_t kEdgeWrap = 22;               // ... of an edge label
constexpr std::size_t kListed = 20;                 // members named in a group's tooltip
constexpr std::size_t kMixedKinds = 7;              // kind_style() index of mixed groups
constexpr std::size_t kHidden = static_cast<std::size_t>(-1);  // a node not drawn
// Graphviz's scanner rejects a quoted or HTML string longer than 16,384 bytes: escaped
// text stops below that, with "…" (tooltips keep the most; JSON and HTML keep it all).
constexpr std::size_t kMaxDotString = 16000;
// Text drawn in the diagram (labels, cluster names, the title) is cut shorter, so that
// it can be laid out: one node as wide as a 20,000-character word is beyond dot's
// 65,535 points.
constexpr std::size_t kMaxShownText = 1000;

// `text` escaped for a Graphviz HTML-like label, stopping before `most` bytes.
std::string html_escaped(std::string_view text, std::size_t most);

// `text` cut to at most `most` bytes at a character boundary, ending with "…" when cut.
std::string shortened(std::string_view text, std::size_t most) {
    if (text.size() <= most) {
        return std::string(text);
    }
    std::size_t end = most - 3;  // room for "…"
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;  // not inside a UTF-8 sequence
    }
    return std::string(text.substr(0, end)) + "…";
}

struct KindStyle {
    std::string_view shape;
    std::string_view style;  // after "filled"
    std::string_view fill;
    std::string_view singular;
    std::string_view plural;
};

// Shapes differ by kind, so the diagram reads in black and white; fills are pale
// (ColorBrewer Pastel1) so that black text stays legible on paper and on screen.
const KindStyle& kind_style(std::size_t index) {
    static const std::array<KindStyle, 8> kStyles = {{
        {"ellipse", "", "#fed9a6", "camera", "cameras"},
        {"cylinder", "", "#b3cde3", "platform", "platforms"},
        {"box", ",rounded", "#ccebc5", "local agency", "local agencies"},
        {"hexagon", "", "#decbe4", "state agency", "state agencies"},
        {"octagon", "", "#fbb4ae", "federal agency", "federal agencies"},
        {"house", "", "#ffffcc", "private party", "private parties"},
        {"note", "", "#eeeeee", "other", "other nodes"},
        {"folder", "", "#e5d8bd", "group of nodes", "nodes"},
    }};
    return kStyles.at(index);
}

// Code points, near enough to the width a label takes.
std::size_t text_width(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// Breaks `text` into lines of about `width` characters at spaces; a longer word keeps
// its own line. Newlines in the text stay.
std::string wrap(std::string_view text, std::size_t width) {
    std::string out;
    std::size_t line = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find_first_of(" \n", start), text.size());
        const std::string_view word = text.substr(start, end - start);
        if (!word.empty()) {
            const std::size_t word_width = text_width(word);
            if (line > 0 && line + 1 + word_width > width) {
                out += '\n';
                line = 0;
            } else if (line > 0) {
                out += ' ';
                ++line;
            }
            out += word;
            line += word_width;
        }
        if (end < text.size() && text[end] == '\n') {
            out += '\n';
            line = 0;
        }
        start = end + 1;
    }
    return out;
}

// A wrapped label back on one line.
std::string one_line(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

bool lighter(Evidence status) {
    return status == Evidence::kAnnounced || status == Evidence::kHypothetical;
}

std::string_view line_style(Evidence status) {
    switch (status) {
        case Evidence::kDocumented:
            return "solid";
        case Evidence::kReported:
            return "dashed";
        default:
            return "dotted";
    }
}

// What is drawn: nodes (a scenario node, or a group of them) and edges (one scenario edge,
// or several merged).

struct DrawnNode {
    std::string name;  // the DOT id: a scenario node id, or "group:..." (ids have no ':')
    std::string label;
    std::string tooltip;
    std::size_t style = kMixedKinds;
    std::vector<std::pair<int, std::string>> place;  // (level, name): state 0, county 1, place 2
    bool group = false;
    bool on_route = false;
    bool target = false;
    NodeIndex node = 0;  // the scenario node, when not a group
};

struct DrawnEdge {
    std::size_t tail = 0;  // into the drawn nodes
    std::size_t head = 0;
    std::vector<EdgeIndex> members;  // in id order
    Evidence status = Evidence::kDocumented;
    bool active = true;
    bool on_route = false;
    bool constraint = true;           // false: dot does not rank by it (it closes a cycle)
    std::vector<std::uint32_t> laws;  // the policies that block it for every source asked about
};

std::string jurisdiction_text(const Jurisdiction& j) {
    std::vector<std::string> parts;
    for (const auto* part : {&j.state, &j.county, &j.place}) {
        if (*part) {
            parts.push_back(**part);
        }
    }
    return join(parts, " / ");
}

std::vector<std::pair<int, std::string>> place_of(const Jurisdiction& j) {
    std::vector<std::pair<int, std::string>> place;
    if (j.state) {
        place.emplace_back(0, *j.state);
    }
    if (j.county) {
        place.emplace_back(1, *j.county);
    }
    if (j.place) {
        place.emplace_back(2, *j.place);
    }
    return place;
}

std::string node_tooltip(const Scenario& scenario, const Node& node) {
    std::string text = node.label + "\n" + node.id + " · " +
                       std::string(kind_style(static_cast<std::size_t>(node.kind)).singular);
    const std::string where = jurisdiction_text(node.jurisdiction);
    if (!where.empty()) {
        text += " · " + where;
    }
    if (!node.tags.empty()) {
        text += "\ntags: " + join(node.tags, ", ");
    }
    if (!node.produces.empty()) {
        std::vector<std::string> kinds;
        for (const DataKindIndex kind : node.produces) {
            kinds.push_back(scenario.data_kinds()[kind].id);
        }
        text += "\nproduces: " + join(kinds, ", ");
    }
    if (!node.note.empty()) {
        text += "\n" + node.note;
    }
    return text;
}

std::string source_line(const Source& source) {
    std::string text = source.title;
    if (!source.publisher.empty()) {
        text += " — " + source.publisher;
    }
    if (source.date) {
        text += ", " + source.date->to_string();
    }
    return text;
}

std::string edge_tooltip(const Scenario& scenario, EdgeIndex index, bool active) {
    const Edge& edge = scenario.edges()[index];
    std::vector<std::string> kinds;
    for (const DataKindIndex kind : edge.carries) {
        kinds.push_back(scenario.data_kinds()[kind].id);
    }
    std::string text = edge.id + ": " + scenario.nodes()[edge.from].label + " → " +
                       scenario.nodes()[edge.to].label + "\n" +
                       std::string(evidence_name(edge.status)) + " · carries " + join(kinds, ", ");
    if (!edge.mechanism.empty()) {
        text += " · " + edge.mechanism;
    }
    for (const Conversion& conversion : edge.convert) {
        text += "\nturns " + scenario.data_kinds()[conversion.from].id + " into " +
                scenario.data_kinds()[conversion.to].id;
    }
    if (!edge.when.is_always_true()) {
        text += "\nwhen: " + edge.when.to_string();
    }
    if (!edge.gates.empty()) {
        std::vector<std::string> gates;
        for (const GateIndex gate : edge.gates) {
            gates.push_back(scenario.gates()[gate].label);
        }
        text += "\nneeds: " + join(gates, "; ");
    }
    if (edge.in_force.since || edge.in_force.until) {
        text += "\nin force";
        if (edge.in_force.since) {
            text += " from " + edge.in_force.since->to_string();
        }
        if (edge.in_force.until) {
            text += " until " + edge.in_force.until->to_string();
        }
    }
    if (edge.likelihood) {
        text += "\nlikelihood " + json_number(*edge.likelihood);
    }
    if (!active) {
        text += "\ninactive under this configuration";
    }
    if (!edge.note.empty()) {
        text += "\n" + edge.note;
    }
    if (!edge.sources.empty()) {
        text += "\nSources:";
        for (const SourceIndex source : edge.sources) {
            text += "\n- " + source_line(scenario.sources()[source]);
        }
    }
    return text;
}

class Diagram {
public:
    Diagram(const Scenario& scenario, const DotOptions& options)
        : scenario_(scenario), options_(options) {
        build_nodes();
        build_edges();
        break_cycles();
    }

    void write(std::ostream& out) const;
    std::size_t node_count() const { return nodes_.size(); }

private:
    bool active(EdgeIndex edge) const { return options_.active.empty() || options_.active[edge]; }
    bool node_on_route(NodeIndex node) const {
        return options_.routes && options_.routes->nodes[node];
    }
    bool edge_on_route(EdgeIndex edge) const {
        return options_.routes && options_.routes->edges[edge];
    }
    const std::vector<std::uint32_t>& laws_blocking(EdgeIndex edge) const {
        static const std::vector<std::uint32_t> kNone;
        return options_.blocked_by.empty() ? kNone : options_.blocked_by[edge];
    }

    void build_nodes();
    void build_edges();
    void break_cycles();
    std::string group_key(NodeIndex node) const;
    DrawnNode group_node(const std::string& key, const std::vector<NodeIndex>& members) const;
    void write_node(std::ostream& out, const DrawnNode& node, const std::string& indent) const;
    void write_edge(std::ostream& out, const DrawnEdge& edge) const;
    void write_clusters(std::ostream& out) const;
    void write_legend(std::ostream& out) const;
    void write_heading(std::ostream& out) const;

    const Scenario& scenario_;
    const DotOptions& options_;
    std::vector<DrawnNode> nodes_;
    std::vector<std::size_t> drawn_as_;  // per scenario node: index into nodes_, or kHidden
    std::vector<DrawnEdge> edges_;
};

// The group a node folds into: "" for none.
std::string Diagram::group_key(NodeIndex node) const {
    const Node& n = scenario_.nodes()[node];
    const auto& state = n.jurisdiction.state;
    switch (options_.collapse) {
        case CollapseBy::kNone:
            return "";
        case CollapseBy::kKind:
            return "group:" + std::string(node_kind_name(n.kind)) + (state ? ":" + *state : "");
        case CollapseBy::kState:
            return state ? "group:" + *state : "";
    }
    return "";
}

DrawnNode Diagram::group_node(const std::string& key, const std::vector<NodeIndex>& members) const {
    DrawnNode drawn;
    drawn.name = key;
    drawn.group = true;
    std::array<std::size_t, kMixedKinds> per_kind{};
    for (const NodeIndex member : members) {
        ++per_kind[static_cast<std::size_t>(scenario_.nodes()[member].kind)];
        drawn.on_route = drawn.on_route || node_on_route(member);
    }
    const std::size_t kinds = static_cast<std::size_t>(
        std::count_if(per_kind.begin(), per_kind.end(), [](std::size_t n) { return n > 0; }));
    const Node& first = scenario_.nodes()[members.front()];
    drawn.style = kinds == 1 ? static_cast<std::size_t>(first.kind) : kMixedKinds;
    const KindStyle& style = kind_style(drawn.style);
    drawn.label = std::to_string(members.size()) + " " + std::string(style.plural);
    // Every member of a group shares its state, if it has one.
    if (first.jurisdiction.state) {
        drawn.label += ", " + *first.jurisdiction.state;
        drawn.place.emplace_back(0, *first.jurisdiction.state);
    }
    std::string breakdown;
    if (kinds > 1) {
        std::vector<std::string> parts;
        for (std::size_t k = 0; k < per_kind.size(); ++k) {
            if (per_kind[k] > 0) {
                parts.push_back(plural(per_kind[k], kind_style(k).singular, kind_style(k).plural));
            }
        }
        breakdown = join(parts, ", ");
    }
    drawn.tooltip = drawn.label + (breakdown.empty() ? "" : " (" + breakdown + ")") + ":";
    for (std::size_t i = 0; i < members.size() && i < kListed; ++i) {
        drawn.tooltip += "\n- " + scenario_.nodes()[members[i]].label;
    }
    if (members.size() > kListed) {
        drawn.tooltip += "\n… and " + std::to_string(members.size() - kListed) + " more";
    }
    drawn.label = wrap(drawn.label + (breakdown.empty() ? "" : "\n(" + breakdown + ")"), kNodeWrap);
    return drawn;
}

void Diagram::build_nodes() {
    const std::size_t count = scenario_.nodes().size();
    std::vector<bool> targets(count, false);
    if (options_.routes) {
        for (const NodeIndex target : options_.targets) {
            targets.at(target) = true;
        }
    }
    // Groups first, so that each knows its size; single members stay themselves.
    std::map<std::string, std::vector<NodeIndex>> groups;
    std::vector<std::string> keys(count);
    std::vector<bool> visible(count, true);
    for (const NodeIndex node : nodes_in_id_order(scenario_)) {
        visible[node] = !options_.routes_only || node_on_route(node);
        if (visible[node] && !targets[node]) {
            keys[node] = group_key(node);
            if (!keys[node].empty()) {
                groups[keys[node]].push_back(node);
            }
        }
    }
    drawn_as_.assign(count, kHidden);
    std::map<std::string, std::size_t> group_index;
    for (const NodeIndex node : nodes_in_id_order(scenario_)) {
        if (!visible[node]) {
            continue;
        }
        if (!keys[node].empty() && groups[keys[node]].size() > 1) {
            const auto [entry, added] = group_index.emplace(keys[node], nodes_.size());
            if (added) {
                nodes_.push_back(group_node(keys[node], groups[keys[node]]));
            }
            drawn_as_[node] = entry->second;
            continue;
        }
        const Node& n = scenario_.nodes()[node];
        DrawnNode drawn;
        drawn.name = n.id;
        drawn.label = wrap(shortened(n.label, kMaxShownText), kNodeWrap);
        drawn.tooltip = node_tooltip(scenario_, n);
        drawn.style = static_cast<std::size_t>(n.kind);
        drawn.place = place_of(n.jurisdiction);
        drawn.on_route = node_on_route(node);
        drawn.target = targets[node];
        drawn.node = node;
        drawn_as_[node] = nodes_.size();
        nodes_.push_back(std::move(drawn));
    }
}

void Diagram::build_edges() {
    // Merged edges by (tail, head, status, active, on route, blocking laws); plain edges
    // stay apart.
    std::map<std::tuple<std::size_t, std::size_t, Evidence, bool, bool, std::vector<std::uint32_t>>,
             std::size_t>
        merged;
    for (const EdgeIndex edge : edges_in_id_order(scenario_)) {
        const Edge& e = scenario_.edges()[edge];
        const std::size_t tail = drawn_as_[e.from];
        const std::size_t head = drawn_as_[e.to];
        const bool shown = tail != kHidden && head != kHidden &&
                           (!options_.routes_only || edge_on_route(edge)) &&
                           (!options_.active_only || active(edge));
        if (!shown) {
            continue;
        }
        DrawnEdge drawn{tail,         head,
                        {edge},       e.status,
                        active(edge), edge_on_route(edge),
                        true,         laws_blocking(edge)};
        if (!nodes_[tail].group && !nodes_[head].group) {
            edges_.push_back(std::move(drawn));
            continue;
        }
        const auto key =
            std::make_tuple(tail, head, e.status, drawn.active, drawn.on_route, drawn.laws);
        const auto [entry, added] = merged.emplace(key, edges_.size());
        if (added) {
            edges_.push_back(std::move(drawn));
        } else {
            edges_[entry->second].members.push_back(edge);
        }
    }
    std::sort(edges_.begin(), edges_.end(), [&](const DrawnEdge& a, const DrawnEdge& b) {
        return std::forward_as_tuple(nodes_[a.tail].name, nodes_[a.head].name,
                                     scenario_.edges()[a.members.front()].id) <
               std::forward_as_tuple(nodes_[b.tail].name, nodes_[b.head].name,
                                     scenario_.edges()[b.members.front()].id);
    });
}

// dot 2.42 fails with "trouble in init_rank" on some large clustered graphs whose edges
// form cycles between clusters (folded national sharing networks do). A depth-first
// search in name order marks the edges that close a cycle; dot then ranks by an acyclic
// graph, and draws those edges all the same.
void Diagram::break_cycles() {
    std::vector<std::vector<std::size_t>> out(nodes_.size());
    for (std::size_t e = 0; e < edges_.size(); ++e) {
        if (edges_[e].tail != edges_[e].head) {
            out[edges_[e].tail].push_back(e);
        }
    }
    std::vector<std::size_t> order(nodes_.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return nodes_[a].name < nodes_[b].name; });
    enum class Mark { kNew, kOnPath, kDone };
    std::vector<Mark> marks(nodes_.size(), Mark::kNew);
    std::vector<std::pair<std::size_t, std::size_t>> path;  // (node, next out-edge)
    for (const std::size_t root : order) {
        if (marks[root] != Mark::kNew) {
            continue;
        }
        marks[root] = Mark::kOnPath;
        path.emplace_back(root, 0);
        while (!path.empty()) {
            auto& [node, next] = path.back();
            if (next == out[node].size()) {
                marks[node] = Mark::kDone;
                path.pop_back();
                continue;
            }
            DrawnEdge& edge = edges_[out[node][next++]];
            if (marks[edge.head] == Mark::kOnPath) {
                edge.constraint = false;
            } else if (marks[edge.head] == Mark::kNew) {
                marks[edge.head] = Mark::kOnPath;
                path.emplace_back(edge.head, 0);
            }
        }
    }
}

void Diagram::write_node(std::ostream& out,
                         const DrawnNode& node,
                         const std::string& indent) const {
    const KindStyle& style = kind_style(node.style);
    out << indent << dot_quoted(node.name) << " [label=" << dot_quoted(node.label)
        << ", tooltip=" << dot_tooltip(node.tooltip) << ", shape=" << style.shape
        << ", style=\"filled" << style.style << (node.target ? ",bold" : "") << "\", fillcolor=\""
        << style.fill << "\"";
    if (node.on_route) {
        out << ", color=\"" << kRouteColour << "\", penwidth=2";
    }
    if (node.target) {
        out << ", peripheries=2";
    }
    if (options_.element_ids && !node.group) {
        out << ", id=\"fs-n-" << node.node << "\"";
    }
    out << "];\n";
}

void Diagram::write_edge(std::ostream& out, const DrawnEdge& edge) const {
    const Edge& first = scenario_.edges()[edge.members.front()];
    std::string label;
    std::string tooltip;
    if (edge.members.size() == 1) {
        label = id_words(first.mechanism);
        if (!first.gates.empty()) {
            std::vector<std::string> gates;
            for (const GateIndex gate : first.gates) {
                const Gate& g = scenario_.gates()[gate];
                gates.push_back(g.label.empty() ? id_words(g.id) : g.label);
            }
            label += (label.empty() ? "" : "\n") + ("needs " + join(gates, ", "));
        }
        tooltip = edge_tooltip(scenario_, edge.members.front(), edge.active);
    } else {
        std::vector<std::string> mechanisms;
        for (const EdgeIndex member : edge.members) {
            mechanisms.push_back(id_words(scenario_.edges()[member].mechanism));
        }
        std::sort(mechanisms.begin(), mechanisms.end());
        mechanisms.erase(std::unique(mechanisms.begin(), mechanisms.end()), mechanisms.end());
        mechanisms.erase(std::remove(mechanisms.begin(), mechanisms.end(), ""), mechanisms.end());
        label = std::to_string(edge.members.size()) + " edges";
        if (!mechanisms.empty() && mechanisms.size() <= 3) {
            label += ": " + join(mechanisms, ", ");
        }
        tooltip = label + " (" + std::string(evidence_name(edge.status)) +
                  (edge.active ? "" : ", inactive under this configuration") + ")\nfrom " +
                  one_line(nodes_[edge.tail].label) + "\nto " + one_line(nodes_[edge.head].label) +
                  ":";
        for (std::size_t i = 0; i < edge.members.size() && i < kListed; ++i) {
            const Edge& member = scenario_.edges()[edge.members[i]];
            tooltip += "\n- " + member.id + ": " + scenario_.nodes()[member.from].label + " → " +
                       scenario_.nodes()[member.to].label;
        }
        if (edge.members.size() > kListed) {
            tooltip += "\n… and " + std::to_string(edge.members.size() - kListed) + " more";
        }
    }
    if (!edge.laws.empty()) {
        std::vector<std::string> labels;
        for (const std::uint32_t law : edge.laws) {
            const Policy& policy = scenario_.policies()[law];
            labels.push_back(policy.label.empty() ? policy.id : policy.label);
            tooltip += "\nBlocked by a law: " + one_line(labels.back());
            for (const SourceIndex source : policy.sources) {
                tooltip += "\n- " + one_line(scenario_.sources()[source].title);
            }
        }
        label += (label.empty() ? "" : "\n") + ("blocked by " + join(labels, "; "));
    }
    const bool law = !edge.laws.empty() && !edge.on_route;
    const std::string_view colour = law ? kLawColour
                                    : edge.on_route
                                        ? (lighter(edge.status) ? kLightRouteColour : kRouteColour)
                                    : !edge.active         ? kFaint
                                    : lighter(edge.status) ? kLightInk
                                                           : kInk;
    const std::string_view text_colour = law             ? kLawColour
                                         : edge.on_route ? kRouteColour
                                         : !edge.active  ? kFaintText
                                                         : colour;
    out << "  " << dot_quoted(nodes_[edge.tail].name) << " -> "
        << dot_quoted(nodes_[edge.head].name) << " [";
    if (!label.empty()) {
        out << "label=" << dot_quoted(wrap(shortened(label, kMaxShownText), kEdgeWrap)) << ", ";
    }
    out << "tooltip=" << dot_tooltip(tooltip) << ", style=" << line_style(edge.status)
        << ", color=\"" << colour << "\", fontcolor=\"" << text_colour << "\"";
    if (edge.on_route) {
        out << (lighter(edge.status) ? ", penwidth=2" : ", penwidth=3");
    }
    if (law) {
        out << ", arrowhead=tee, penwidth=2";
    }
    if (!edge.constraint) {
        out << ", constraint=false";
    }
    if (options_.element_ids && edge.members.size() == 1) {
        out << ", id=\"fs-e-" << edge.members.front() << "\"";
    }
    out << "];\n";
}

// Nodes sorted by their place, then name: each cluster's own nodes come before its
// nested clusters, and a cluster is opened and closed exactly once.
void Diagram::write_clusters(std::ostream& out) const {
    std::vector<std::size_t> order(nodes_.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(nodes_[a].place, nodes_[a].name) <
               std::tie(nodes_[b].place, nodes_[b].name);
    });
    static constexpr std::array<std::string_view, 3> kClusterFill = {"#f7f7f7", "#efefef",
                                                                     "#e6e6e6"};
    std::vector<std::pair<int, std::string>> open;
    std::size_t clusters = 0;
    for (const std::size_t index : order) {
        const auto& place = nodes_[index].place;
        std::size_t common = 0;
        while (common < open.size() && common < place.size() && open[common] == place[common]) {
            ++common;
        }
        while (open.size() > common) {
            open.pop_back();
            out << std::string(2 * (open.size() + 1), ' ') << "}\n";
        }
        while (open.size() < place.size()) {
            const auto& part = place[open.size()];
            const std::string indent(2 * (open.size() + 1), ' ');
            out << indent << "subgraph \"cluster_" << ++clusters << "\" {\n"
                << indent << "  label=" << dot_quoted(shortened(part.second, kMaxShownText))
                << "; tooltip=" << dot_tooltip(part.second)
                << "; style=\"rounded,filled\"; fillcolor=\""
                << kClusterFill.at(std::min<std::size_t>(open.size(), 2))
                << "\"; color=\"#bdbdbd\";\n";
            open.push_back(part);
        }
        write_node(out, nodes_[index], std::string(2 * (open.size() + 1), ' '));
    }
    while (!open.empty()) {
        open.pop_back();
        out << std::string(2 * (open.size() + 1), ' ') << "}\n";
    }
}

// A cluster with one sample of every node shape and line style in the drawing. Row i
// holds the i-th shape (or an invisible stand-in) in the first column and the i-th line
// from the second column to the third; invisible edges and a `group` per row keep the
// rows straight.
void Diagram::write_legend(std::ostream& out) const {
    std::array<bool, kMixedKinds + 1> kinds{};
    bool target = false;
    for (const DrawnNode& node : nodes_) {
        kinds[node.style] = true;
        target = target || node.target;
    }
    std::array<bool, 4> statuses{};        // documented, reported, alleged, announced/hypothetical
    std::array<bool, 4> route_statuses{};  // the same, on a route
    bool inactive = false;
    bool law = false;
    for (const DrawnEdge& edge : edges_) {
        law = law || (!edge.laws.empty() && !edge.on_route);
        const std::size_t grade = std::min<std::size_t>(static_cast<std::size_t>(edge.status), 3);
        (edge.on_route ? route_statuses : statuses)[grade] = true;
        inactive = inactive || !edge.active;
    }
    // Node attributes of each shape sample.
    std::vector<std::string> shapes;
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        if (kinds[k]) {
            const KindStyle& style = kind_style(k);
            shapes.push_back(
                "label=" + dot_quoted(style.singular) + ", tooltip=" + dot_tooltip(style.singular) +
                ", shape=" + std::string(style.shape) + ", style=\"filled" +
                std::string(style.style) + "\", fillcolor=\"" + std::string(style.fill) + "\"");
        }
    }
    if (target) {
        shapes.emplace_back(
            "label=\"target\", tooltip=\"target\", shape=box, peripheries=2, "
            "style=\"filled,bold\", fillcolor=\"#ffffff\"");
    }
    // Edge attributes of each line sample.
    const std::string route_ink = "color=\"" + std::string(kRouteColour) + "\", fontcolor=\"" +
                                  std::string(kRouteColour) + "\", penwidth=3";
    const std::array<std::pair<bool, std::string>, 10> all_lines = {{
        {statuses[0], "label=\"documented\", style=solid, color=\"" + std::string(kInk) + "\""},
        {statuses[1], "label=\"reported\", style=dashed, color=\"" + std::string(kInk) + "\""},
        {statuses[2], "label=\"alleged\", style=dotted, color=\"" + std::string(kInk) + "\""},
        {statuses[3], "label=\"announced or\\nhypothetical\", style=dotted, color=\"" +
                          std::string(kLightInk) + "\", fontcolor=\"" + std::string(kLightInk) +
                          "\""},
        {law, "label=\"blocked by a law\\n(named beside it)\", color=\"" + std::string(kLawColour) +
                  "\", fontcolor=\"" + std::string(kLawColour) + "\", arrowhead=tee, penwidth=2"},
        {inactive, "label=\"inactive under\\nthis configuration\", color=\"" + std::string(kFaint) +
                       "\", fontcolor=\"" + std::string(kFaintText) + "\""},
        {route_statuses[0], "label=\"on a route,\\ndocumented\", style=solid, " + route_ink},
        {route_statuses[1], "label=\"on a route,\\nreported\", style=dashed, " + route_ink},
        {route_statuses[2], "label=\"on a route,\\nalleged\", style=dotted, " + route_ink},
        {route_statuses[3],
         "label=\"on a route, announced\\nor hypothetical\", style=dotted, "
         "color=\"" +
             std::string(kLightRouteColour) + "\", fontcolor=\"" + std::string(kRouteColour) +
             "\", penwidth=2"},
    }};
    std::vector<std::string> lines;
    for (const auto& [shown, attributes] : all_lines) {
        if (shown) {
            lines.push_back(attributes);
        }
    }
    out << "  subgraph \"cluster_legend\" {\n"
           "    label=\"Legend\"; tooltip=\"Legend\"; style=\"rounded\"; color=\"#bdbdbd\"; "
           "fontsize=12;\n"
           "    node [fontsize=9, margin=\"0.06,0.03\", height=0.3, tooltip=\"\"];\n"
           "    edge [fontsize=9, arrowsize=0.6, tooltip=\"\"];\n";
    const std::size_t rows = std::max(shapes.size(), lines.size());
    std::array<std::vector<std::string>, 3> columns;
    for (std::size_t row = 0; row < rows; ++row) {
        const std::string group = "legend:" + std::to_string(row + 1);
        std::array<std::string, 3> names;
        for (std::size_t column = 0; column < 3; ++column) {
            names[column] = group + ":" + std::to_string(column + 1);
            columns[column].push_back(names[column]);
        }
        out << "    \"" << names[0] << "\" ["
            << (row < shapes.size() ? shapes[row] : "shape=point, style=invis") << ", group=\""
            << group << "\"];\n";
        for (std::size_t column = 1; column < 3; ++column) {
            out << "    \"" << names[column] << "\" [label=\"\", shape=point, style=invis, group=\""
                << group << "\"];\n";
        }
        out << "    \"" << names[0] << "\" -> \"" << names[1] << "\" [style=invis];\n";
        out << "    \"" << names[1] << "\" -> \"" << names[2] << "\" ["
            << (row < lines.size() ? lines[row] : "style=invis") << "];\n";
    }
    for (const auto& column : columns) {
        out << "    { rank=same;";
        for (const std::string& name : column) {
            out << " \"" << name << "\";";
        }
        out << " }\n";
    }
    out << "  }\n";
}

void Diagram::write_heading(std::ostream& out) const {
    if (options_.title.empty() && options_.caption.empty()) {
        return;
    }
    // One HTML string holds every line: they share the scanner's limit.
    std::string heading;
    if (!options_.title.empty()) {
        heading += "<FONT POINT-SIZE=\"18\"><B>" +
                   html_escaped(shortened(options_.title, kMaxShownText), kMaxDotString / 2) +
                   "</B></FONT><BR ALIGN=\"LEFT\"/>";
    }
    for (const std::string& line : options_.caption) {
        const std::size_t room = kMaxDotString - std::min(heading.size(), kMaxDotString);
        if (room < 1000) {
            break;
        }
        heading += "<FONT POINT-SIZE=\"11\">" +
                   html_escaped(shortened(line, kMaxShownText), room - 100) +
                   "</FONT><BR ALIGN=\"LEFT\"/>";
    }
    out << "  label=<" << heading << ">;\n";
}

void Diagram::write(std::ostream& out) const {
    out << "digraph \"flowsim\" {\n"
           "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, fontcolor=\""
        << kInk
        << "\", labelloc=t, labeljust=l, newrank=true, nodesep=0.25, ranksep=0.6, "
           "pad=0.3, bgcolor=\"#ffffff\", outputorder=edgesfirst, tooltip=\" \"];\n"
           "  node [fontname=\"Helvetica\", fontsize=10, fontcolor=\""
        << kInk << "\", color=\"" << kInk
        << "\", margin=\"0.12,0.05\"];\n"
           "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];\n";
    write_heading(out);
    write_clusters(out);
    for (const DrawnEdge& edge : edges_) {
        write_edge(out, edge);
    }
    if (options_.legend) {
        write_legend(out);
    }
    out << "}\n";
}

}  // namespace

namespace {

// Whether `c` starts a character (is not inside a UTF-8 sequence).
bool starts_character(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

// `backslash`: how a backslash is written. The escaped text stops before `most` bytes
// (and at least 12 bytes below it, since one character escapes to at most 8 bytes).
std::string quoted(std::string_view text, std::string_view backslash, std::size_t most) {
    std::string out = "\"";
    for (const char c : clean_utf8(text)) {
        if (out.size() + 12 > most && starts_character(c)) {
            out += "…";
            break;
        }
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += backslash;
                break;
            case '&':
                out += "&amp;";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                break;
            case '\t':
                out += ' ';
                break;
            default:
                out += c;
        }
    }
    return out + "\"";
}

std::string html_escaped(std::string_view text, std::size_t most) {
    std::string out;
    for (const char c : clean_utf8(text)) {
        if (out.size() + 24 > most && starts_character(c)) {
            out += "…";
            break;
        }
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
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "<BR ALIGN=\"LEFT\"/>";
                break;
            case '\r':
                break;
            case '\t':
                out += ' ';
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace

std::string dot_quoted(std::string_view text) {
    return quoted(text, "\\\\", kMaxDotString);
}

std::string dot_tooltip(std::string_view text) {
    return quoted(text, "\\\\\\\\", kMaxDotString);
}

std::string dot_html(std::string_view text) {
    return html_escaped(text, kMaxDotString);
}

std::size_t write_dot(std::ostream& out, const Scenario& scenario, const DotOptions& options) {
    const Diagram diagram(scenario, options);
    diagram.write(out);
    return diagram.node_count();
}

QueryDiagram draw_diagram(const ConfigurationView& view,
                          const ResolvedQuery& query,
                          const DiagramShape& shape,
                          const StopCondition& stop,
                          std::optional<RouteCover> routes) {
    const Scenario& scenario = view.scenario();
    QueryDiagram diagram;
    DotOptions dot;
    if (shape.heading) {
        dot.title = scenario.title().empty() ? shape.untitled_name : scenario.title();
    }
    dot.active = active_edges(view);
    dot.blocked_by = edges_blocked_by_policies(view, query.routes.from);
    if (shape.routes || shape.routes_only) {
        dot.routes = routes ? std::move(*routes) : cover_routes(view, query.routes, stop);
        dot.targets = query.routes.to;
        diagram.completion = dot.routes->completion;
    }
    if (shape.heading) {
        dot.caption = diagram_caption(view, query, dot.routes);
    }
    dot.element_ids = shape.element_ids;
    dot.legend = shape.legend;
    dot.routes_only = shape.routes_only;
    dot.active_only = shape.active_only;
    dot.collapse = shape.collapse;
    std::ostringstream text;
    diagram.nodes = write_dot(text, scenario, dot);
    diagram.dot = text.str();
    return diagram;
}

std::vector<std::string> diagram_caption(const ConfigurationView& view,
                                         const ResolvedQuery& query,
                                         const std::optional<RouteCover>& routes) {
    const Scenario& scenario = view.scenario();
    std::vector<std::string> lines;
    // The same conditions as every answer's first line.
    std::string configuration = conditions(make_header(view, query, scenario.title()));
    configuration[0] = 'C';
    lines.push_back(configuration);
    if (routes) {
        std::string sources = name_or_count_nodes(scenario, query.routes.from, "sources");
        if (routes->routes > 0 && routes->completion.complete()) {
            // Only the sources that reach: "from 2 of 3 sources".
            const SourceReach reach = sources_reaching(view, query.routes);
            const std::size_t asked = reach.reaching.size() + reach.not_reaching.size();
            if (!reach.not_reaching.empty()) {
                sources =
                    asked > 2
                        ? std::to_string(reach.reaching.size()) + " of " + std::to_string(asked) +
                              " sources"
                        : name_or_count_nodes(scenario, reach.reaching, "sources") + " (not " +
                              name_or_count_nodes(scenario, reach.not_reaching, "sources") + ")";
            }
        }
        std::string between =
            "from " + sources + " to " + name_or_count_nodes(scenario, query.routes.to, "targets");
        if (query.routes.via) {
            between += ", through " + name_or_count_nodes(scenario, *query.routes.via, "nodes");
        }
        if (!query.routes.avoid.empty()) {
            between += ", avoiding " + name_or_count_nodes(scenario, query.routes.avoid, "nodes");
        }
        if (routes->routes == 0 && routes->completion.complete()) {
            lines.push_back("No route " + between);
        } else {
            lines.push_back(
                "Thick red: " + std::string(routes->completion.complete() ? "" : "at least ") +
                plural(routes->routes, "route") + " " + between +
                (routes->completion.complete()      ? ""
                 : routes->completion.timed_out()   ? " (cut short by the time limit)"
                 : routes->completion.interrupted() ? " (interrupted)"
                                                    : " (counting stopped there)"));
        }
    }
    return lines;
}

}  // namespace flowsim::io
