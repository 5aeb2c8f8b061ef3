#pragma once

#include <optional>
#include <string>
#include <vector>

#include "flowsim/configuration_view.hpp"
#include "flowsim/evidence.hpp"
#include "flowsim/scenario.hpp"

namespace flowsim {

/// A sequence of active edges from a source to a target (docs/cli.md, `paths`).
struct Route {
    NodeIndex source = 0;
    NodeIndex target = 0;
    DataKindIndex data = 0;        ///< the kind the route starts with
    DataKindIndex arrives_as = 0;  ///< the kind that reaches the target
    std::vector<EdgeIndex> edges;
    std::vector<NodeIndex> nodes;  ///< edges.size() + 1 nodes, source first

    std::size_t hops() const { return edges.size(); }
};

/// What a route depends on and how well it is supported: the unions over its edges.
struct RouteSummary {
    Evidence evidence = Evidence::kDocumented;  ///< the weakest edge's status
    std::vector<GateIndex> gates;               ///< ascending by gate id
    std::vector<ParameterIndex> parameters;     ///< named in its edges' `when`, by id
    std::vector<SourceIndex> sources;           ///< by source id
    /// The product over its edges; unknown (nullopt) when any edge's likelihood is.
    std::optional<double> likelihood = 1.0;
    std::string id;  ///< stable: "r-" and 8 hex digits
};

/// Summarises `route`; lists are sorted by the ids they name.
RouteSummary summarize(const Scenario& scenario, const Route& route);
/// The same into `summary`, reusing its vectors (no allocation once they have grown).
void summarize(const Scenario& scenario, const Route& route, RouteSummary& summary);

/// An edge's cost when routes are ranked by likelihood: -log(likelihood), 0 for 1, and
/// infinite for an unknown likelihood, so that a route with an unknown edge ranks after
/// every route whose likelihood is known. A route's cost is the sum over its edges, added
/// in route order; the lower, the likelier.
double likelihood_cost(std::optional<double> likelihood);

/// The stable id of a route: a hash of its starting data kind and its edge ids only, so
/// the same route keeps its id across runs, configurations and edits elsewhere.
std::string route_id(const Scenario& scenario, const Route& route);

}  // namespace flowsim
