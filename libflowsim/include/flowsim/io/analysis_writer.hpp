#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <flowsim/cut.hpp>
#include <flowsim/io/route_writer.hpp>
#include <flowsim/route_diff.hpp>
#include <flowsim/scenario.hpp>
#include <flowsim/sweep.hpp>

namespace flowsim::io {

/// Writes the answer of `cut`: the JSON object of docs/cli.md, "JSON" (with the header fields
/// of a route listing first), or sentences for people naming who holds each lever.
/// `holder`: the one holder the levers were restricted to (cut --holder), or empty.
void write_cut(std::ostream& out,
               RouteFormat format,
               const Scenario& scenario,
               const QueryHeader& header,
               const CutResult& cut,
               std::string_view holder = {});

/// Writes the rows of `sweep`: a table for people (rows whose answer differs from the
/// settings as given are marked), or {"parameters": [...], "rows": [...]} in JSON.
void write_sweep(std::ostream& out,
                 RouteFormat format,
                 const Scenario& scenario,
                 const QueryHeader& header,
                 const Sweep& sweep);

/// Writes the routes opened and closed between two settings, and the edges that changed.
void write_diff(std::ostream& out,
                RouteFormat format,
                const Scenario& scenario,
                const QueryHeader& first,
                const QueryHeader& second,
                const RouteDiff& diff);

}  // namespace flowsim::io
