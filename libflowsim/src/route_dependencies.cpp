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
    RouteDependencies dependencies(scenario, parameter_values, date);
    return dependencies.of(route);
}

RouteDependencies::RouteDependencies(const Scenario& scenario,
                                     const std::vector<bool>& parameter_values,
                                     const std::optional<Date>& date)
    : scenario_(scenario), parameter_values_(parameter_values), values_(parameter_values) {
    for (std::uint32_t index = 0; index < scenario.policies().size(); ++index) {
        if (scenario.policies()[index].in_force.contains(date)) {
            in_force_.push_back(index);
        }
    }
}

const std::vector<Dependency>& RouteDependencies::of(const Route& route) {
    const Scenario& scenario = scenario_;
    const Node& origin = scenario.nodes()[route.source];

    // The policies that would deny some edge of the route if their `when` held: in force
    // on the date, matching the origin, and matching an edge with the kind entering it.
    denying_.clear();
    for (const std::uint32_t index : in_force_) {
        const DenyRule& deny = scenario.policies()[index].deny;
        if (deny.origin && !deny.origin->matches(origin, route.source)) {
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
                denying_.push_back(index);
                break;
            }
            kind = edge.converted(kind);
        }
    }

    candidates_.clear();
    for (const EdgeIndex e : route.edges) {
        const auto named = scenario.edges()[e].when.parameters();  // allocates only if any
        candidates_.insert(candidates_.end(), named.begin(), named.end());
    }
    for (const std::uint32_t index : denying_) {
        const auto named = scenario.policies()[index].when.parameters();
        candidates_.insert(candidates_.end(), named.begin(), named.end());
    }
    std::sort(candidates_.begin(), candidates_.end());
    candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());

    result_.clear();
    std::vector<bool>& values = values_;  // parameter_values_ between calls
    for (const ParameterIndex parameter : candidates_) {
        values[parameter] = !values[parameter];
        Dependency dependency;
        dependency.parameter = parameter;
        dependency.keeps = parameter_values_[parameter];
        bool removes = false;
        for (const EdgeIndex e : route.edges) {
            if (!scenario.edges()[e].when.evaluate(values)) {
                removes = true;
                break;
            }
        }
        if (!removes) {
            for (const std::uint32_t index : denying_) {
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
            result_.push_back(dependency);
        }
    }
    std::sort(result_.begin(), result_.end(), [&](const Dependency& a, const Dependency& b) {
        return scenario.parameters()[a.parameter].id < scenario.parameters()[b.parameter].id;
    });
    return result_;
}

}  // namespace flowsim
