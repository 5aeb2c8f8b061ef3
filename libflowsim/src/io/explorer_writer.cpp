#include "flowsim/io/explorer_writer.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include <flowsim/configuration_view.hpp>
#include <flowsim/io/json_writer.hpp>
#include <flowsim/io/route_writer.hpp>
#include <flowsim/io/wording.hpp>
#include <flowsim/route_dependencies.hpp>

#include "explorer_assets.hpp"
#include "markup_text.hpp"
#include "report_parts.hpp"
#include "route_text.hpp"

namespace flowsim::io {

// --- encodings ---------------------------------------------------------------------------

std::string base64(std::string_view bytes) {
    static const char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const std::uint32_t word =
            static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
            static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
            static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[word >> 18];
        out += kAlphabet[(word >> 12) & 63];
        out += kAlphabet[(word >> 6) & 63];
        out += kAlphabet[word & 63];
    }
    const std::size_t left = bytes.size() - i;
    if (left > 0) {
        std::uint32_t word = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
        if (left == 2) {
            word |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        }
        out += kAlphabet[word >> 18];
        out += kAlphabet[(word >> 12) & 63];
        out += left == 2 ? kAlphabet[(word >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

namespace {

std::uint32_t rotate_right(std::uint32_t value, unsigned bits) {
    return (value >> bits) | (value << (32 - bits));
}

}  // namespace

std::string sha256(std::string_view bytes) {
    static const std::uint32_t kRounds[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2};
    std::uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                              0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::string message(bytes);
    const std::uint64_t length_bits = static_cast<std::uint64_t>(bytes.size()) * 8;
    message += static_cast<char>(0x80);
    while (message.size() % 64 != 56) {
        message += '\0';
    }
    for (int shift = 56; shift >= 0; shift -= 8) {
        message += static_cast<char>((length_bits >> shift) & 0xFF);
    }
    for (std::size_t block = 0; block < message.size(); block += 64) {
        std::uint32_t w[64];
        for (std::size_t i = 0; i < 16; ++i) {
            w[i] = 0;
            for (std::size_t b = 0; b < 4; ++b) {
                w[i] = w[i] << 8 | static_cast<unsigned char>(message[block + i * 4 + b]);
            }
        }
        for (std::size_t i = 16; i < 64; ++i) {
            const std::uint32_t s0 =
                rotate_right(w[i - 15], 7) ^ rotate_right(w[i - 15], 18) ^ (w[i - 15] >> 3);
            const std::uint32_t s1 =
                rotate_right(w[i - 2], 17) ^ rotate_right(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (std::size_t i = 0; i < 64; ++i) {
            const std::uint32_t s1 = rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25);
            const std::uint32_t choose = (e & f) ^ (~e & g);
            const std::uint32_t t1 = h + s1 + choose + kRounds[i] + w[i];
            const std::uint32_t s0 = rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22);
            const std::uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
            const std::uint32_t t2 = s0 + majority;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
    std::string digest;
    for (const std::uint32_t word : state) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            digest += static_cast<char>((word >> shift) & 0xFF);
        }
    }
    return digest;
}

// --- the answers -------------------------------------------------------------------------

ExplorerAnswers::ExplorerAnswers(const Scenario& scenario,
                                 const ResolvedQuery& base,
                                 StateSpace space,
                                 std::string display_name,
                                 std::size_t blocked_limit)
    : scenario_(&scenario),
      base_(base),
      space_(std::move(space)),
      display_name_(std::move(display_name)),
      blocked_limit_(blocked_limit) {
    depends_.emplace_back();
    depends_ids_.emplace(std::vector<std::string>{}, 0);
    nearest_lists_.emplace_back();
    nearest_list_ids_.emplace(std::vector<std::uint32_t>{}, 0);
    toggle_pieces_.resize(space_.toggles.size());
    date_pieces_.resize(space_.positions.size());
}

template <typename T>
std::uint32_t ExplorerAnswers::intern(std::map<T, std::uint32_t>& ids,
                                      std::vector<T>& items,
                                      T item) {
    const auto found = ids.find(item);
    if (found != ids.end()) {
        return found->second;
    }
    const auto index = static_cast<std::uint32_t>(items.size());
    ids.emplace(item, index);
    items.push_back(std::move(item));
    return index;
}

// The conditions of a state (conditions()) cut into the pieces the page puts together
// again: "configuration: NAME" and the settings of other parameters, then each toggle's
// phrase (or nothing when it has the value the configuration gives), then --without,
// --avoid, --via and --min-evidence, then the date.
ExplorerAnswers::Pieces ExplorerAnswers::pieces_of(const QueryHeader& header) const {
    Pieces pieces;
    pieces.prefix.push_back("configuration: " + header.configuration);
    pieces.toggles.resize(space_.toggles.size());
    bool toggles_begun = false;
    for (const Assumption& assumption : header.assumptions) {
        if (assumption.kind == "configuration") {
            continue;
        }
        if (assumption.kind == "as_of") {
            pieces.date = assumption.phrase;
            continue;
        }
        if (assumption.kind == "set") {
            const auto toggle = std::find_if(
                space_.toggles.begin(), space_.toggles.end(), [&](ParameterIndex parameter) {
                    return scenario_->parameters()[parameter].id == assumption.name;
                });
            if (toggle != space_.toggles.end()) {
                pieces.toggles[static_cast<std::size_t>(toggle - space_.toggles.begin())] =
                    assumption.phrase;
                toggles_begun = true;
                continue;
            }
            if (!toggles_begun && pieces.suffix.empty()) {
                pieces.prefix.push_back(assumption.phrase);
                continue;
            }
        }
        pieces.suffix.push_back(assumption.phrase);
    }
    if (pieces.date.empty() && header.as_of) {
        pieces.date = "as of " + *header.as_of;
    }
    return pieces;
}

void ExplorerAnswers::record_pieces(std::size_t state,
                                    const Pieces& pieces,
                                    const std::string& conditions_text) {
    const auto fail = [&](const std::string& what) {
        throw std::logic_error("the explorer cannot say the conditions of state " +
                               std::to_string(state) + " from its pieces (" + what +
                               "): " + conditions_text);
    };
    if (!have_pieces_) {
        prefix_ = pieces.prefix;
        suffix_ = pieces.suffix;
        have_pieces_ = true;
    } else if (prefix_ != pieces.prefix || suffix_ != pieces.suffix) {
        fail("the settings that do not change differ");
    }
    std::vector<std::string> parts = prefix_;
    for (std::size_t i = 0; i < space_.toggles.size(); ++i) {
        std::optional<std::string>& piece = toggle_pieces_[i][space_.value_of(state, i) ? 1 : 0];
        if (!piece) {
            piece = pieces.toggles[i];
        } else if (*piece != pieces.toggles[i]) {
            fail("a toggle's phrase differs");
        }
        if (!piece->empty()) {
            parts.push_back(*piece);
        }
    }
    parts.insert(parts.end(), suffix_.begin(), suffix_.end());
    std::optional<std::string>& date = date_pieces_[space_.position_of(state)];
    if (!date) {
        date = pieces.date;
    } else if (*date != pieces.date) {
        fail("the date's phrase differs");
    }
    if (!date->empty()) {
        parts.push_back(*date);
    }
    if (join(parts, "; ") != conditions_text) {
        fail("they join to something else");
    }
}

void ExplorerAnswers::add(const StateRoutes& state) {
    const Scenario& scenario = *scenario_;
    const ConfigurationView& view = *state.view;
    std::vector<Route> routes;
    for (const std::uint32_t index : state.routes) {
        const Route& route = (*state.candidates)[index];
        routes.push_back(route);
        routes_.emplace(index, route);
    }
    const QueryHeader header = make_header(view, *state.query, display_name_);
    const std::string conditions_text = conditions(header);
    record_pieces(state.state, pieces_of(header), conditions_text);

    std::vector<std::uint32_t> list;
    for (std::size_t i = 0; i < routes.size(); ++i) {
        std::vector<std::string> depends;
        for (const Dependency& dependency : route_dependencies(view, routes[i])) {
            depends.push_back(dependency_text(scenario, dependency));
        }
        list.push_back(state.routes[i]);
        list.push_back(intern(depends_ids_, depends_, std::move(depends)));
    }

    const ReportFindings findings =
        findings_of_routes(view, *state.query, std::move(routes), blocked_limit_);
    const AnswerLine line = answer_line(scenario, header, findings);
    const std::string said = " (" + conditions_text + ").";
    const std::size_t at = line.text.rfind(said);
    if (at == std::string::npos) {
        throw std::logic_error("the explorer cannot find the conditions in the answer of state " +
                               std::to_string(state.state) + ": " + line.text);
    }
    const std::string head = line.text.substr(0, at);
    const std::string tail = line.text.substr(at + said.size());
    const auto key = std::make_tuple(static_cast<int>(line.answer), head, tail);
    std::uint32_t line_index = 0;
    if (const auto found = line_ids_.find(key); found != line_ids_.end()) {
        line_index = found->second;
    } else {
        line_index = static_cast<std::uint32_t>(lines_.size());
        line_ids_.emplace(key, line_index);
        lines_.push_back({line.answer, head, tail});
    }

    Blocked blocked;
    const std::vector<std::vector<std::uint32_t>> laws =
        edges_blocked_by_policies(view, state.query->routes.from);
    for (EdgeIndex edge = 0; edge < laws.size(); ++edge) {
        if (!laws[edge].empty()) {
            blocked.emplace_back(edge, laws[edge]);
        }
    }
    // A blocked route is kept once for every state it is explained alike in: by its
    // edges and data and what blocker_text says of each hop, each source cited by its
    // index (the page numbers them when it is written).
    std::vector<std::uint32_t> nearest;
    if (line.answer == ReportAnswer::kNo && !findings.blocked.empty()) {
        SourceNumbers by_index;
        for (SourceIndex source = 0; source < scenario.sources().size(); ++source) {
            by_index.number(source);
        }
        for (const BlockedRoute& route : findings.blocked) {
            std::string explained = std::to_string(route.route.data);
            for (const EdgeIndex edge : route.route.edges) {
                explained += " " + std::to_string(edge);
            }
            for (const auto& [edge, blocker] : route.blockers) {
                explained += "\n" + std::to_string(edge) + " " +
                             std::string(blocker_reason_name(blocker.reason)) + " " +
                             (blocker.policy ? std::to_string(*blocker.policy) : "-") + " " +
                             blocker_text(scenario, header, edge, blocker, by_index);
            }
            const auto [found, added] = nearest_ids_.emplace(
                std::move(explained), static_cast<std::uint32_t>(nearest_.size()));
            if (added) {
                nearest_.push_back({route, header});
            }
            nearest.push_back(found->second);
        }
    }
    const std::array<std::uint32_t, 5> outcome = {
        line_index, intern(list_ids_, lists_, std::move(list)),
        intern(active_ids_, active_, active_edges(view)),
        intern(blocked_ids_, blocked_, std::move(blocked)),
        intern(nearest_list_ids_, nearest_lists_, std::move(nearest))};
    state_outcomes_.push_back(intern(outcome_ids_, outcomes_, outcome));
}

RouteCover ExplorerAnswers::cover() const {
    RouteCover cover;
    cover.nodes.assign(scenario_->nodes().size(), false);
    cover.edges.assign(scenario_->edges().size(), false);
    for (const auto& [index, route] : routes_) {
        for (const NodeIndex node : route.nodes) {
            cover.nodes[node] = true;
        }
        for (const EdgeIndex edge : route.edges) {
            cover.edges[edge] = true;
        }
    }
    cover.routes = routes_.size();
    return cover;
}

// --- the page ----------------------------------------------------------------------------

namespace {

// JSON for inside a <script> element: no "<", ">" or "&" (they appear only inside
// strings, where \u escapes say the same), so no text can end the element or start a
// comment; U+2028 and U+2029 escaped too.
std::string script_safe(const std::string& json) {
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '<') {
            out += "\\u003c";
        } else if (c == '>') {
            out += "\\u003e";
        } else if (c == '&') {
            out += "\\u0026";
        } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
                   (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
            out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string bitset_text(const std::vector<bool>& bits) {
    std::string bytes((bits.size() + 7) / 8, '\0');
    for (std::size_t i = 0; i < bits.size(); ++i) {
        if (bits[i]) {
            bytes[i / 8] =
                static_cast<char>(static_cast<unsigned char>(bytes[i / 8]) | (1U << (i % 8)));
        }
    }
    return base64(bytes);
}

std::string place_text(const Jurisdiction& place) {
    std::vector<std::string> parts;
    for (const auto* part : {&place.place, &place.county, &place.state}) {
        if (*part) {
            parts.push_back(**part);
        }
    }
    return join(parts, ", ");
}

std::string gate_label(const Gate& gate) {
    return gate.label.empty() ? gate.id : gate.label;
}

std::string policy_label(const Policy& policy) {
    return policy.label.empty() ? policy.id : policy.label;
}

std::string thousands(std::size_t number) {
    std::string digits = std::to_string(number);
    for (std::size_t at = digits.size(); at > 3; at -= 3) {
        digits.insert(at - 3, ",");
    }
    return digits;
}

}  // namespace

class ExplorerPageWriter {
public:
    ExplorerPageWriter(const ExplorerAnswers& answers, const ExplorerPage& page)
        : answers_(answers), page_(page), scenario_(answers.scenario()) {}

    void write(std::ostream& out);

private:
    void choose_tables();
    void number_sources();
    std::string data_json();
    void write_html(std::ostream& out, const std::string& json);

    const ExplorerAnswers& answers_;
    const ExplorerPage& page_;
    const Scenario& scenario_;
    std::vector<NodeIndex> nodes_;  // the page's nodes, by scenario index order
    std::vector<EdgeIndex> edges_;
    std::vector<std::uint32_t> laws_;
    std::vector<std::uint32_t> node_at_;  // scenario node -> page index
    std::vector<std::uint32_t> edge_at_;
    std::map<std::uint32_t, std::uint32_t> law_at_;
    std::map<std::uint32_t, std::uint32_t> route_at_;  // candidate -> page index
    std::vector<RouteRow> rows_;
    std::vector<BlockedItem> nearest_;  // ExplorerAnswers::nearest_, said for people
    SourceNumbers numbers_;
};

void ExplorerPageWriter::choose_tables() {
    const RouteCover cover = answers_.cover();
    constexpr std::uint32_t kNone = ~std::uint32_t{0};
    node_at_.assign(scenario_.nodes().size(), kNone);
    edge_at_.assign(scenario_.edges().size(), kNone);
    for (NodeIndex node = 0; node < scenario_.nodes().size(); ++node) {
        if (!page_.routes_only || cover.nodes[node]) {
            node_at_[node] = static_cast<std::uint32_t>(nodes_.size());
            nodes_.push_back(node);
        }
    }
    for (EdgeIndex edge = 0; edge < scenario_.edges().size(); ++edge) {
        const Edge& e = scenario_.edges()[edge];
        if (page_.routes_only ? cover.edges[edge]
                              : node_at_[e.from] != kNone && node_at_[e.to] != kNone) {
            edge_at_[edge] = static_cast<std::uint32_t>(edges_.size());
            edges_.push_back(edge);
        }
    }
    for (const auto& blocked : answers_.blocked_) {
        for (const auto& [edge, laws] : blocked) {
            if (edge_at_[edge] == kNone) {
                continue;
            }
            for (const std::uint32_t law : laws) {
                law_at_.emplace(law, 0);
            }
        }
    }
    for (auto& [law, index] : law_at_) {
        index = static_cast<std::uint32_t>(laws_.size());
        laws_.push_back(law);
    }
}

void ExplorerPageWriter::number_sources() {
    // Routes first, in the fixed order, then the edges drawn, then the laws.
    const ConfigurationView any_view(scenario_, ActivitySettings{});
    const RouteLines lines(scenario_);
    for (const auto& [candidate, route] : answers_.routes_) {
        route_at_.emplace(candidate, static_cast<std::uint32_t>(rows_.size()));
        rows_.push_back(route_row(any_view, lines, route, numbers_, false));
    }
    for (const EdgeIndex edge : edges_) {
        for (const SourceIndex source : scenario_.edges()[edge].sources) {
            numbers_.number(source);
        }
    }
    for (const std::uint32_t law : laws_) {
        for (const SourceIndex source : scenario_.policies()[law].sources) {
            numbers_.number(source);
        }
    }
    for (const ExplorerAnswers::Nearest& nearest : answers_.nearest_) {
        nearest_.push_back(
            blocked_item(scenario_, lines, nearest.header, nearest.blocked, numbers_));
    }
}

std::string ExplorerPageWriter::data_json() {
    std::ostringstream text;
    JsonWriter json(text);
    const StateSpace& space = answers_.space_;
    const auto strings = [&](const std::vector<std::string>& items) {
        json.begin_array();
        for (const std::string& item : items) {
            json.value(clean_utf8(item));
        }
        json.end_array();
    };
    const auto numbers = [&](const std::vector<std::size_t>& items) {
        json.begin_array();
        for (const std::size_t item : items) {
            json.value(item);
        }
        json.end_array();
    };
    const auto source_numbers = [&](const std::vector<SourceIndex>& sources) {
        std::vector<std::size_t> cited;
        for (const SourceIndex source : sources) {
            cited.push_back(numbers_.number(source));
        }
        std::sort(cited.begin(), cited.end());
        numbers(cited);
    };
    const auto optional_date = [&](const std::optional<Date>& date) {
        if (date) {
            json.value(date->to_string());
        } else {
            json.null();
        }
    };

    json.begin_object();
    json.key("format").value("flowsim-explorer/1");
    json.key("states").value(space.states());
    json.key("toggles").begin_array(true);
    for (std::size_t i = 0; i < space.toggles.size(); ++i) {
        const Parameter& parameter = scenario_.parameters()[space.toggles[i]];
        json.begin_object()
            .key("id")
            .value(parameter.id)
            .key("label")
            .value(clean_utf8(parameter.label.empty() ? parameter.id : parameter.label))
            .key("lever")
            .value(clean_utf8(parameter.lever))
            .key("initial")
            .value(static_cast<bool>(space.initial_values[i]))
            .end_object();
    }
    json.end_array();
    json.key("dropped").begin_array();
    for (const ParameterIndex parameter : page_.dropped) {
        json.value(scenario_.parameters()[parameter].id);
    }
    json.end_array();
    json.key("positions").begin_array(true);
    for (const DatePosition& position : space.positions) {
        json.begin_object().key("since");
        optional_date(position.since);
        json.key("until");
        optional_date(position.until);
        json.key("shown");
        optional_date(position.shown);
        json.end_object();
    }
    json.end_array();
    json.key("initial_position").value(space.initial_position);

    json.key("conditions").begin_object().key("prefix");
    strings(answers_.prefix_);
    json.key("toggles").begin_array();
    for (const auto& pieces : answers_.toggle_pieces_) {
        strings({pieces[0].value_or(""), pieces[1].value_or("")});
    }
    json.end_array().key("suffix");
    strings(answers_.suffix_);
    json.key("dates");
    std::vector<std::string> dates;
    for (const auto& date : answers_.date_pieces_) {
        dates.push_back(date.value_or(""));
    }
    strings(dates);
    json.end_object();

    json.key("nodes").begin_array(true);
    for (const NodeIndex index : nodes_) {
        const Node& node = scenario_.nodes()[index];
        json.begin_object()
            .key("index")
            .value(std::size_t{index})
            .key("id")
            .value(node.id)
            .key("label")
            .value(clean_utf8(node.label))
            .key("kind")
            .value(node_kind_name(node.kind))
            .key("place")
            .value(clean_utf8(place_text(node.jurisdiction)))
            .key("tags");
        strings(node.tags);
        json.key("note").value(clean_utf8(node.note));
        json.key("target").value(std::find(answers_.base_.routes.to.begin(),
                                           answers_.base_.routes.to.end(),
                                           index) != answers_.base_.routes.to.end());
        json.end_object();
    }
    json.end_array();

    json.key("edges").begin_array(true);
    for (const EdgeIndex index : edges_) {
        const Edge& edge = scenario_.edges()[index];
        std::vector<std::string> carries;
        for (const DataKindIndex kind : edge.carries) {
            carries.push_back(scenario_.data_kinds()[kind].label);
        }
        std::vector<std::string> gates;
        for (const GateIndex gate : edge.gates) {
            gates.push_back(gate_label(scenario_.gates()[gate]));
        }
        json.begin_object()
            .key("index")
            .value(std::size_t{index})
            .key("id")
            .value(edge.id)
            .key("from")
            .value(std::size_t{node_at_[edge.from]})
            .key("to")
            .value(std::size_t{node_at_[edge.to]})
            .key("mechanism")
            .value(clean_utf8(edge.mechanism))
            .key("status")
            .value(evidence_name(edge.status))
            .key("carries");
        strings(carries);
        json.key("gates");
        strings(gates);
        json.key("when").value(edge.when.to_string());
        json.key("since");
        optional_date(edge.in_force.since);
        json.key("until");
        optional_date(edge.in_force.until);
        json.key("likelihood").value(edge.likelihood ? likelihood_text(edge.likelihood) : "");
        json.key("note").value(clean_utf8(edge.note));
        json.key("sources");
        source_numbers(edge.sources);
        json.end_object();
    }
    json.end_array();

    json.key("laws").begin_array(true);
    for (const std::uint32_t law : laws_) {
        const Policy& policy = scenario_.policies()[law];
        json.begin_object().key("id").value(policy.id).key("label").value(
            clean_utf8(policy_label(policy)));
        json.key("sources");
        source_numbers(policy.sources);
        json.end_object();
    }
    json.end_array();

    json.key("routes").begin_array(true);
    for (const auto& [candidate, route] : answers_.routes_) {
        const RouteRow& row = rows_[route_at_.at(candidate)];
        json.begin_object().key("id").value(row.id).key("nodes").begin_array();
        for (const NodeIndex node : route.nodes) {
            json.value(std::size_t{node_at_[node]});
        }
        json.end_array().key("edges").begin_array();
        for (const EdgeIndex edge : route.edges) {
            json.value(std::size_t{edge_at_[edge]});
        }
        json.end_array();
        json.key("data").value(clean_utf8(row.data));
        json.key("evidence").value(row.evidence);
        json.key("gates");
        strings(row.gates);
        json.key("likelihood").value(row.likelihood);
        json.key("sources");
        numbers(row.sources);
        json.end_object();
    }
    json.end_array();

    json.key("lines").begin_array(true);
    for (const ExplorerAnswers::Line& line : answers_.lines_) {
        json.begin_object()
            .key("answer")
            .value(line.answer == ReportAnswer::kYes  ? "yes"
                   : line.answer == ReportAnswer::kNo ? "no"
                                                      : "unknown")
            .key("head")
            .value(clean_utf8(line.head))
            .key("tail")
            .value(clean_utf8(line.tail))
            .end_object();
    }
    json.end_array();

    json.key("depends").begin_array(true);
    for (const std::vector<std::string>& depends : answers_.depends_) {
        strings(depends);
    }
    json.end_array();

    json.key("lists").begin_array(true);
    for (const std::vector<std::uint32_t>& list : answers_.lists_) {
        std::vector<bool> bits(answers_.routes_.size(), false);
        std::vector<std::pair<std::uint32_t, std::uint32_t>> entries;
        for (std::size_t i = 0; i + 1 < list.size(); i += 2) {
            entries.emplace_back(route_at_.at(list[i]), list[i + 1]);
        }
        std::sort(entries.begin(), entries.end());
        std::vector<std::size_t> depends;
        for (const auto& [route, depend] : entries) {
            bits[route] = true;
            depends.push_back(depend);
        }
        json.begin_object().key("routes").value(bitset_text(bits)).key("depends");
        numbers(depends);
        json.end_object();
    }
    json.end_array();

    json.key("active").begin_array(true);
    for (const std::vector<bool>& active : answers_.active_) {
        std::vector<bool> bits;
        for (const EdgeIndex edge : edges_) {
            bits.push_back(active[edge]);
        }
        json.value(bitset_text(bits));
    }
    json.end_array();

    json.key("blocked").begin_array(true);
    for (const auto& blocked : answers_.blocked_) {
        json.begin_array();
        for (const auto& [edge, laws] : blocked) {
            if (edge_at_[edge] == ~std::uint32_t{0}) {
                continue;
            }
            json.begin_array().value(std::size_t{edge_at_[edge]});
            for (const std::uint32_t law : laws) {
                json.value(std::size_t{law_at_.at(law)});
            }
            json.end_array();
        }
        json.end_array();
    }
    json.end_array();

    json.key("nearest").begin_array(true);
    for (std::size_t i = 0; i < nearest_.size(); ++i) {
        const BlockedItem& item = nearest_[i];
        const Route& route = answers_.nearest_[i].blocked.route;
        json.begin_object().key("path").value(clean_utf8(item.path));
        json.key("data").value(clean_utf8(item.data));
        json.key("data_id").value(scenario_.data_kinds()[route.data].id);
        json.key("edges").strings(ids_of(scenario_.edges(), route.edges));
        json.key("sources");
        numbers(item.sources);
        json.key("blockers").begin_array();
        for (const BlockerLine& blocker : item.blockers) {
            json.begin_object()
                .key("hop")
                .value(clean_utf8(blocker.hop))
                .key("edge")
                .value(blocker.edge_id)
                .key("text")
                .value(clean_utf8(blocker.detail))
                .key("reason")
                .value(blocker.reason)
                .end_object();
        }
        json.end_array().end_object();
    }
    json.end_array();

    json.key("nearest_lists").begin_array(true);
    for (const std::vector<std::uint32_t>& list : answers_.nearest_lists_) {
        json.begin_array();
        for (const std::uint32_t item : list) {
            json.value(std::size_t{item});
        }
        json.end_array();
    }
    json.end_array();

    json.key("outcomes").begin_array();
    for (const auto& outcome : answers_.outcomes_) {
        json.begin_array();
        for (const std::uint32_t part : outcome) {
            json.value(std::size_t{part});
        }
        json.end_array();
    }
    json.end_array();

    // One outcome per state, as little-endian integers of `outcome_bytes` bytes each.
    std::size_t width = 1;
    while (answers_.outcomes_.size() > (std::size_t{1} << (8 * width))) {
        ++width;
    }
    std::string bytes;
    bytes.reserve(answers_.state_outcomes_.size() * width);
    for (const std::uint32_t outcome : answers_.state_outcomes_) {
        for (std::size_t b = 0; b < width; ++b) {
            bytes += static_cast<char>((outcome >> (8 * b)) & 0xFF);
        }
    }
    json.key("outcome_bytes").value(width);
    json.key("state_outcomes").value(base64(bytes));
    json.end_object();
    return script_safe(text.str());
}

void ExplorerPageWriter::write_html(std::ostream& out, const std::string& json) {
    const StateSpace& space = answers_.space_;
    const std::string title =
        scenario_.title().empty() ? answers_.display_name_ : scenario_.title();
    const std::string script_hash = "sha256-" + base64(sha256(kExplorerScript));
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // Only the page's own script may run (by its hash); nothing may be loaded.
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; script-src '"
        << script_hash << "'\">\n"
        << "<meta name=\"referrer\" content=\"no-referrer\">\n"
        << "<title>" << html(title) << " — flowsim explorer</title>\n"
        << "<style>" << kReportStyle << kExplorerStyle << "</style>\n</head>\n<body>\n<header>\n"
        << "<p class=\"kicker\">flowsim explorable report</p>\n<h1>" << html(title) << "</h1>\n";
    if (!scenario_.description().empty()) {
        out << "<p class=\"description\">" << html(scenario_.description()) << "</p>\n";
    }
    out << "</header>\n<main>\n"
        << "<noscript><p class=\"error\">This page needs JavaScript to show its answers; the "
           "static report (flowsim report) needs none.</p></noscript>\n"
        << "<p id=\"answer\" class=\"answer\" aria-live=\"polite\"></p>\n"
        << "<p id=\"state-error\" class=\"error\" role=\"alert\" hidden></p>\n";

    out << "<div class=\"workspace\">\n<section id=\"controls\" "
           "aria-labelledby=\"controls-title\">\n"
        << "<h2 id=\"controls-title\">What if…</h2>\n";
    if (space.toggles.empty()) {
        out << "<p>No parameter is toggled on this page.</p>\n";
    } else {
        out << "<fieldset class=\"toggles\">\n<legend>Settings (each on or off)</legend>\n";
        for (std::size_t i = 0; i < space.toggles.size(); ++i) {
            const Parameter& parameter = scenario_.parameters()[space.toggles[i]];
            out << "<label><input type=\"checkbox\" data-toggle=\"" << i << "\"> <span>"
                << html(parameter.label.empty() ? parameter.id : parameter.label);
            if (!parameter.lever.empty()) {
                out << " <small>(" << html(parameter.lever) << ")</small>";
            }
            out << "</span></label>\n";
        }
        out << "</fieldset>\n";
    }
    out << "<div class=\"date-control\">\n<label for=\"date\">Facts as of</label>\n"
        << "<button type=\"button\" id=\"date-earlier\" aria-label=\"Earlier\">◀</button>\n"
        << "<input type=\"range\" id=\"date\" min=\"0\" max=\""
        << (space.positions.empty() ? 0 : space.positions.size() - 1) << "\" step=\"1\">\n"
        << "<button type=\"button\" id=\"date-later\" aria-label=\"Later\">▶</button>\n"
        << "<output id=\"date-text\" for=\"date\"></output>\n</div>\n";
    const std::size_t combinations =
        space.states() / std::max<std::size_t>(space.positions.size(), 1);
    out << "<p class=\"states\">This page holds the answers of " << thousands(space.states())
        << (space.states() == 1 ? " state" : " states") << ": " << thousands(combinations)
        << " combinations of " << plural(space.toggles.size(), "setting") << " at "
        << plural(space.positions.size(), "date") << " at which the facts change, "
        << "each worked out by flowsim's route search when the page was written.";
    if (!page_.dropped.empty()) {
        std::vector<std::string> dropped;
        for (const ParameterIndex parameter : page_.dropped) {
            const Parameter& p = scenario_.parameters()[parameter];
            dropped.push_back(p.label.empty() ? p.id : p.label);
        }
        out << " Left out to stay within " << thousands(page_.max_states)
            << " states, and kept as the question sets them: " << html(series(dropped, true))
            << ".";
    }
    out << "</p>\n<p class=\"link\"><a id=\"state-link\" href=\"#\">Link to this view</a> · "
        << "<button type=\"button\" id=\"reset\">Back to the question as asked</button></p>\n"
        << "</section>\n";

    out << "<section id=\"diagram\" aria-labelledby=\"diagram-title\">\n"
        << "<h2 id=\"diagram-title\">Diagram</h2>\n";
    const std::string svg = svg_for_html(page_.diagram);
    if (svg.empty()) {
        out << "<p>"
            << html(page_.diagram_note.empty() ? "No diagram was drawn for this page."
                                               : page_.diagram_note)
            << "</p>\n";
    } else {
        out << "<div class=\"diagram-tools\" role=\"toolbar\" aria-label=\"Zoom\">"
            << "<button type=\"button\" id=\"zoom-out\" aria-label=\"Zoom out\">−</button>"
            << "<button type=\"button\" id=\"zoom-in\" aria-label=\"Zoom in\">+</button>"
            << "<button type=\"button\" id=\"zoom-fit\">Fit</button>"
            << "<button type=\"button\" id=\"zoom-actual\">Actual size</button>"
            << "<span id=\"zoom-level\" aria-live=\"polite\"></span></div>\n"
            << "<div id=\"viewport\" class=\"viewport\" tabindex=\"0\" aria-label=\"Diagram: "
               "drag to move, wheel or +/− to zoom, click a node or link for details\">\n"
            << svg << "\n</div>\n"
            << "<p class=\"legend\"><span class=\"swatch route\"></span> on a route in this view "
               "<span class=\"swatch law\"></span> blocked by a law for every source asked "
               "<span class=\"swatch off\"></span> off in this view. Line style gives the "
               "evidence: solid documented, dashed reported, dotted alleged, announced or "
               "hypothetical (lighter).";
        if (page_.routes_only) {
            out << " Only the nodes and links on some view's routes are drawn.";
        }
        out << "</p>\n<aside id=\"details\" class=\"details\" aria-live=\"polite\"><p>Click "
               "a node or a link for its details, or a route below to pick it out.</p></aside>\n";
    }
    out << "</section>\n</div>\n";

    out << "<section id=\"routes\" aria-labelledby=\"routes-title\">\n"
        << "<h2 id=\"routes-title\">Routes</h2>\n<p id=\"routes-intro\"></p>\n<p>"
        << html(kRoutesNote) << "</p>\n"
        << "<div class=\"table-wrap\">\n<table class=\"routes\" id=\"route-table\">\n<thead><tr>";
    static const char* const kHeadings[] = {"#",          "Route",   "Data",
                                            "Evidence",   "Needs",   "Depends on",
                                            "Likelihood", "Sources", "Route id"};
    for (const char* heading : kHeadings) {
        out << "<th scope=\"col\">" << heading << "</th>";
    }
    out << "</tr></thead>\n<tbody></tbody>\n</table>\n</div>\n</section>\n";

    // Shown when the answer is no, as the report says it (report_parts).
    out << "<section id=\"blocked\" aria-labelledby=\"blocked-title\" hidden>\n"
        << "<h2 id=\"blocked-title\">What blocks the routes</h2>\n<p id=\"blocked-none\">"
        << html(kNoRouteAtAllNote) << "</p>\n<p id=\"blocked-nearest\">" << html(kBlockedNote)
        << "</p>\n<ol class=\"blocked\" id=\"blocked-list\"></ol>\n</section>\n";

    out << "<section id=\"sources\">\n<h2>Sources</h2>\n";
    std::vector<SourceEntry> sources;
    for (const SourceIndex index : numbers_.order()) {
        sources.push_back(source_entry(scenario_.sources()[index]));
    }
    write_html_sources(out, sources, "No source is cited.");
    out << "</section>\n";

    out << "<section id=\"method\">\n<h2>Method</h2>\n<p>" << html(kMethodNote)
        << " Every answer on this page was worked out by flowsim's route search when the page "
           "was written, for every combination of the settings above at every date at which a "
           "link or a law starts or ends; the page only looks them up. A date stands for the "
           "whole stretch of time until the next change.</p>\n<ul>\n";
    for (const StatusMeaning& status : kStatusMeanings) {
        out << "<li><strong>" << status.status << "</strong>: " << html(status.meaning)
            << "</li>\n";
    }
    out << "</ul>\n</section>\n";
    const Provenance& provenance = page_.provenance;
    out << "<section id=\"provenance\">\n<h2>Provenance</h2>\n<dl class=\"conditions\">\n";
    if (!provenance.scenario.empty()) {
        out << "<dt>Scenario</dt><dd><code>" << html(provenance.scenario) << "</code></dd>\n"
            << "<dt>Content hash of the files loaded</dt><dd><code>"
            << html(provenance.content_hash) << "</code></dd>\n"
            << "<dt>flowsim version</dt><dd>" << html(provenance.version) << "</dd>\n"
            << "<dt>Written by</dt><dd><code>" << html(provenance.command) << "</code></dd>\n";
    }
    out << "<dt>States</dt><dd>" << thousands(space.states()) << " ("
        << thousands(answers_.distinct_outcomes()) << " distinct answers, "
        << plural(answers_.route_count(), "route") << " in all)</dd>\n"
        << "</dl>\n</section>\n</main>\n"
        << "<script type=\"application/json\" id=\"flowsim-data\">" << json << "</script>\n"
        << "<script>" << kExplorerScript << "</script>\n</body>\n</html>\n";
}

void ExplorerPageWriter::write(std::ostream& out) {
    choose_tables();
    number_sources();
    write_html(out, data_json());
}

void write_explorer(std::ostream& out, const ExplorerAnswers& answers, const ExplorerPage& page) {
    ExplorerPageWriter writer(answers, page);
    writer.write(out);
}

}  // namespace flowsim::io
