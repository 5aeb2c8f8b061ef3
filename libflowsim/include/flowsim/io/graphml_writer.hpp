#pragma once

#include <ostream>

#include <flowsim/configuration_view.hpp>
#include <flowsim/io/route_writer.hpp>
#include <flowsim/route_cover.hpp>

namespace flowsim::io {

/// Writes the whole scenario of `view` as GraphML (a directed graph with parallel edges)
/// that networkx.read_graphml and igraph read as they are: every <key> is declared with
/// its attr.type; nodes carry kind, label, state, county, place, tags, produces and note;
/// edges carry carries, mechanism, when, gates, status, sources, likelihood, cut_cost, lever,
/// convert, since, until, note, and whether they are active under the configuration for
/// some data kind from some origin. Node and edge ids are the elements' `id` attributes
/// (networkx makes edge ids the keys of its multigraph, igraph an "id" attribute; a data
/// key named "id" would clash with igraph's). Lists are joined with ';'; a value a node or
/// edge lacks (no state, no cut_cost, no note, no tags) is left out. The graph carries
/// `header`'s scenario (the title, or the file name when untitled), configuration name and
/// date. With `routes` (the cover of a query's routes), the graph also carries route_count
/// and complete, and every node and edge on_route (boolean), route_count (long: the routes
/// through it) and, when on a route, route_evidence (the best evidence among them), each a
/// declared key, so that Gephi can filter, colour or size by them. Everything is
/// XML-escaped; nodes and edges are in id order, so the same input gives the same bytes.
void write_graphml(std::ostream& out,
                   const ConfigurationView& view,
                   const QueryHeader& header,
                   const RouteCover* routes = nullptr);

}  // namespace flowsim::io
