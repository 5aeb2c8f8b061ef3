#include "flowsim/sweep.hpp"

namespace flowsim {
namespace {

struct Count {
    std::size_t routes = 0;
    bool complete = true;
    Enumeration enumeration;
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
                count.complete = false;
                return false;
            }
            ++count.routes;
            return true;
        },
        stop);
    return count;
}

}  // namespace

Sweep sweep_parameters(const Scenario& scenario,
                       const ActivitySettings& base,
                       const RouteQuery& query,
                       const std::vector<ParameterIndex>& parameters,
                       std::size_t count_limit,
                       const StopCondition& stop,
                       const std::function<void(const SweepRow&)>& on_row) {
    Sweep sweep;
    sweep.parameters = parameters;
    const auto note_stop = [&](const Enumeration& enumeration) {
        sweep.timed_out = sweep.timed_out || enumeration.timed_out;
        sweep.interrupted = sweep.interrupted || enumeration.interrupted;
        sweep.complete = !sweep.timed_out && !sweep.interrupted;
        return !sweep.complete;
    };
    const Count base_count = count_routes(scenario, base, query, 1, stop);
    if (note_stop(base_count.enumeration)) {
        return sweep;
    }
    sweep.base_reachable = base_count.routes > 0;

    const std::size_t n = parameters.size();
    for (std::size_t combination = 0; combination < (std::size_t{1} << n); ++combination) {
        if (stop.interrupted != nullptr && stop.interrupted->load(std::memory_order_relaxed)) {
            sweep.interrupted = true;
            sweep.complete = false;
            break;
        }
        if (stop.deadline && StopCondition::Clock::now() >= *stop.deadline) {
            sweep.timed_out = true;
            sweep.complete = false;
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
        if (note_stop(count.enumeration)) {
            break;
        }
        row.route_count = count.routes;
        row.count_complete = count.complete;
        row.reachable = count.routes > 0 || !count.complete;
        row.differs_from_base = row.reachable != sweep.base_reachable;
        sweep.rows.push_back(row);
        if (on_row) {
            on_row(sweep.rows.back());
        }
    }
    return sweep;
}

}  // namespace flowsim
