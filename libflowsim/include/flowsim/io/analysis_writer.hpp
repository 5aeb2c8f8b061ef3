#pragma once

#include <memory>
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

/// Streams the rows of `sweep`, one at a time as they are done (stream_sweep), so that
/// memory does not grow with them: a table for people (rows whose answer differs from the
/// settings as given are marked), or {"parameters": [...], "base_reachable": ..., "rows":
/// [...], "complete": ...} in JSON.
class SweepWriter {
public:
    /// Writes the heading: the question, `parameters`, the answer under the settings as
    /// given.
    SweepWriter(std::ostream& out,
                RouteFormat format,
                const Scenario& scenario,
                const QueryHeader& header,
                const std::vector<ParameterIndex>& parameters,
                bool base_reachable);
    ~SweepWriter();
    SweepWriter(const SweepWriter&) = delete;
    SweepWriter& operator=(const SweepWriter&) = delete;

    void row(const SweepRow& row);
    /// Closes the table; an incomplete `completion` says the rows stop early, and why.
    void finish(Completion completion);

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// Writes the routes opened and closed between two settings, and the edges that changed.
/// `stop` (the deadline that bounded the diff, and Ctrl-C) ends the lists of routes early
/// (StopEvery): the output then says it is incomplete, and so does the result.
Completion write_diff(std::ostream& out,
                      RouteFormat format,
                      const Scenario& scenario,
                      const QueryHeader& first,
                      const QueryHeader& second,
                      const RouteDiff& diff,
                      const StopCondition& stop = {});

}  // namespace flowsim::io
