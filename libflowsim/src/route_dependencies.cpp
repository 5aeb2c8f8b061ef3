#include "flowsim/route_dependencies.hpp"

#include <algorithm>

namespace flowsim {

std::string_view dependency_via_name(Dependency::Via via) {
    return via == Dependency::Via::kEdge ? "edge" : "policy";
}

std::vector<Dependency> route_dependencies(const ConfigurationView& view, const Route& route) {
    return route_dependencies(view.scenario(), view.parameter_values(), view.date(), route);
}

std::vector<Dependency> route_dependencies(const Scenario& scenario,
                                           const std::vector<bool>& parameter_values,
                                           const std::optional<Date>& date,
                                           const Route& route) {
    const Node& origin = scenario.nodes()[route.source];

    // The policies that would deny some edge of the route if their `when` held: in force
    // on the date, matching the origin, and matching an edge with the kind entering it.
    std::vector<std::uint32_t> denying;
    for (std::uint32_t index = 0; index < scenario.policies().size(); ++index) {
        const Policy& policy = scenario.policies()[index];
        const DenyRule& deny = policy.deny;
        if (!policy.in_force.contains(date) ||
            (deny.origin && !deny.origin->matches(origin, route.source))) {
            continue;
        }
        DataKindIndex kind = route.data;
        for (const EdgeIndex e : route.edges) {
            const Edge& edge = scenario.edges()[e];
            const bool kind_denied =
                deny.carries.empty() ||
                std::find(deny.carries.begin(), deny.carries.end(), kind) != deny.carries.end();
            if (kind_denied &&
                (!deny.from || deny.from->matches(scenario.nodes()[edge.from], edge.from)) &&
                (!deny.to || deny.to->matches(scenario.nodes()[edge.to], edge.to))) {
                denying.push_back(index);
                break;
            }
            kind = edge.converted(kind);
        }
    }

    std::vector<ParameterIndex> candidates;
    for (const EdgeIndex e : route.edges) {
        const auto named = scenario.edges()[e].when.parameters();
        candidates.insert(candidates.end(), named.begin(), named.end());
    }
    for (const std::uint32_t index : denying) {
        const auto named = scenario.policies()[index].when.parameters();
        candidates.insert(candidates.end(), named.begin(), named.end());
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

    std::vector<Dependency> result;
    std::vector<bool> values = parameter_values;
    for (const ParameterIndex parameter : candidates) {
        values[parameter] = !values[parameter];
        Dependency dependency;
        dependency.parameter = parameter;
        dependency.keeps = parameter_values[parameter];
        bool removes = false;
        for (const EdgeIndex e : route.edges) {
            if (!scenario.edges()[e].when.evaluate(values)) {
                removes = true;
                break;
            }
        }
        if (!removes) {
            for (const std::uint32_t index : denying) {
                if (scenario.policies()[index].when.evaluate(values)) {
                    removes = true;
                    dependency.via = Dependency::Via::kPolicy;
                    dependency.policy = index;
                    break;
                }
            }
        }
        values[parameter] = !values[parameter];
        if (removes) {
            result.push_back(dependency);
        }
    }
    std::sort(result.begin(), result.end(), [&](const Dependency& a, const Dependency& b) {
        return scenario.parameters()[a.parameter].id < scenario.parameters()[b.parameter].id;
    });
    return result;
}

}  // namespace flowsim
