#pragma once

// Random small scenarios and a deliberately naive reading of what a route is (docs/cli.md,
// `paths`), for the property tests that check the engine (route_finder_property_test) and the
// analyses built on it (analysis_property_test) against brute force. The reference knows nothing of
// the engine: it tries every sequence of edges that repeats no node, then keeps those that satisfy
// every rule.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "flowsim/configuration_view.hpp"
#include "flowsim/io/scenario_loader.hpp"
#include "flowsim/route.hpp"
#include "flowsim/route_finder.hpp"

namespace flowsim::testing {

// ---- Random scenarios --------------------------------------------------------------------------

// Dates close together so that `since`, `until` and `as_of` often coincide exactly.
inline const std::vector<std::string> kDates = {"2024-12-31", "2025-01-01", "2025-06-01",
                                                "2026-01-01"};
// Node ids whose byte order differs from any "natural" order: '-' < '.' < '0' < '_' < 'a'.
inline const std::vector<std::string> kNodeIds = {"a", "a-b", "a.b", "a0", "a_b", "ab",
                                                  "b", "ba",  "c",   "z9", "m.1", "n"};
inline const std::vector<std::string> kEdgeIds = {"e1", "e10", "e2", "e-1", "e.1", "e_1", "f", "e"};
inline const std::vector<std::string> kNodeKinds = {
    "camera",         "platform",      "local_agency", "state_agency",
    "federal_agency", "private_party", "other"};
inline const std::vector<std::string> kStatuses = {"documented", "reported", "alleged", "announced",
                                                   "hypothetical"};
inline const std::vector<std::string> kTags = {"ice", "flock", "x"};
// Declared kinds: one sorts before the built-ins, one between them, one after.
inline const std::vector<std::string> kDeclaredKinds = {"alpha", "hotlist", "zeta"};
inline const std::vector<std::string> kParameterIds = {"p_c", "p_a", "p_b"};
inline const std::vector<std::string> kGateIds = {"g_z", "g_a"};
inline const std::vector<std::string> kSourceIds = {"src_b", "src_a"};
inline const std::vector<std::string> kConfigurationIds = {"cfg_y", "cfg_x"};
inline const std::vector<std::string> kLikelihoods = {"0.5", "0.25", "0.75", "1", "0.1"};
// For the simulation: delays (fixed, and ranges that straddle the retention periods, so
// that retention sometimes cuts a hop), retention periods and gate probabilities.
inline const std::vector<std::string> kDelays = {
    "0", "1h", "1d", "2d", "30m", "{min: 12h, max: 36h}", "{min: 0, max: 3d}"};
inline const std::vector<std::string> kRetentions = {"1d", "2d", "0", "30d"};
inline const std::vector<std::string> kGateProbabilities = {"0.5", "0.9", "1", "0", "0.2"};

class Random {
public:
    explicit Random(std::uint32_t seed) : engine_(seed) {}

    int between(int low, int high) {  // inclusive
        return std::uniform_int_distribution<int>(low, high)(engine_);
    }
    bool chance(double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_) < p; }
    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1))];
    }
    template <typename T>
    void shuffle(std::vector<T>& items) {
        std::shuffle(items.begin(), items.end(), engine_);
    }
    /// A random subset of `items` (order kept), non-empty when `non_empty` and items exist.
    template <typename T>
    std::vector<T> subset(const std::vector<T>& items, bool non_empty, double p = 0.5) {
        std::vector<T> result;
        for (const T& item : items) {
            if (chance(p)) {
                result.push_back(item);
            }
        }
        if (result.empty() && non_empty && !items.empty()) {
            result.push_back(pick(items));
        }
        return result;
    }

private:
    std::mt19937 engine_;
};

// Who holds a parameter, for `cut`: fixed by its id so that adding levers draws no random
// numbers. p_c is not a lever.
inline std::string lever_text(const std::string& parameter) {
    if (parameter == "p_a") {
        return ", lever: police department";
    }
    if (parameter == "p_b") {
        return ", lever: city council, cost: 2";
    }
    return "";
}

inline std::string flow_list(const std::vector<std::string>& items) {
    std::string text = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        text += (i ? ", " : "") + items[i];
    }
    return text + "]";
}

/// The model of one random scenario, kept only as far as needed to write its YAML.
class ScenarioGenerator {
public:
    /// With `timing`, edges also get delays (fixed or ranges), nodes retention and gates
    /// probabilities, for the simulation's tests; the draws for them come after every
    /// other draw of each item, so without it the scenarios are what they always were.
    explicit ScenarioGenerator(Random& random, bool timing = false)
        : random_(random), timing_(timing) {
        generate();
    }

