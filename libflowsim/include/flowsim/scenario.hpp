#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "flowsim/date.hpp"
#include "flowsim/edge.hpp"
#include "flowsim/evidence.hpp"
#include "flowsim/ids.hpp"
#include "flowsim/node.hpp"
#include "flowsim/policy.hpp"
#include "flowsim/selector.hpp"
#include "flowsim/source_kind.hpp"
#include "flowsim/source_location.hpp"

namespace flowsim {

/// A public document that supports edges and policies.
struct Source {
    std::string id;
    std::string title;
    std::string publisher;
    std::string url;
    std::optional<Date> date;
    std::optional<SourceKind> kind;  ///< absent: not stated (`check` warns)
    SourceLocation where;
};

/// A kind of data that moves: `footage` and `plate_read` are built in, more may be declared.
struct DataKind {
    std::string id;
    std::string label;
};

/// A boolean configuration toggle named in `when` expressions.
struct Parameter {
    std::string id;
    bool default_value = false;
    std::string label;
    std::string lever;  ///< who can flip it (for `cut`); empty: not a lever
    double cost = 1.0;  ///< > 0: the price of flipping it in `cut`
    SourceLocation where;
};

/// A per-request human or legal step on a route (consent, a warrant).
struct Gate {
    std::string id;
    std::string label;
    /// The chance that a request passes the gate (`simulate`), 0 to 1; 1 when not given.
    double probability = 1.0;
    SourceLocation where;
};

/// A named set of parameter values applied over the defaults.
struct Configuration {
    std::string id;
    std::vector<std::pair<ParameterIndex, bool>> values;  ///< ascending by parameter
    SourceLocation where;
};

/// A saved question that `flowsim check` answers against its expectation.
struct Question {
    std::string id;
    std::string description;
    Selector from;
    Selector to;  ///< `tag:ice` when not given
    std::optional<DataKindIndex> data;
    std::optional<ConfigurationIndex> configuration;
    std::vector<GateIndex> without;  ///< ascending, distinct
    std::optional<Date> as_of;
    std::optional<Evidence> min_evidence;
    std::optional<Selector> via;
    std::optional<Selector> avoid;
    bool expect_reachable = true;
    SourceLocation where;
};

/// Everything a scenario holds, as plain data; the loader fills it and hands it to Scenario.
struct ScenarioParts {
    std::string title;
    std::string description;
    std::optional<Date> as_of;
    std::vector<Source> sources;
    std::vector<DataKind> data_kinds;  ///< footage and plate_read first
    std::vector<Parameter> parameters;
    std::vector<Gate> gates;
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    std::vector<Policy> policies;
    std::vector<Configuration> configurations;
    std::vector<Question> questions;
};

/// A loaded scenario. Immutable: analyses take a view of it (a configuration), never a
/// modified copy. Every index in it (NodeIndex, SourceIndex, ...) is a position in the
/// matching vector, and every cross-reference has been checked by the loader.
class Scenario {
public:
    explicit Scenario(ScenarioParts parts);

    const std::string& title() const { return parts_.title; }
    const std::string& description() const { return parts_.description; }
    const std::optional<Date>& as_of() const { return parts_.as_of; }
    const std::vector<Source>& sources() const { return parts_.sources; }
    const std::vector<DataKind>& data_kinds() const { return parts_.data_kinds; }
    const std::vector<Parameter>& parameters() const { return parts_.parameters; }
    const std::vector<Gate>& gates() const { return parts_.gates; }
    const std::vector<Node>& nodes() const { return parts_.nodes; }
    const std::vector<Edge>& edges() const { return parts_.edges; }
    const std::vector<Policy>& policies() const { return parts_.policies; }
    const std::vector<Configuration>& configurations() const { return parts_.configurations; }
    const std::vector<Question>& questions() const { return parts_.questions; }

    /// Lookups by id; nullopt when there is no such element. O(1) on average.
    std::optional<NodeIndex> find_node(std::string_view id) const;
    std::optional<DataKindIndex> find_data_kind(std::string_view id) const;
    std::optional<ParameterIndex> find_parameter(std::string_view id) const;
    std::optional<GateIndex> find_gate(std::string_view id) const;
    std::optional<SourceIndex> find_source(std::string_view id) const;
    std::optional<ConfigurationIndex> find_configuration(std::string_view id) const;

    /// Every tag some node carries, ascending.
    const std::vector<std::string>& tags() const { return tags_; }

private:
    ScenarioParts parts_;
    std::unordered_map<std::string, NodeIndex> node_ids_;
    std::vector<std::string> tags_;
};

/// The data kind indices of the two built-in kinds.
inline constexpr DataKindIndex kFootage = 0;
inline constexpr DataKindIndex kPlateRead = 1;

}  // namespace flowsim
