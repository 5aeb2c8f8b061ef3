#include "edge_reader.hpp"

#include <algorithm>

#include <flowsim/io/csv_reader.hpp>

#include "record_fields.hpp"

namespace flowsim::io::detail {
namespace {

// The fields of one edge as written, from a YAML mapping or a CSV row alike; the edge
// table says which key or column fills which member.
struct EdgeFields {
    SourceLocation where;
    std::optional<Field> id, from, to, mechanism, when, status, likelihood, cut_cost, lever, since,
        until, note;
    std::optional<FieldList> carries, gates, sources;
    std::optional<FieldPairs> convert;
    std::optional<FieldRange> delay;
};

using EdgeBuild = void (*)(LoadContext&, const EdgeFields&, Edge&);
using EdgeTable = FieldTable<EdgeFields, EdgeBuild>;

// Built only for a message: a national network has millions of edges and no errors.
std::string edge_name(const Edge& edge) {
    return "edge " + in_quotes(edge.id);
}

void build_carries(LoadContext& context, const EdgeFields& fields, Edge& edge) {
    if (!fields.carries) {
        return;
    }
    edge.carries = context.resolve_all(context.data_kind_ids, fields.carries->items, "data kind");
    if (fields.carries->items.empty()) {
        context.sink.error(
            fields.carries->where.line > 0 ? fields.carries->where : fields.where,
            edge_name(edge) + " carries nothing; 'carries' needs at least one data kind");
    }
}

void build_mechanism(LoadContext& /*context*/, const EdgeFields& fields, Edge& edge) {
    if (fields.mechanism) {
        edge.mechanism = fields.mechanism->text;
    }
}

void build_edge_when(LoadContext& context, const EdgeFields& fields, Edge& edge) {
    if (fields.when) {
        edge.when = context.parse_when(*fields.when);
        edge.when_where = fields.when->where;
    }
}

void build_gates(LoadContext& context, const EdgeFields& fields, Edge& edge) {
    if (fields.gates) {
        edge.gates = context.resolve_all(context.gate_ids, fields.gates->items, "gate");
    }
}

void build_status(LoadContext& context, const EdgeFields& fields, Edge& edge) {
    if (fields.status) {
        edge.status = context.parse_status(*fields.status).value_or(Evidence::kHypothetical);
        edge.status_where = fields.status->where;
    }
}

void build_edge_sources(LoadContext& context, const EdgeFields& fields, Edge& edge) {
    if (fields.sources) {
        edge.sources = context.resolve_all(context.source_ids, fields.sources->items, "source");
    }
}

void build_likelihood(LoadContext& context, const EdgeFields& fields, Edge& edge) {
    if (!fields.likelihood) {
        return;
    }
    if (const auto p = context.parse_number(*fields.likelihood, "likelihood")) {
        if (!(*p > 0 && *p <= 1)) {
            context.sink.error(fields.likelihood->where,
                               "likelihood must be greater than 0 and at most 1, got " +
                                   in_quotes(fields.likelihood->text));
        }
        edge.likelihood = *p;
    }
}

void build_cut_cost(LoadContext& context, const EdgeFields& fields, Edge& edge) {
    if (!fields.cut_cost) {
        return;
    }
    if (const auto cost = context.parse_number(*fields.cut_cost, "cut_cost")) {
        if (*cost <= 0) {
            context.sink.error(fields.cut_cost->where, "cut_cost must be greater than 0, got " +
                                                           in_quotes(fields.cut_cost->text));
        } else if (*cost > kMaxCost) {
            context.sink.error(fields.cut_cost->where,
                               too_costly("cut_cost", fields.cut_cost->text));
        }
        edge.cut_cost = *cost;
    }
}

// Who holds the edge's cut: meaningful only for an edge that can be cut.
void build_edge_lever(LoadContext& context, const EdgeFields& fields, Edge& edge) {
    if (!fields.lever || fields.lever->text.empty()) {
        return;
    }
    edge.lever = fields.lever->text;
    if (!fields.cut_cost) {
        context.sink.error(fields.lever->where,
                           edge_name(edge) +
                               " names who holds it (lever) but has no cut_cost, so cut never "
                               "ends it; add cut_cost (what ending it costs) or drop lever");
    }
}

void build_convert(LoadContext& context, const EdgeFields& fields, Edge& edge) {
    if (!fields.convert) {
        return;
    }
    for (const auto& [from_kind, to_kind] : fields.convert->items) {
        const auto in =
            context.resolve(context.data_kind_ids, from_kind, "data kind", "unknown data kind ");
        const auto out =
            context.resolve(context.data_kind_ids, to_kind, "data kind", "unknown data kind ");
        if (!in || !out) {
            continue;
        }
        if (!edge.carries_kind(*in) && fields.carries) {
            context.sink.error(from_kind.where, edge_name(edge) + " converts " +
                                                    in_quotes(from_kind.text) +
                                                    ", which it does not carry");
        }
        if (std::any_of(edge.convert.begin(), edge.convert.end(),
                        [&](const Conversion& c) { return c.from == *in; })) {
            context.sink.error(from_kind.where, edge_name(edge) + " converts " +
                                                    in_quotes(from_kind.text) + " twice");
            continue;
        }
        edge.convert.push_back({*in, *out});
    }
    std::sort(edge.convert.begin(), edge.convert.end(),
              [](const Conversion& a, const Conversion& b) { return a.from < b.from; });
}

void build_since(LoadContext& context, const EdgeFields& fields, Edge& edge) {
    if (fields.since) {
        edge.in_force.since = context.parse_date(*fields.since, "since");
    }
}

void build_until(LoadContext& context, const EdgeFields& fields, Edge& edge) {
    if (fields.until) {
        edge.in_force.until = context.parse_date(*fields.until, "until");
        context.check_window(edge.in_force, *fields.until);
    }
}

void build_delay(LoadContext& context, const EdgeFields& fields, Edge& edge) {
    if (!fields.delay) {
        return;
    }
    const auto min = context.parse_duration(fields.delay->min, "delay");
    if (!fields.delay->max) {
        edge.delay = {min.value_or(0), min.value_or(0)};
        return;
    }
    const auto max = context.parse_duration(*fields.delay->max, "delay");
    if (min && max && *min > *max) {
        context.sink.error(fields.delay->max->where,
                           edge_name(edge) + " has a delay range whose max " +
                               in_quotes(fields.delay->max->text) + " is less than its min " +
                               in_quotes(fields.delay->min.text));
    } else if (min && max) {
        edge.delay = {*min, *max};
    }
}

void build_edge_note(LoadContext& /*context*/, const EdgeFields& fields, Edge& edge) {
    if (fields.note) {
        edge.note = fields.note->text;
    }
}

// Every edge field, once: key and column, where it is kept, and the step that checks
// it and sets it on the edge, in this order (convert after carries, until after
// since). The id and the two ends are read first, by add_edge.
const EdgeTable& edge_table() {
    static const EdgeTable table({
        {"from", &EdgeFields::from, Need::kRequired},
        {"to", &EdgeFields::to, Need::kRequired},
        {"id", &EdgeFields::id},
        {"carries", &EdgeFields::carries, Need::kRequired, &build_carries},
        {"mechanism", &EdgeFields::mechanism, Need::kOptional, &build_mechanism},
        {"when", &EdgeFields::when, Need::kOptional, &build_edge_when},
        {"gates", &EdgeFields::gates, Need::kOptional, &build_gates},
        {"status", &EdgeFields::status, Need::kOptional, &build_status},
        {"sources", &EdgeFields::sources, Need::kOptional, &build_edge_sources},
        {"likelihood", &EdgeFields::likelihood, Need::kOptional, &build_likelihood},
        {"cut_cost", &EdgeFields::cut_cost, Need::kOptional, &build_cut_cost},
        {"lever", &EdgeFields::lever, Need::kOptional, &build_edge_lever},
        {"convert", &EdgeFields::convert, Need::kOptional, &build_convert},
        {"since", &EdgeFields::since, Need::kOptional, &build_since},
        {"until", &EdgeFields::until, Need::kOptional, &build_until},
        {"delay", &EdgeFields::delay, Need::kOptional, &build_delay},
        {"note", &EdgeFields::note, Need::kOptional, &build_edge_note},
    });
    return table;
}

void add_edge(LoadContext& context, const EdgeFields& fields) {
    if (!fields.from || !fields.to) {
        return;
    }
    if (context.parts.edges.size() >= context.limits.max_edges) {
        if (!context.edge_limit_reported) {
            context.edge_limit_reported = true;
            context.sink.budget_error(fields.where,
                                      "more than " + std::to_string(context.limits.max_edges) +
                                          " edges; the scenario is too large to load");
        }
        return;
    }
    Edge edge;
    edge.where = fields.where;
    if (fields.id && !fields.id->text.empty()) {
        edge.id = fields.id->text;
        context.declare(context.edge_ids, *fields.id,
                        static_cast<std::uint32_t>(context.parts.edges.size()), "edge");
    }
    const auto from_index = context.node_ids.find(fields.from->text);
    const auto to_index = context.node_ids.find(fields.to->text);
    if (edge.id.empty()) {
        // "<from>-><to>", and "#2", "#3"... for later id-less edges between the same pair.
        // Known pairs are counted by node indices, which is cheaper than by text.
        edge.id = fields.from->text + "->" + fields.to->text;
        const int count =
            from_index && to_index
                ? context.unnamed_pair_counts.add((std::uint64_t{*from_index} << 32) | *to_index)
                : ++context.unnamed_edge_counts[edge.id];
        if (count > 1) {
            edge.id += "#" + std::to_string(count);
        }
    }
    const auto unknown_node = [&edge] {
        return edge_name(edge) + " names unknown node ";
    };
    const auto from = from_index
                          ? from_index
                          : context.resolve(context.node_ids, *fields.from, "node", unknown_node);
    const auto to =
        to_index ? to_index : context.resolve(context.node_ids, *fields.to, "node", unknown_node);
    if (from && to && *from == *to) {
        context.sink.error(fields.to->where, edge_name(edge) + " goes from a node to itself");
    }
    edge.from = from.value_or(0);
    edge.to = to.value_or(0);
    for (const auto& spec : edge_table().specs()) {
        if (spec.build != nullptr) {
            spec.build(context, fields, edge);
        }
    }
    context.parts.edges.push_back(std::move(edge));
}

}  // namespace

void read_yaml_edge(LoadContext& context, YamlFields& fields, const YamlNode& item) {
    EdgeFields edge;
    if (read_yaml_record(fields, item, "an edge", edge_table(), edge)) {
        add_edge(context, edge);
    }
}

void read_edge_table(LoadContext& context, Document& document) {
    read_csv_records(document.file, document.text, edge_table(), "edge", context.sink,
                     [&](EdgeFields&& edge) { add_edge(context, edge); });
    std::string().swap(document.text);  // read: let it go
}

}  // namespace flowsim::io::detail