    /// The scenario; with `variant`, the same scenario edited elsewhere (another title, an
    /// extra data kind declared first, an extra node and edge at the end) so that route ids
    /// must not change.
    std::string yaml(bool variant) const {
        std::ostringstream out;
        out << "flowsim: 1\n";
        out << "title: " << (variant ? "Variant of a random scenario" : "Random scenario") << "\n";
        if (as_of_) {
            out << "as_of: " << *as_of_ << "\n";
        }
        if (!sources_.empty()) {
            out << "sources:\n";
            for (const std::string& source : sources_) {
                out << "  " << source << ": {title: Source " << source << "}\n";
            }
        }
        out << "data:\n";
        if (variant) {
            out << "  aaa_unused: {label: Declared first in the variant}\n";
        }
        for (const std::string& kind : declared_kinds_) {
            out << "  " << kind << ": {label: Kind " << kind << "}\n";
        }
        if (!parameters_.empty()) {
            out << "parameters:\n";
            for (const auto& [id, value] : parameters_) {
                out << "  " << id << ": {default: " << (value ? "true" : "false") << lever_text(id)
                    << "}\n";
            }
        }
        if (!gates_.empty()) {
            out << "gates:\n";
            for (const std::string& gate : gates_) {
                out << "  " << gate << ": {label: Gate " << gate;
                if (timing_) {
                    out << ", probability: " << gate_probabilities_.at(gate);
                }
                out << "}\n";
            }
        }
        out << "nodes:\n";
        for (const std::string& node : nodes_) {
            out << "  - " << node << "\n";
        }
        if (variant) {
            out << "  - {id: zz_extra, kind: other, produces: [footage]}\n";
        }
        if (!edges_.empty() || variant) {
            out << "edges:\n";
            for (const std::string& edge : edges_) {
                out << "  - " << edge << "\n";
            }
            if (variant) {
                out << "  - {from: zz_extra, to: " << node_ids_.front()
                    << ", carries: [footage], status: documented}\n";
            }
        }
        if (!policies_.empty()) {
            out << "policies:\n";
            for (const std::string& policy : policies_) {
                out << policy;
            }
        }
        if (!configurations_.empty()) {
            out << "configurations:\n";
            for (const std::string& configuration : configurations_) {
                out << "  " << configuration << "\n";
            }
        }
        return out.str();
    }

private:
    void generate() {
        // Some scenarios are lenient (few conditions on edges) so that long routes occur.
        strictness_ = random_.chance(0.4) ? 0.3 : 1.0;
        if (random_.chance(0.6)) {
            as_of_ = random_.pick(kDates);
        }
        std::vector<std::string> sources = kSourceIds;
        random_.shuffle(sources);
        sources.resize(static_cast<std::size_t>(random_.between(0, 2)));
        sources_ = sources;

        // 1-2 declared kinds; the edges use 1-3 kinds, at least one of them declared.
        std::vector<std::string> declared = kDeclaredKinds;
        random_.shuffle(declared);
        declared.resize(static_cast<std::size_t>(random_.between(1, 2)));
        declared_kinds_ = declared;
        all_kinds_ = {"footage", "plate_read"};
        all_kinds_.insert(all_kinds_.end(), declared.begin(), declared.end());
        used_kinds_ = {random_.pick(declared)};
        const int extra_kinds = random_.between(0, 2);
        std::vector<std::string> others = all_kinds_;
        random_.shuffle(others);
        for (const std::string& kind : others) {
            if (static_cast<int>(used_kinds_.size()) > extra_kinds) {
                break;
            }
            if (std::find(used_kinds_.begin(), used_kinds_.end(), kind) == used_kinds_.end()) {
                used_kinds_.push_back(kind);
            }
        }

        std::vector<std::string> parameters = kParameterIds;
        random_.shuffle(parameters);
        parameters.resize(static_cast<std::size_t>(random_.between(0, 3)));
        for (const std::string& parameter : parameters) {
            parameters_.emplace_back(parameter, random_.chance(0.6));
            parameter_ids_.push_back(parameter);
        }
        std::vector<std::string> gates = kGateIds;
        random_.shuffle(gates);
        gates.resize(static_cast<std::size_t>(random_.between(0, 2)));
        gates_ = gates;

        if (timing_) {
            for (const std::string& gate : gates_) {
                gate_probabilities_[gate] = random_.pick(kGateProbabilities);
            }
        }
        generate_nodes();
        generate_edges();
        const int policies = random_.chance(strictness_ < 1 ? 0.7 : 0.4) ? 0
                             : random_.chance(0.65)                      ? 1
                                                                         : 2;
        for (int i = 0; i < policies; ++i) {
            policies_.push_back(policy(i == 0 ? "pol_b" : "pol_a"));
        }
        if (!parameter_ids_.empty()) {
            const int configurations = random_.between(0, 2);
            for (int i = 0; i < configurations; ++i) {
                std::string text = kConfigurationIds[static_cast<std::size_t>(i)] + ": {";
                bool first = true;
                for (const std::string& parameter : random_.subset(parameter_ids_, false)) {
                    text += (first ? "" : ", ") + parameter + ": " +
                            (random_.chance(0.5) ? "true" : "false");
                    first = false;
                }
                configurations_.push_back(text + "}");
            }
        }
    }

