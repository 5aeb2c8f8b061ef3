#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include <flowsim/io/route_writer.hpp>
#include <flowsim/scenario.hpp>
#include <flowsim/simulation.hpp>

namespace flowsim::io {

/// What a simulation was asked and assumed, to print beside its results.
struct SimulationReport {
    SimulationSettings settings;
    SimulationModel model;
    std::uint64_t runs_asked = 0;  ///< --runs (the result may hold fewer when cut short)
    EdgesOnRoutes edges;           ///< on routes, and how many had no likelihood
    SimulationResult result;
};

/// Routes listed per pair as carrying first arrivals (the ten most frequent).
inline constexpr std::size_t kFirstArrivalRoutes = 10;

/// Writes the results of `simulate` (docs/cli.md): for people, a block per source and
/// target (the share reached with its 95 % interval, the share within --within, the
/// median and 90th-percentile exposure times, the routes that carried first arrivals);
/// or the JSON object docs/cli.md describes. Pairs never reached are summed up in one
/// line of text. Deterministic.
void write_simulation(std::ostream& out,
                      RouteFormat format,
                      const Scenario& scenario,
                      const QueryHeader& header,
                      const SimulationReport& report);

/// A pair's results for a report's table, as plain text (each writer escapes it).
struct SimulationRow {
    std::string pair;         ///< "Springfield cameras → ICE ERO"
    std::string reached;      ///< "34.2% (33.9% to 34.5%)": the share and its 95 % interval
    std::string within;       ///< the share within --within: "12.1%"
    std::string median;       ///< exposure time where reached: "2 days 3 hours"
    std::string p90;          ///< its 90th percentile
    std::string first_route;  ///< the route most first arrivals came by: "r-1a2b3c4d (62.4%)"
};

/// A row per pair that some run reached, in the order of the result.
std::vector<SimulationRow> simulation_rows(const Scenario& scenario,
                                           const SimulationReport& report);

/// What the results rest on, in sentences: the runs and seed (and when they were cut
/// short), how edges are drawn, how many edges on routes have no likelihood and what
/// they count as, how many pairs no run reached.
std::string simulation_basis(const SimulationReport& report);

/// The cumulative exposure curve as one SVG document: for the (at most `lines`) pairs
/// reached most often, the share of all runs in which the record has reached the target
/// by each time, with --within marked. Where there are several targets, a source's line
/// is its first arrival at any of them. Self-contained (no fonts, scripts or links to
/// load), every text escaped, numbers at fixed precision: same input, same bytes.
std::string exposure_curve_svg(const Scenario& scenario,
                               const SimulationReport& report,
                               std::size_t lines = 8);

}  // namespace flowsim::io
