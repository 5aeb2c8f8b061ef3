#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "flowsim/configuration_view.hpp"
#include "flowsim/route_finder.hpp"
#include "flowsim/scenario.hpp"

namespace flowsim {

/// A question as a person writes it on the command line: names, not indices. Every
/// command that looks for routes takes one.
struct QueryRequest {
    std::optional<std::string> configuration;
    std::vector<std::string> settings;  ///< "name=true" or "name=false", in order
    std::optional<std::string> min_evidence;
    std::vector<std::string> without;  ///< gate ids
    std::optional<std::string> data;
    std::optional<std::string> as_of;
    std::optional<std::string> from;  ///< selector; default: every node that produces data
    std::optional<std::string> to;    ///< selector; default: tag:ice
    std::optional<std::string> via;
    std::optional<std::string> avoid;
    std::optional<std::size_t> max_hops;
};

/// A request with every name resolved: what decides the active edges, and which routes
/// to look for.
struct ResolvedQuery {
    std::string configuration_name;  ///< the configuration's id, or "default"
    ActivitySettings activity;
    RouteQuery routes;
};

/// Resolves `request` against `scenario`. Every problem (an unknown name, a malformed
/// setting or date) is appended to `errors` as a message with a "did you mean" hint;
/// the result is meaningful only when `errors` stays empty.
ResolvedQuery resolve_request(const Scenario& scenario,
                              const QueryRequest& request,
                              std::vector<std::string>& errors);

/// The query a saved question asks (already checked by the loader).
ResolvedQuery resolve_question(const Scenario& scenario, const Question& question);

/// The tag of the default targets (`--to` absent; a question without `to`).
inline constexpr std::string_view kDefaultTargetTag = "ice";

/// True when some node of `scenario` has the tag of the default targets. A scenario
/// without one is valid, but a query without --to then has no target: `check` warns,
/// and resolve_request says so rather than blame a --to never typed.
bool has_default_targets(const Scenario& scenario);

/// The nodes that produce data: the default sources.
std::vector<NodeIndex> producing_nodes(const Scenario& scenario);

}  // namespace flowsim
