#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <flowsim/blocked_routes.hpp>
#include <flowsim/completion.hpp>
#include <flowsim/configuration_view.hpp>
#include <flowsim/query_request.hpp>
#include <flowsim/route.hpp>
#include <flowsim/scenario.hpp>
#include <flowsim/source_reach.hpp>

namespace flowsim::io {

/// One way the question departs from the scenario's defaults: a named configuration, a
/// parameter set (to a value other than the configuration gives it), an excluded gate,
/// avoided or required nodes, an evidence floor, a chosen date. SPEC section 4.
struct Assumption {
    /// "configuration", "set", "without", "avoid", "via", "min_evidence" or "as_of".
    std::string kind;
    /// What it names: the configuration's, parameter's or gate's id; for the others the
    /// option's own name ("avoid", "via", "min_evidence", "as_of").
    std::string name;
    /// The value assumed: a parameter's value, false for a gate (never passed); else
    /// `text` (node ids joined with ",", the level, the date, the configuration's id).
    std::optional<bool> flag;
    std::string text;
    /// For people, by label: "Police search the network for ICE: on".
    std::string phrase;
};

/// What a route listing answers: the scenario, the configuration, the sources, the
/// targets and the data kinds, by id.
struct QueryHeader {
    std::string scenario;  ///< the title (or the file name when untitled)
    std::string configuration;
    std::vector<std::pair<std::string, bool>> parameters;  ///< every parameter, by id
    std::vector<std::string> from, to, data;
    std::optional<std::string> as_of;
    std::vector<Assumption> assumptions;  ///< every departure from the defaults, in option order
    std::vector<bool> parameter_values;   ///< by parameter index: what routes depend on
    std::optional<Date> date;             ///< the date edges and policies are checked against
};

/// The header for `query` under `view` (`display_name` names an untitled scenario).
QueryHeader make_header(const ConfigurationView& view,
                        const ResolvedQuery& query,
                        const std::string& display_name);

/// The output formats of route listings.
enum class RouteFormat { kText, kJson };

/// Streams a `paths` listing: header, one route at a time, then the totals. JSON is the
/// object of docs/cli.md, "JSON" (with "routes" before the totals, so memory stays flat);
/// text is one block per route for people, then the numbered sources.
class PathsWriter {
public:
    PathsWriter(std::ostream& out,
                RouteFormat format,
                const Scenario& scenario,
                QueryHeader header);
    ~PathsWriter();
    PathsWriter(const PathsWriter&) = delete;
    PathsWriter& operator=(const PathsWriter&) = delete;

    void route(const Route& route);
    /// Closes the listing; an incomplete `completion` says it was cut short.
    void finish(std::size_t route_count, Completion completion);

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// Writes the answer to `query`: yes or no, the number of routes, the first route with
/// what it depends on and its sources; when the answer is no, the blocked routes.
void write_query(std::ostream& out,
                 RouteFormat format,
                 const Scenario& scenario,
                 const QueryHeader& header,
                 const std::optional<Route>& first,
                 std::size_t route_count,
                 Completion completion,
                 const std::vector<BlockedRoute>& blocked,
                 const SourceReach& reach = {},
                 std::optional<Evidence> strongest = std::nullopt);

/// Writes only the number of routes (`paths --count`): in JSON, the `paths` object
/// without its `routes`.
void write_route_count(std::ostream& out,
                       RouteFormat format,
                       const QueryHeader& header,
                       std::size_t route_count,
                       Completion completion);

}  // namespace flowsim::io