    void generate_nodes() {
        std::vector<std::string> ids = kNodeIds;
        random_.shuffle(ids);
        ids.resize(static_cast<std::size_t>(random_.between(4, 8)));
        node_ids_ = ids;
        for (const std::string& id : ids) {
            std::string text = "{id: " + id + ", kind: " + random_.pick(kNodeKinds);
            if (random_.chance(0.5)) {
                text += ", produces: " + flow_list(random_.subset(used_kinds_, true, 0.6));
            }
            if (random_.chance(0.6)) {
                std::vector<std::string> parts;
                if (random_.chance(0.85)) {
                    parts.push_back(std::string("state: ") + (random_.chance(0.5) ? "IL" : "CA"));
                }
                if (random_.chance(0.35)) {
                    parts.push_back(std::string("county: ") +
                                    (random_.chance(0.5) ? "Cook" : "Kern"));
                }
                if (!parts.empty()) {
                    std::string jurisdiction;
                    for (const std::string& part : parts) {
                        jurisdiction += (jurisdiction.empty() ? "" : ", ") + part;
                    }
                    text += ", jurisdiction: {" + jurisdiction + "}";
                }
            }
            if (random_.chance(0.5)) {
                const std::vector<std::string> tags = random_.subset(kTags, true, 0.4);
                text += ", tags: " + flow_list(tags);
                used_tags_.insert(tags.begin(), tags.end());
            }
            if (timing_ && random_.chance(0.4)) {
                text += ", retention: " + random_.pick(kRetentions);
            }
            nodes_.push_back(text + "}");
        }
    }

    void generate_edges() {
        const int count = random_.chance(0.15) ? random_.between(0, 4) : random_.between(5, 14);
        std::vector<std::pair<std::string, std::string>> ends;
        std::vector<std::string> free_ids = kEdgeIds;
        random_.shuffle(free_ids);
        // Sometimes a chain through every node first, for long routes.
        std::vector<std::string> chain;
        if (random_.chance(0.35)) {
            chain = node_ids_;
            random_.shuffle(chain);
        }
        const int total = std::max(count, static_cast<int>(chain.size()) - 1);
        for (int i = 0; i < total; ++i) {
            std::pair<std::string, std::string> end;
            if (static_cast<std::size_t>(i) + 1 < chain.size()) {
                end = {chain[static_cast<std::size_t>(i)], chain[static_cast<std::size_t>(i) + 1]};
            } else if (!ends.empty() && random_.chance(0.3)) {
                end = random_.pick(ends);  // a parallel edge
            } else {
                end.first = random_.pick(node_ids_);
                do {
                    end.second = random_.pick(node_ids_);
                } while (end.second == end.first);
            }
            ends.push_back(end);
            std::string text;
            if (!free_ids.empty() && random_.chance(0.4)) {
                text += "id: " + free_ids.back() + ", ";
                free_ids.pop_back();
            }
            text += "from: " + end.first + ", to: " + end.second;
            const std::vector<std::string> carries =
                random_.subset(used_kinds_, true, strictness_ < 1 ? 0.95 : 0.75);
            text += ", carries: " + flow_list(carries);
            if (random_.chance(0.35 * strictness_)) {
                text += ", when: \"" + expression(0) + "\"";
            }
            if (!gates_.empty() && random_.chance(0.25 * strictness_)) {
                text += ", gates: " + flow_list(random_.subset(gates_, true));
            }
            if (random_.chance(0.6)) {
                text += ", status: " + random_.pick(kStatuses);
            }
            if (!sources_.empty() && random_.chance(0.4)) {
                text += ", sources: " + flow_list(random_.subset(sources_, true));
            }
            // More likelihoods for the simulation (the same draws, so other tests keep
            // their scenarios).
            if (random_.chance(timing_ ? 0.75 : 0.4)) {
                text += ", likelihood: " + random_.pick(kLikelihoods);
            }
            if (random_.chance(0.3 * strictness_)) {
                std::string convert;
                for (const std::string& from : carries) {
                    if (random_.chance(0.6)) {
                        std::string to;
                        do {
                            to = random_.pick(random_.chance(0.8) ? used_kinds_ : all_kinds_);
                        } while (to == from && all_kinds_.size() > 1);
                        convert += (convert.empty() ? "" : ", ") + from + ": " + to;
                    }
                }
                if (!convert.empty()) {
                    text += ", convert: {" + convert + "}";
                }
            }
            for (const std::string& part : window()) {
                text += ", " + part;
            }
            if (random_.chance(0.35)) {
                text += ", cut_cost: " + std::to_string(1 + edges_.size() % 3) + ", mechanism: api";
            }
            if (timing_ && random_.chance(0.7)) {
                text += ", delay: " + random_.pick(kDelays);
            }
            edges_.push_back("{" + text + "}");
        }
    }

