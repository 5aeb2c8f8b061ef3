#include "flowsim/source_reach.hpp"

#include <algorithm>
#include <optional>

namespace flowsim {

SourceReach sources_reaching(const ConfigurationView& view,
                             const RouteQuery& query,
                             const std::vector<NodeIndex>& known,
                             const StopCondition& stop,
                             bool known_complete) {
    const Scenario& scenario = view.scenario();
    std::vector<char> reaches(scenario.nodes().size(), 0);
    for (const NodeIndex node : known) {
        reaches[node] = 1;
    }
    SourceReach result;
    std::optional<RouteFinder> finder;
    if (!known_complete) {
        finder.emplace(view, query);
    }
    for (const NodeIndex source : finder ? finder->sources() : std::vector<NodeIndex>{}) {
        if (reaches[source] || result.completion.cut_short()) {
            continue;
        }
        const Enumeration found = finder->enumerate_from(
            source, std::nullopt, [](const Route&) { return false; }, stop);
        if (found.routes > 0) {
            reaches[source] = 1;
        } else if (found.completion.cut_short()) {
            result.completion = found.completion;
        }
    }
    std::vector<NodeIndex> asked = query.from;
    std::sort(asked.begin(), asked.end(), [&](NodeIndex a, NodeIndex b) {
        return scenario.nodes()[a].id < scenario.nodes()[b].id;
    });
    asked.erase(std::unique(asked.begin(), asked.end()), asked.end());
    for (const NodeIndex node : asked) {
        (reaches[node] ? result.reaching : result.not_reaching).push_back(node);
    }
    return result;
}

}  // namespace flowsim
