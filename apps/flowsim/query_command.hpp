#pragma once

#include "flowsim/exit_codes.hpp"
#include "flowsim/route_options.hpp"

namespace CLI {
class App;
}

namespace flowsim::cli {

struct QueryOptions {
    RouteOptions route;
    std::size_t limit = 10;            ///< blocked routes to explain when the answer is no
    std::size_t count_limit = 100000;  ///< routes to count before saying "at least"
};

/// Registers `flowsim query SCENARIO`: can the sources reach the targets?
CLI::App& setup_query(CLI::App& app, QueryOptions& options);

struct PreparedQuery;
class Phases;

/// The answer to `prepared` (the searches and the writing of run_query, in `phases`), as
/// run_query gives it: for `check --question` too, with a saved question's query.
ExitCode answer_query(const PreparedQuery& prepared, const QueryOptions& options, Phases& phases);

/// Answers yes (exit 0) or no (exit 1, with why not); 2 on bad input, 3 when cut short.
ExitCode run_query(const QueryOptions& options);

}  // namespace flowsim::cli