    // {"since: X", "until: Y"} with since < until, either one, or nothing.
    std::vector<std::string> window() {
        const int since = random_.chance(0.25 * strictness_) ? random_.between(0, 2) : -1;
        const int until = random_.chance(0.25 * strictness_)
                              ? random_.between(since + 1, static_cast<int>(kDates.size()) - 1)
                              : -1;
        std::vector<std::string> parts;
        if (since >= 0) {
            parts.push_back("since: " + kDates[static_cast<std::size_t>(since)]);
        }
        if (until >= 0) {
            parts.push_back("until: " + kDates[static_cast<std::size_t>(until)]);
        }
        return parts;
    }

    std::string expression(int depth) {
        const int choice = depth >= 2 ? 0 : random_.between(0, 9);
        if (parameter_ids_.empty() || choice < 4) {
            if (parameter_ids_.empty() || random_.chance(0.15)) {
                return random_.chance(0.75) ? "true" : "false";
            }
            return random_.pick(parameter_ids_);
        }
        if (choice < 6) {
            return (random_.chance(0.5) ? "not " : "!") + expression(depth + 1);
        }
        const std::string left = expression(depth + 1);
        const std::string right = expression(depth + 1);
        const char* op = choice < 8 ? (random_.chance(0.5) ? " and " : " && ")
                                    : (random_.chance(0.5) ? " or " : " || ");
        return random_.chance(0.5) ? "(" + left + op + right + ")" : left + op + right;
    }

    std::string matcher(int depth) {
        std::vector<std::string> fields;
        if (random_.chance(0.3)) {
            const std::vector<std::string> kinds = random_.subset(kNodeKinds, true, 0.25);
            fields.push_back("kind: " + (kinds.size() == 1 ? kinds[0] : flow_list(kinds)));
        }
        if (random_.chance(0.35)) {
            fields.push_back(random_.chance(0.8)
                                 ? std::string("state: ") +
                                       random_.pick(std::vector<std::string>{"IL", "CA"})
                                 : std::string("state: [IL, CA]"));
        }
        if (random_.chance(0.15)) {
            fields.push_back("county: " + random_.pick(std::vector<std::string>{"Cook", "Kern"}));
        }
        if (!used_tags_.empty() && random_.chance(0.25)) {
            const std::vector<std::string> tags(used_tags_.begin(), used_tags_.end());
            fields.push_back("tags: " + flow_list(random_.subset(tags, true)));
        }
        if (random_.chance(0.2)) {
            fields.push_back("id: " + flow_list(random_.subset(node_ids_, true, 0.3)));
        }
        if (depth < 2 && random_.chance(0.35)) {
            fields.push_back("not: " + matcher(depth + 1));
        }
        std::string text = "{";
        for (std::size_t i = 0; i < fields.size(); ++i) {
            text += (i ? ", " : "") + fields[i];
        }
        return text + "}";
    }

    std::string policy(const std::string& id) {
        std::string text = "  - id: " + id + "\n";
        if (random_.chance(0.5)) {
            text += "    when: \"" + expression(0) + "\"\n";
        }
        for (const std::string& part : window()) {
            text += "    " + part + "\n";
        }
        std::vector<std::string> deny;
        if (random_.chance(0.6)) {
            deny.push_back("carries: " + flow_list(random_.subset(used_kinds_, true)));
        }
        for (const char* key : {"origin", "from", "to"}) {
            if (random_.chance(0.4)) {
                deny.push_back(std::string(key) + ": " + matcher(0));
            }
        }
        text += "    deny: {";
        for (std::size_t i = 0; i < deny.size(); ++i) {
            text += (i ? ", " : "") + deny[i];
        }
        return text + "}\n";
    }

