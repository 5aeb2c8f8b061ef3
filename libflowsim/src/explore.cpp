#include "flowsim/explore.hpp"

#include <algorithm>
#include <limits>

#include "flowsim/route_finder.hpp"

namespace flowsim {

std::vector<Date> change_dates(const Scenario& scenario) {
    std::vector<Date> dates;
    const auto add = [&dates](const DateWindow& window) {
        for (const auto& date : {window.since, window.until}) {
            if (date) {
                dates.push_back(*date);
            }
        }
    };
    for (const Edge& edge : scenario.edges()) {
        add(edge.in_force);
    }
    for (const Policy& policy : scenario.policies()) {
        add(policy.in_force);
    }
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    return dates;
}

std::vector<DatePosition> date_positions(const std::vector<Date>& dates,
                                         const std::optional<Date>& asked) {
    std::vector<DatePosition> positions;
    if (!asked) {
        positions.push_back({});
    }
    for (std::size_t i = 0; i <= dates.size(); ++i) {
        DatePosition position;
        if (i > 0) {
            position.since = dates[i - 1];
        }
        if (i < dates.size()) {
            position.until = dates[i];
        }
        if (asked && (!position.since || !(*asked < *position.since)) &&
            (!position.until || *asked < *position.until)) {
            position.shown = asked;
        } else if (position.since) {
            position.shown = position.since;
        } else if (position.until) {
            position.shown = previous_day(*position.until);
        }
        // A scenario without any date change and without a date has only "no date".
        if (position.shown) {
            positions.push_back(position);
        }
    }
    return positions;
}

std::size_t position_of_date(const std::vector<DatePosition>& positions, const Date& date) {
    for (std::size_t i = 0; i < positions.size(); ++i) {
        const DatePosition& position = positions[i];
        if (position.shown && (!position.since || !(date < *position.since)) &&
            (!position.until || date < *position.until)) {
            return i;
        }
    }
    return 0;
}

std::size_t StateSpace::initial_state() const {
    std::size_t state = initial_position << toggles.size();
    for (std::size_t i = 0; i < initial_values.size(); ++i) {
        if (initial_values[i]) {
            state |= std::size_t{1} << i;
        }
    }
    return state;
}

std::size_t StateSpace::states() const {
    constexpr std::size_t kMost = std::numeric_limits<std::size_t>::max();
    if (toggles.size() >= 63) {
        return kMost;
    }
    const std::size_t combinations = std::size_t{1} << toggles.size();
    return positions.size() > kMost / combinations ? kMost : positions.size() * combinations;
}

StateSpace make_state_space(const ConfigurationView& view,
                            const std::vector<ParameterIndex>& toggles) {
    StateSpace space;
    space.toggles = toggles;
    for (const ParameterIndex toggle : toggles) {
        space.initial_values.push_back(view.parameter_values()[toggle]);
    }
    space.positions = date_positions(change_dates(view.scenario()), view.date());
    if (view.date()) {
        space.initial_position = position_of_date(space.positions, *view.date());
    }
    return space;
}

bool states_fit(std::size_t positions, std::size_t toggles, std::size_t max_states) {
    return toggles < 63 && positions <= max_states >> toggles;
}

ToggleChoice default_toggles(const Scenario& scenario,
                             std::size_t positions,
                             std::size_t max_states,
                             std::size_t max_toggles) {
    ToggleChoice choice;
    for (ParameterIndex parameter = 0; parameter < scenario.parameters().size(); ++parameter) {
        if (!scenario.parameters()[parameter].lever.empty()) {
            (choice.toggles.size() < max_toggles ? choice.toggles : choice.dropped)
                .push_back(parameter);
        }
    }
    while (!choice.toggles.empty() && !states_fit(positions, choice.toggles.size(), max_states)) {
        choice.dropped.insert(choice.dropped.begin(), choice.toggles.back());
        choice.toggles.pop_back();
    }
    std::sort(choice.dropped.begin(), choice.dropped.end());
    return choice;
}

ResolvedQuery state_query(const ResolvedQuery& base, const StateSpace& space, std::size_t state) {
    ResolvedQuery query = base;
    auto& settings = query.activity.settings;
    settings.erase(std::remove_if(settings.begin(), settings.end(),
                                  [&](const std::pair<ParameterIndex, bool>& setting) {
                                      return std::find(space.toggles.begin(), space.toggles.end(),
                                                       setting.first) != space.toggles.end();
                                  }),
                   settings.end());
    for (std::size_t i = 0; i < space.toggles.size(); ++i) {
        settings.emplace_back(space.toggles[i], space.value_of(state, i));
    }
    const std::size_t position = space.position_of(state);
    if (position != space.initial_position) {
        query.activity.as_of = space.positions[position].shown;
    }
    return query;
}

bool route_open(const ConfigurationView& view, const Route& route) {
    const Scenario& scenario = view.scenario();
    const std::vector<std::uint32_t> policies = view.policies_for_origin(route.source);
    DataKindIndex kind = route.data;
    for (const EdgeIndex edge : route.edges) {
        const KindMask passes = view.unconditional_kinds(edge) & ~view.denied_kinds(edge, policies);
        if ((passes & kind_bit(kind)) == 0) {
            return false;
        }
        kind = scenario.edges()[edge].converted(kind);
    }
    return true;
}

Exploration explore_states(const Scenario& scenario,
                           const ResolvedQuery& base,
                           const StateSpace& space,
                           std::size_t route_limit,
                           const StopCondition& stop,
                           const std::function<void(const StateRoutes&)>& on_state) {
    Exploration exploration;
    const std::size_t states = space.states();
    std::optional<ConfigurationView> widest;
    for (std::size_t state = 0; state < states; ++state) {
        const ResolvedQuery query = state_query(base, space, state);
        const ConfigurationView view(scenario, query.activity);
        if (widest) {
            widest->widen(view);
        } else {
            widest.emplace(view);
        }
        if (state % 1024 == 1023) {
            exploration.completion = stop.check();
            if (exploration.completion.cut_short()) {
                return exploration;
            }
        }
    }
    if (!widest) {
        return exploration;
    }
    RouteFinder finder(*widest, base.routes);
    const Enumeration found = finder.enumerate(
        [&](const Route& route) {
            if (route_limit != 0 && exploration.routes.size() >= route_limit) {
                return false;
            }
            exploration.routes.push_back(route);
            return true;
        },
        stop);
    exploration.completion = found.completion;
    if (!found.completion.complete()) {
        return exploration;
    }
    for (std::size_t state = 0; state < states; ++state) {
        const ResolvedQuery query = state_query(base, space, state);
        const ConfigurationView view(scenario, query.activity);
        StateRoutes answer;
        answer.state = state;
        answer.query = &query;
        answer.view = &view;
        answer.candidates = &exploration.routes;
        for (std::uint32_t index = 0; index < exploration.routes.size(); ++index) {
            if (route_open(view, exploration.routes[index])) {
                answer.routes.push_back(index);
            }
        }
        on_state(answer);
        if (state % 256 == 255) {
            exploration.completion = stop.check();
            if (exploration.completion.cut_short()) {
                return exploration;
            }
        }
    }
    return exploration;
}

}  // namespace flowsim
