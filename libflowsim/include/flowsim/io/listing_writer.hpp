#pragma once

#include <ostream>
#include <string_view>
#include <utility>
#include <vector>

#include <flowsim/io/route_writer.hpp>
#include <flowsim/listing.hpp>

namespace flowsim::io {

/// Lists, each with its entries (list_items), as `flowsim show` writes them.
using Listings = std::vector<std::pair<ScenarioList, std::vector<ListedItem>>>;

/// Text: for each list, "nodes (3):" and one line per entry, the ids in a column, then
/// the label (when it is not the id) and the details ("kind: camera; tags: city"); a blank line
/// between lists. JSON: {"scenario": `scenario`, then one key per list ("nodes": [{"id", "label",
/// and each detail by its name, every value a string}])}, the label left out when empty or the id,
/// one entry per line.
void write_listings(std::ostream& out,
                    RouteFormat format,
                    std::string_view scenario,
                    const Listings& listings);

}  // namespace flowsim::io