    Random& random_;
    bool timing_ = false;
    std::map<std::string, std::string> gate_probabilities_;
    double strictness_ = 1.0;
    std::optional<std::string> as_of_;
    std::vector<std::string> sources_;
    std::vector<std::string> declared_kinds_;
    std::vector<std::string> all_kinds_;
    std::vector<std::string> used_kinds_;
    std::vector<std::pair<std::string, bool>> parameters_;
    std::vector<std::string> parameter_ids_;
    std::vector<std::string> gates_;
    std::vector<std::string> node_ids_;
    std::set<std::string> used_tags_;
    std::vector<std::string> nodes_;
    std::vector<std::string> edges_;
    std::vector<std::string> policies_;
    std::vector<std::string> configurations_;
};

inline ActivitySettings random_settings(Random& random, const Scenario& scenario) {
    ActivitySettings settings;
    if (!scenario.configurations().empty() && random.chance(0.5)) {
        settings.configuration = static_cast<ConfigurationIndex>(
            random.between(0, static_cast<int>(scenario.configurations().size()) - 1));
    }
    if (!scenario.parameters().empty()) {
        const int count = random.between(0, 3);
        for (int i = 0; i < count; ++i) {
            settings.settings.emplace_back(
                static_cast<ParameterIndex>(
                    random.between(0, static_cast<int>(scenario.parameters().size()) - 1)),
                random.chance(0.5));
        }
    }
    if (random.chance(0.4)) {
        settings.as_of = Date::parse(random.pick(kDates));
    }
    settings.min_evidence =
        random.chance(0.7) ? Evidence::kHypothetical : static_cast<Evidence>(random.between(0, 4));
    for (GateIndex gate = 0; gate < scenario.gates().size(); ++gate) {
        if (random.chance(0.35)) {
            settings.without.push_back(gate);
        }
    }
    random.shuffle(settings.without);
    return settings;
}

/// `low` to `high` nodes, drawn with replacement (duplicates must be ignored), mostly
/// from `likely` (when it is not empty), else from all nodes.
inline std::vector<NodeIndex> random_nodes(Random& random,
                                           const Scenario& scenario,
                                           int low,
                                           int high,
                                           const std::vector<NodeIndex>& likely = {}) {
    std::vector<NodeIndex> nodes;
    const int count = random.between(low, high);
    for (int i = 0; i < count; ++i) {
        if (!likely.empty() && random.chance(0.75)) {
            nodes.push_back(random.pick(likely));
        } else {
            nodes.push_back(static_cast<NodeIndex>(
                random.between(0, static_cast<int>(scenario.nodes().size()) - 1)));
        }
    }
    return nodes;
}

inline RouteQuery random_query(Random& random, const Scenario& scenario) {
    // Bias the query towards nodes and kinds that edges use, so that routes are common.
    std::vector<NodeIndex> tails;
    std::vector<NodeIndex> heads;
    std::vector<DataKindIndex> carried;
    for (const Edge& edge : scenario.edges()) {
        tails.push_back(edge.from);
        heads.push_back(edge.to);
        carried.insert(carried.end(), edge.carries.begin(), edge.carries.end());
    }
    RouteQuery query;
    if (random.chance(0.2)) {
        for (NodeIndex node = 0; node < scenario.nodes().size(); ++node) {
            query.from.push_back(node);
        }
    } else {
        query.from = random_nodes(random, scenario, 1, 3, tails);
    }
    query.to = random_nodes(random, scenario, random.chance(0.02) ? 0 : 1, 3, heads);
    if (random.chance(0.45)) {
        if (!carried.empty() && random.chance(0.85)) {
            query.data = random.pick(carried);
        } else {
            query.data = static_cast<DataKindIndex>(
                random.between(0, static_cast<int>(scenario.data_kinds().size()) - 1));
        }
    }
    if (random.chance(0.2)) {
        query.via = random_nodes(random, scenario, 0, 2);
    }
    if (random.chance(0.2)) {
        query.avoid = random_nodes(random, scenario, 1, 2);
    }
    if (random.chance(0.25)) {
        query.max_hops = static_cast<std::size_t>(random.between(0, 4));
    }
    return query;
}

// ---- The reference: the route rules, read literally ---------------------------------------------

