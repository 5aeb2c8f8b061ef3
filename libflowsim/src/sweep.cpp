#include "flowsim/sweep.hpp"

namespace flowsim {
namespace {

struct Count {
    std::size_t routes = 0;
    Enumeration enumeration;  // limited: more than `limit` routes
};

// Counts routes, stopping once it has seen more than `limit`.
Count count_routes(const Scenario& scenario,
                   const ActivitySettings& settings,
                   const RouteQuery& query,
                   std::size_t limit,
                   const StopCondition& stop) {
    const ConfigurationView view(scenario, settings);
    RouteFinder finder(view, query);
    Count count;
    count.enumeration = finder.enumerate(
        [&](const Route&) {
            if (count.routes == limit) {
                return false;
            }
            ++count.routes;
            return true;
        },
        stop);
    return count;
}

}  // namespace

Completion stream_sweep(const Scenario& scenario,
                        const ActivitySettings& base,
                        const RouteQuery& query,
                        const std::vector<ParameterIndex>& parameters,
                        std::size_t count_limit,
                        const StopCondition& stop,
                        const std::function<void(bool base_reachable)>& on_base,
                        const std::function<bool(const SweepRow&)>& on_row) {
    Completion completion;
    // A count stopped at its limit is an answer; only `stop` cuts the sweep short.
    const auto note_stop = [&](Completion count) {
        if (count.cut_short()) {
            completion.merge(count);
        }
        return !completion.complete();
    };
    const Count base_count = count_routes(scenario, base, query, 1, stop);
    if (note_stop(base_count.enumeration.completion)) {
        return completion;
    }
    const bool base_reachable = base_count.routes > 0;
    on_base(base_reachable);

    const std::size_t n = parameters.size();
    for (std::size_t combination = 0; combination < (std::size_t{1} << n); ++combination) {
        if (note_stop(stop.check())) {
            break;
        }
        SweepRow row;
        ActivitySettings settings = base;
        for (std::size_t i = 0; i < n; ++i) {
            // The first parameter is the most significant bit: rows read like a truth table.
            const bool value = (combination >> (n - 1 - i)) & 1U;
            row.values.push_back(value);
            settings.settings.emplace_back(parameters[i], value);
        }
        const Count count = count_routes(scenario, settings, query, count_limit, stop);
        if (note_stop(count.enumeration.completion)) {
            break;
        }
        row.route_count = count.routes;
        row.count_complete = count.enumeration.completion.complete();
        row.reachable = count.routes > 0 || !row.count_complete;
        row.differs_from_base = row.reachable != base_reachable;
        if (!on_row(row)) {
            completion.merge(Completion::limited());
            break;
        }
    }
    return completion;
}

Sweep sweep_parameters(const Scenario& scenario,
                       const ActivitySettings& base,
                       const RouteQuery& query,
                       const std::vector<ParameterIndex>& parameters,
                       std::size_t count_limit,
                       const StopCondition& stop) {
    Sweep sweep;
    sweep.parameters = parameters;
    sweep.completion = stream_sweep(
        scenario, base, query, parameters, count_limit, stop,
        [&](bool base_reachable) { sweep.base_reachable = base_reachable; },
        [&](const SweepRow& row) {
            sweep.rows.push_back(row);
            return true;
        });
    return sweep;
}

}  // namespace flowsim
