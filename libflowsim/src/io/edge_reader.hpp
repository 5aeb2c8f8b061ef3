#pragma once

#include "load_context.hpp"
#include "yaml_fields.hpp"

// Edges, from YAML lists and CSV edge tables alike, through one table of edge fields.
namespace flowsim::io::detail {

/// Reads one edge of a YAML `edges:` list, checks every field and adds it to
/// `context.parts`; problems are reported and a broken edge is left out.
void read_yaml_edge(LoadContext& context, YamlFields& fields, const YamlNode& item);

/// Reads every row of the CSV edge table `document` as read_yaml_edge reads an edge.
void read_edge_table(LoadContext& context, Document& document);

}  // namespace flowsim::io::detail
