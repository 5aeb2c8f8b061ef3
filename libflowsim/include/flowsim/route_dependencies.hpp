#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "flowsim/configuration_view.hpp"
#include "flowsim/route.hpp"

namespace flowsim {

/// A parameter whose flip would remove a route, and the value that keeps the route.
struct Dependency {
    /// How the flip would remove it: an edge's `when` turns false, or a policy's `when`
    /// turns true and the policy denies one of the route's edges.
    enum class Via { kEdge, kPolicy };
    ParameterIndex parameter = 0;
    bool keeps = false;  ///< the parameter's value under the view: the one that keeps it
    Via via = Via::kEdge;
    std::optional<std::uint32_t> policy;  ///< the policy that would deny it (kPolicy)
};

/// "edge" or "policy".
std::string_view dependency_via_name(Dependency::Via via);

/// Every parameter whose flip alone (all else as in `view`) would remove `route`, a route
/// under `view`: through the `when` of one of its edges, or through the `when` of a
/// policy that is in force on the view's date, matches the route's source as origin, and
/// denies one of its edges the kind that enters it. By parameter id; a parameter that
/// would remove it both ways is listed via the edge. O(route edges × policies).
std::vector<Dependency> route_dependencies(const ConfigurationView& view, const Route& route);

/// As above, for a view whose parameter values (by index) are `values` and whose date
/// is `date`.
std::vector<Dependency> route_dependencies(const Scenario& scenario,
                                           const std::vector<bool>& values,
                                           const std::optional<Date>& date,
                                           const Route& route);

/// route_dependencies for many routes under one view: the policies in force are found
/// once, and the working vectors are kept between routes (no allocation per route once
/// they have grown, unless an edge's `when` names parameters).
class RouteDependencies {
public:
    /// Keeps references to its arguments: they must outlive it.
    RouteDependencies(const Scenario& scenario,
                      const std::vector<bool>& parameter_values,
                      const std::optional<Date>& date);

    /// What `route` depends on, as route_dependencies says; valid until the next call.
    const std::vector<Dependency>& of(const Route& route);

private:
    const Scenario& scenario_;
    const std::vector<bool>& parameter_values_;
    std::vector<bool> values_;  // the values, each flipped in turn and back
    std::vector<std::uint32_t> in_force_, denying_;
    std::vector<ParameterIndex> candidates_;
    std::vector<Dependency> result_;
};

}  // namespace flowsim