inline int strength_rank(Evidence evidence) {  // 0 strongest
    switch (evidence) {
        case Evidence::kDocumented:
            return 0;
        case Evidence::kReported:
            return 1;
        case Evidence::kAlleged:
            return 2;
        case Evidence::kAnnounced:
            return 3;
        case Evidence::kHypothetical:
            return 4;
    }
    return 4;
}

inline bool in_force(const DateWindow& window, const std::optional<Date>& date) {
    if (!date) {
        return true;
    }
    if (window.since && *date < *window.since) {
        return false;
    }
    if (window.until && !(*date < *window.until)) {
        return false;
    }
    return true;
}

template <typename Tag>
bool contains(const std::vector<Index<Tag>>& items, Index<Tag> item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

class Reference {
public:
    Reference(const Scenario& scenario, const ActivitySettings& settings, const RouteQuery& query)
        : scenario_(scenario), settings_(settings), query_(query) {
        values_.assign(scenario.parameters().size(), false);
        for (std::size_t i = 0; i < values_.size(); ++i) {
            values_[i] = scenario.parameters()[i].default_value;
        }
        if (settings.configuration) {
            for (const auto& [parameter, value] :
                 scenario.configurations()[*settings.configuration].values) {
                values_[parameter] = value;
            }
        }
        for (const auto& [parameter, value] : settings.settings) {
            values_[parameter] = value;
        }
        date_ = settings.as_of ? settings.as_of : scenario.as_of();
    }

    /// Each parameter's value: defaults, then the configuration, then each setting.
    const std::vector<bool>& parameter_values() const { return values_; }

    bool edge_active(EdgeIndex index, DataKindIndex kind, NodeIndex origin) const {
        const Edge& edge = scenario_.edges()[index];
        if (contains(settings_.ended, index)) {
            return false;
        }
        if (!edge.when.evaluate(values_)) {
            return false;
        }
        if (!contains(edge.carries, kind)) {
            return false;
        }
        if (!in_force(edge.in_force, date_)) {
            return false;
        }
        if (strength_rank(edge.status) > strength_rank(settings_.min_evidence)) {
            return false;
        }
        for (GateIndex gate : edge.gates) {
            if (contains(settings_.without, gate)) {
                return false;
            }
        }
        for (const Policy& policy : scenario_.policies()) {
            if (!policy.when.evaluate(values_) || !in_force(policy.in_force, date_)) {
                continue;
            }
            const DenyRule& deny = policy.deny;
            const bool kind_matches = deny.carries.empty() || contains(deny.carries, kind);
            const auto node_matches = [&](const std::optional<Matcher>& matcher, NodeIndex node) {
                return !matcher || matcher->matches(scenario_.nodes()[node], node);
            };
            if (kind_matches && node_matches(deny.origin, origin) &&
                node_matches(deny.from, edge.from) && node_matches(deny.to, edge.to)) {
                return false;
            }
        }
        return true;
    }

    DataKindIndex converted(EdgeIndex index, DataKindIndex kind) const {
        for (const Conversion& conversion : scenario_.edges()[index].convert) {
            if (conversion.from == kind) {
                return conversion.to;
            }
        }
        return kind;
    }

    /// Every route, in the fixed order (docs/cli.md, `paths`).
    std::vector<Route> routes() const {
        std::vector<Route> found;
        const std::set<NodeIndex> sources(query_.from.begin(), query_.from.end());
        for (NodeIndex source : sources) {
            std::vector<DataKindIndex> kinds;
            if (query_.data) {
                kinds = {*query_.data};
            } else if (!scenario_.nodes()[source].produces.empty()) {
                kinds = scenario_.nodes()[source].produces;
            } else {
                for (DataKindIndex kind = 0; kind < scenario_.data_kinds().size(); ++kind) {
                    kinds.push_back(kind);
                }
            }
            for (DataKindIndex kind : kinds) {
                std::vector<EdgeIndex> edges;
                std::vector<NodeIndex> nodes = {source};
                every_simple_sequence(edges, nodes, [&] { consider(kind, edges, nodes, found); });
            }
        }
        std::sort(found.begin(), found.end(),
                  [&](const Route& a, const Route& b) { return before(a, b); });
        return found;
    }

    /// The fixed order: hops, then node ids, then edge ids, then starting kind id.
    bool before(const Route& a, const Route& b) const {
        if (a.edges.size() != b.edges.size()) {
            return a.edges.size() < b.edges.size();
        }
        const auto node_ids = [&](const Route& route) {
            std::vector<std::string> ids;
            for (NodeIndex node : route.nodes) {
                ids.push_back(scenario_.nodes()[node].id);
            }
            return ids;
        };
        const auto edge_ids = [&](const Route& route) {
            std::vector<std::string> ids;
            for (EdgeIndex edge : route.edges) {
                ids.push_back(scenario_.edges()[edge].id);
            }
            return ids;
        };
        if (node_ids(a) != node_ids(b)) {
            return node_ids(a) < node_ids(b);
        }
        if (edge_ids(a) != edge_ids(b)) {
            return edge_ids(a) < edge_ids(b);
        }
        return scenario_.data_kinds()[a.data].id < scenario_.data_kinds()[b.data].id;
    }

private:
    /// Calls `visit` for every non-empty sequence of edges from nodes.front() that repeats
    /// no node: plain recursion over all edges, no pruning at all.
    template <typename Visit>
    void every_simple_sequence(std::vector<EdgeIndex>& edges,
                               std::vector<NodeIndex>& nodes,
                               const Visit& visit) const {
        for (EdgeIndex index = 0; index < scenario_.edges().size(); ++index) {
            const Edge& edge = scenario_.edges()[index];
            if (edge.from != nodes.back() ||
                std::find(nodes.begin(), nodes.end(), edge.to) != nodes.end()) {
                continue;
            }
            edges.push_back(index);
            nodes.push_back(edge.to);
            visit();
            every_simple_sequence(edges, nodes, visit);
            edges.pop_back();
            nodes.pop_back();
        }
    }

    /// Adds the sequence to `found` when it is a route by every rule of what a route is.
    void consider(DataKindIndex start,
                  const std::vector<EdgeIndex>& edges,
                  const std::vector<NodeIndex>& nodes,
                  std::vector<Route>& found) const {
        const auto in = [](const std::vector<NodeIndex>& set, NodeIndex node) {
            return std::find(set.begin(), set.end(), node) != set.end();
        };
        if (!in(query_.to, nodes.back())) {
            return;
        }
        for (std::size_t i = 0; i + 1 < nodes.size(); ++i) {
            if (in(query_.to, nodes[i])) {
                return;  // stopped at an earlier target
            }
        }
        for (NodeIndex node : nodes) {
            if (in(query_.avoid, node)) {
                return;
            }
        }
        if (query_.via && std::none_of(nodes.begin(), nodes.end(),
                                       [&](NodeIndex node) { return in(*query_.via, node); })) {
            return;
        }
        if (query_.max_hops && edges.size() > *query_.max_hops) {
            return;
        }
        DataKindIndex kind = start;
        for (EdgeIndex edge : edges) {
            if (!edge_active(edge, kind, nodes.front())) {
                return;
            }
            kind = converted(edge, kind);
        }
        Route route;
        route.source = nodes.front();
        route.target = nodes.back();
        route.data = start;
        route.arrives_as = kind;
        route.edges = edges;
        route.nodes = nodes;
        found.push_back(std::move(route));
    }

    const Scenario& scenario_;
    const ActivitySettings& settings_;
    const RouteQuery& query_;
    std::vector<bool> values_;
    std::optional<Date> date_;
};

/// What summarize() must say, computed from the edges.
inline RouteSummary expected_summary(const Scenario& scenario, const Route& route) {
    RouteSummary summary;
    int weakest = 0;
    std::set<std::pair<std::string, GateIndex>> gates;
    std::set<std::pair<std::string, ParameterIndex>> parameters;
    std::set<std::pair<std::string, SourceIndex>> sources;
    for (EdgeIndex index : route.edges) {
        const Edge& edge = scenario.edges()[index];
        weakest = std::max(weakest, strength_rank(edge.status));
        for (GateIndex gate : edge.gates) {
            gates.emplace(scenario.gates()[gate].id, gate);
        }
        for (ParameterIndex parameter : edge.when.parameters()) {
            parameters.emplace(scenario.parameters()[parameter].id, parameter);
        }
        for (SourceIndex source : edge.sources) {
            sources.emplace(scenario.sources()[source].id, source);
        }
        if (summary.likelihood && edge.likelihood) {
            *summary.likelihood *= *edge.likelihood;
        } else {
            summary.likelihood.reset();
        }
    }
    const Evidence by_rank[] = {Evidence::kDocumented, Evidence::kReported, Evidence::kAlleged,
                                Evidence::kAnnounced, Evidence::kHypothetical};
    summary.evidence = by_rank[weakest];
    for (const auto& gate : gates) {
        summary.gates.push_back(gate.second);
    }
    for (const auto& parameter : parameters) {
        summary.parameters.push_back(parameter.second);
    }
    for (const auto& source : sources) {
        summary.sources.push_back(source.second);
    }
    return summary;
}

// ---- Printing, for failure messages ------------------------------------------------------------

inline std::string describe(const Scenario& scenario, const Route& route) {
    std::string text = scenario.data_kinds().at(route.data).id + ": ";
    for (std::size_t i = 0; i < route.nodes.size(); ++i) {
        text += scenario.nodes().at(route.nodes[i]).id;
        if (i < route.edges.size()) {
            text += " -[" + scenario.edges().at(route.edges[i]).id + "]-> ";
        }
    }
    text += " (source " + scenario.nodes().at(route.source).id + ", target " +
            scenario.nodes().at(route.target).id + ", arrives as " +
            scenario.data_kinds().at(route.arrives_as).id + ")";
    return text;
}

inline std::string describe(const Scenario& scenario, const std::vector<Route>& routes) {
    std::string text = std::to_string(routes.size()) + " route(s)\n";
    for (const Route& route : routes) {
        text += "    " + describe(scenario, route) + "\n";
    }
    return text;
}

inline std::string node_list(const Scenario& scenario, const std::vector<NodeIndex>& nodes) {
    std::string text = "[";
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        text += (i ? ", " : "") + scenario.nodes().at(nodes[i]).id;
    }
    return text + "]";
}

