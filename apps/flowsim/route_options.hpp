#pragma once

#include <optional>
#include <string>
#include <vector>

#include <flowsim/io/route_writer.hpp>
#include <flowsim/query_request.hpp>
#include <flowsim/route_finder.hpp>

#include "flowsim/common_options.hpp"

namespace CLI {
class App;
}

namespace flowsim::cli {

/// The options of every command that looks for routes (docs/cli.md, "Options of every command that
/// looks for routes").
struct RouteOptions {
    CommonOptions common;
    QueryRequest request;      ///< filled by the options, except max_hops
    std::size_t max_hops = 0;  ///< 0: no bound
    std::string format = "text";
    std::string output;          ///< -o FILE; empty: stdout
    double timeout_seconds = 0;  ///< 0: none; finite, not negative (seconds())

    /// The request as the library takes it.
    QueryRequest to_request() const;
    io::RouteFormat route_format() const;
};

/// Adds SCENARIO, -v/-q and the route options to `command`.
void add_route_options(CLI::App& command, RouteOptions& options);

}  // namespace flowsim::cli
