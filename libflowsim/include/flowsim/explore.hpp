#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "flowsim/completion.hpp"
#include "flowsim/configuration_view.hpp"
#include "flowsim/date.hpp"
#include "flowsim/query_request.hpp"
#include "flowsim/route.hpp"
#include "flowsim/scenario.hpp"

namespace flowsim {

// Every answer a reader of an explorable report can ask for (docs/cli.md, `report
// --interactive`): a question asked again with some parameters (the toggles) set each
// way, at each date at which the scenario's facts change.

/// The dates at which a scenario's facts change: every `since` and `until` of its edges
/// and policies, ascending, each once.
std::vector<Date> change_dates(const Scenario& scenario);

/// A stretch of time in which no edge or policy starts or ends, and the date a question
/// about it is asked for.
struct DatePosition {
    std::optional<Date> since;  ///< first day; none: from the beginning
    std::optional<Date> until;  ///< first day after it; none: open
    /// The date the question is asked for: the question's own when it falls here, else
    /// `since`, else the day before `until`. None only for the position "no date", the
    /// question of a scenario that gives no date (dates are then not checked).
    std::optional<Date> shown;
};

/// Toggles and dates: the states an explorable report holds. State s has date position
/// s >> toggles.size() and toggle i set to bit i of s.
struct StateSpace {
    std::vector<ParameterIndex> toggles;  ///< in the order given
    std::vector<DatePosition> positions;  ///< in time order; "no date" first when present
    std::vector<bool> initial_values;     ///< per toggle, as the question sets it
    std::size_t initial_position = 0;     ///< the question's own date
    std::size_t initial_state() const;
    /// positions.size() × 2^toggles.size(), saturating at SIZE_MAX.
    std::size_t states() const;
    std::size_t position_of(std::size_t state) const { return state >> toggles.size(); }
    bool value_of(std::size_t state, std::size_t toggle) const { return (state >> toggle) & 1U; }
};

/// The date positions of `dates` (change_dates): the N + 1 intervals they cut time into,
/// preceded by "no date" when `asked` is none (a question without a date; the scenario
/// gives none either). `asked` sets the `shown` date of its interval.
std::vector<DatePosition> date_positions(const std::vector<Date>& dates,
                                         const std::optional<Date>& asked);

/// The position among `positions` (of date_positions) whose interval holds `date`.
std::size_t position_of_date(const std::vector<DatePosition>& positions, const Date& date);

/// The state space of `toggles` over the change dates of the scenario of `view` (the
/// question's view), with the question's values and date as the initial state.
StateSpace make_state_space(const ConfigurationView& view,
                            const std::vector<ParameterIndex>& toggles);

/// Whether `positions` date positions × 2^`toggles` states are at most `max_states`.
bool states_fit(std::size_t positions, std::size_t toggles, std::size_t max_states);

/// The default toggles: the parameters with a `lever`, in file order, at most
/// `max_toggles`; then, while `positions` × 2^toggles is above `max_states`, the last is
/// dropped.
struct ToggleChoice {
    std::vector<ParameterIndex> toggles;
    std::vector<ParameterIndex> dropped;  ///< levers left out, in file order
};
ToggleChoice default_toggles(const Scenario& scenario,
                             std::size_t positions,
                             std::size_t max_states,
                             std::size_t max_toggles = 12);

/// The question `base` asked in state `state` of `space`: the toggles set after the
/// question's own settings (a setting of a toggle is replaced), and the date of the
/// state's position unless it is the question's own.
ResolvedQuery state_query(const ResolvedQuery& base, const StateSpace& space, std::size_t state);

/// Whether every hop of `route` (a route of the same query under some view) passes the
/// kind that enters it under `view`, from the route's source: whether the route exists
/// under `view`.
bool route_open(const ConfigurationView& view, const Route& route);

/// One state's answer, as explore_states hands it out.
struct StateRoutes {
    std::size_t state = 0;
    const ResolvedQuery* query = nullptr;     ///< the state's question
    const ConfigurationView* view = nullptr;  ///< its view
    /// Every route of some state (Exploration::routes, filled before the first state).
    const std::vector<Route>* candidates = nullptr;
    /// The state's routes, as indices into `candidates`, ascending: the fixed order.
    std::vector<std::uint32_t> routes;
};

struct Exploration {
    /// Every route that exists in some state, or might: the routes under a view that
    /// passes whatever some state's view passes; in the fixed order.
    std::vector<Route> routes;
    /// Limited: there were more than `route_limit` routes (the states were not
    /// visited); cut short: `stop` fired.
    Completion completion;
};

/// Answers `base` in every state of `space`: enumerates once, with RouteFinder, the
/// routes under the widest view of all states (ConfigurationView::widen), then keeps for
/// each state those open under its own view (route_open), which are exactly the routes
/// RouteFinder finds under it, in the same order. Hands each state to `on_state`, in
/// state order. At most `route_limit` routes (0: no limit).
Exploration explore_states(const Scenario& scenario,
                           const ResolvedQuery& base,
                           const StateSpace& space,
                           std::size_t route_limit,
                           const StopCondition& stop,
                           const std::function<void(const StateRoutes&)>& on_state);

}  // namespace flowsim