inline std::string describe(const Scenario& scenario,
                            const ActivitySettings& settings,
                            const RouteQuery& query) {
    std::ostringstream out;
    out << "settings: configuration="
        << (settings.configuration ? scenario.configurations()[*settings.configuration].id
                                   : std::string("(none)"))
        << " set=[";
    for (const auto& [parameter, value] : settings.settings) {
        out << scenario.parameters()[parameter].id << "=" << (value ? "true" : "false") << " ";
    }
    out << "] as_of=" << (settings.as_of ? settings.as_of->to_string() : std::string("(none)"))
        << " min_evidence=" << evidence_name(settings.min_evidence) << " without=[";
    for (GateIndex gate : settings.without) {
        out << scenario.gates()[gate].id << " ";
    }
    out << "]\nquery: from=" << node_list(scenario, query.from)
        << " to=" << node_list(scenario, query.to)
        << " data=" << (query.data ? scenario.data_kinds()[*query.data].id : std::string("(none)"))
        << " via=" << (query.via ? node_list(scenario, *query.via) : std::string("(none)"))
        << " avoid=" << node_list(scenario, query.avoid) << " max_hops="
        << (query.max_hops ? std::to_string(*query.max_hops) : std::string("(none)")) << "\n";
    return out.str();
}

inline bool same_route(const Route& a, const Route& b) {
    return a.source == b.source && a.target == b.target && a.data == b.data &&
           a.arrives_as == b.arrives_as && a.edges == b.edges && a.nodes == b.nodes;
}

