#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <flowsim/scenario.hpp>

namespace flowsim::io {

// Plain-text pieces that the route listings (route_writer) and reports (report_writer)
// share, so that both describe routes in the same words. Text only: each writer escapes
// it for its own format.

/// "A", "A and B", "A, B and C", or "12 nodes (A, B, C, ...)": the labels of the nodes
/// with ids `ids`; "no node" when there are none.
std::string describe_nodes(const Scenario& scenario, const std::vector<std::string>& ids);

/// "1 route", "2 routes".
std::string plural(std::size_t count, const std::string& noun);

/// The node labels of a route joined with " → ".
std::string path_text(const Scenario& scenario, const std::vector<NodeIndex>& nodes);

/// Numbers sources in the order they are first cited, for "[1]"-style references.
class SourceNumbers {
public:
    /// The source's number, giving it the next one on its first citation.
    std::size_t number(SourceIndex source);
    /// The sources cited so far, in number order (number i + 1 is order()[i]).
    const std::vector<SourceIndex>& order() const { return order_; }

private:
    std::map<SourceIndex, std::size_t> numbers_;
    std::vector<SourceIndex> order_;
};

}  // namespace flowsim::io
