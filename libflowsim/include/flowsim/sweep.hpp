#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "flowsim/configuration_view.hpp"
#include "flowsim/route_finder.hpp"
#include "flowsim/scenario.hpp"

namespace flowsim {

/// One combination of parameter values and its answer.
struct SweepRow {
    std::vector<bool> values;  ///< parallel to Sweep::parameters
    bool reachable = false;
    std::size_t route_count = 0;     ///< exact unless count_complete is false
    bool count_complete = true;      ///< false: more routes than the count limit
    bool differs_from_base = false;  ///< reachable differs from the base settings' answer
};

/// Reachability and route counts for every combination of some parameters (docs/cli.md,
/// `sweep`).
struct Sweep {
    std::vector<ParameterIndex> parameters;
    bool base_reachable = false;  ///< the answer under the settings as given
    std::vector<SweepRow> rows;   ///< all false first, the last parameter changing fastest
    Completion completion;        ///< cut short by `stop`: rows are missing
};

/// Answers `query` under `base` with `parameters` set to every combination of values
/// (2^n rows, the first parameter changing slowest; the caller bounds n), streamed:
/// `on_base` gets the answer under `base` as given, then `on_row` each row as it is done,
/// so memory does not grow with the rows. Counts stop at `count_limit` routes a row.
/// Stops when `on_row` returns false (limited) or `stop` fires (cut short; when it fires
/// before the answer under `base` is known, `on_base` is not called).
Completion stream_sweep(const Scenario& scenario,
                        const ActivitySettings& base,
                        const RouteQuery& query,
                        const std::vector<ParameterIndex>& parameters,
                        std::size_t count_limit,
                        const StopCondition& stop,
                        const std::function<void(bool base_reachable)>& on_base,
                        const std::function<bool(const SweepRow&)>& on_row);

/// As stream_sweep, every row kept.
Sweep sweep_parameters(const Scenario& scenario,
                       const ActivitySettings& base,
                       const RouteQuery& query,
                       const std::vector<ParameterIndex>& parameters,
                       std::size_t count_limit,
                       const StopCondition& stop = {});

}  // namespace flowsim