inline bool same_routes(const std::vector<Route>& a, const std::vector<Route>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), same_route);
}

/// A route by the ids it names, to compare routes across scenarios.
inline std::string route_key(const Scenario& scenario, const Route& route) {
    std::string key = scenario.data_kinds().at(route.data).id + ":";
    for (EdgeIndex edge : route.edges) {
        key += " " + scenario.edges().at(edge).id;
    }
    return key;
}

inline bool well_formed_id(const std::string& id) {
    return id.size() == 10 && id.compare(0, 2, "r-") == 0 &&
           std::all_of(id.begin() + 2, id.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

struct Enumerated {
    std::vector<Route> routes;
    Enumeration result;
};

/// All routes, or the first `limit` (the callback says stop after the limit-th).
inline Enumerated run_engine(const Scenario& scenario,
                             const ActivitySettings& settings,
                             const RouteQuery& query,
                             std::optional<std::size_t> limit = std::nullopt) {
    const ConfigurationView view(scenario, settings);
    RouteFinder finder(view, query);
    Enumerated out;
    // A guard against hangs, far above what these tiny graphs need; not a timing check.
    const auto deadline = RouteFinder::Clock::now() + std::chrono::seconds(30);
    out.result = finder.enumerate(
        [&](const Route& route) {
            out.routes.push_back(route);
            return !limit || out.routes.size() < *limit;
        },
        deadline);
    return out;
}

inline bool engine_maybe_reachable(const Scenario& scenario,
                                   const ActivitySettings& settings,
                                   const RouteQuery& query) {
    const ConfigurationView view(scenario, settings);
    const RouteFinder finder(view, query);
    return finder.maybe_reachable();
}

}  // namespace flowsim::testing
