#pragma once

#include <ostream>

#include <flowsim/configuration_view.hpp>
#include <flowsim/io/route_writer.hpp>
#include <flowsim/route_cover.hpp>

namespace flowsim::io {

/// Writes the whole scenario of `view` as one JSON object: the header fields of every
/// answer (`scenario`, `configuration`, `as_of`, `assumptions`, `from`, `to`, `data`, from
/// `header`; docs/cli.md, "JSON"), then
///  "nodes": [{"id", "kind", "label", "state", "county", "place", "tags", "produces",
///             "note"}],
///  "edges": [{"id", "from", "to", "carries", "mechanism", "when", "gates", "status",
///             "sources", "likelihood", "cut_cost", "lever", "convert", "since", "until", "note",
///             "active"}],
///  "sources": [{"id", "title", "publisher", "url", "date", "kind"}]}
/// with the attributes of write_graphml (lists as arrays, `convert` as an object; a value
/// a node or edge lacks is left out). `active`: under the configuration, for some data
/// kind from some origin. With `routes` (the cover of a query's routes), the header is
/// followed by "route_count" and "complete", and every node and edge has "on_route",
/// "route_count" and, when on a route, "route_evidence". Nodes, edges and sources in id
/// order, one per line.
void write_graph_json(std::ostream& out,
                      const ConfigurationView& view,
                      const QueryHeader& header,
                      const RouteCover* routes = nullptr);

}  // namespace flowsim::io
