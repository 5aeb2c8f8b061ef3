#pragma once

#include <vector>

#include "flowsim/configuration_view.hpp"
#include "flowsim/route_finder.hpp"

namespace flowsim {

/// Which of a query's sources reach its targets (some route starts there) and which do not.
struct SourceReach {
    std::vector<NodeIndex> reaching;      ///< in node-id order
    std::vector<NodeIndex> not_reaching;  ///< in node-id order, with the avoided and the targets
    Completion completion;                ///< cut short: the sources not yet searched are in
                                          ///< not_reaching
};

/// Splits the query's sources (`query.from`, each once) into those some route starts
/// from and the others. `known` lists sources already seen to reach (from an enumeration
/// the caller ran anyway); every other source is searched on its own, up to its first
/// route, so the cost follows the number of sources rather than of routes. With
/// `known_complete`, `known` is already every source that reaches: nothing is searched.
SourceReach sources_reaching(const ConfigurationView& view,
                             const RouteQuery& query,
                             const std::vector<NodeIndex>& known = {},
                             const StopCondition& stop = {},
                             bool known_complete = false);

}  // namespace flowsim
