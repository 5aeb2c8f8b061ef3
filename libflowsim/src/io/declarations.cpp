#include "declarations.hpp"

#include <flowsim/configuration_view.hpp>
#include <flowsim/io/csv_reader.hpp>

#include "record_fields.hpp"

namespace flowsim::io::detail {
namespace {

const Keys kSourceKeys = {"title", "publisher", "url", "date", "kind"};
const Keys kSourceKindNames = {"record", "law",      "filing",   "statement",
                               "news",   "advocacy", "secondary"};
const Keys kDataKindKeys = {"label"};
const Keys kParameterKeys = {"default", "label", "lever", "cost"};
const Keys kGateKeys = {"label", "probability"};

bool is_keyword(std::string_view word) {
    return word == "not" || word == "and" || word == "or" || word == "true" || word == "false";
}

void declare_sources(LoadContext& context, YamlFields& fields, const YamlNode& root) {
    for_each_entry(
        fields, root, "sources", context.source_ids, [&](const Field& id, const YamlNode& value) {
            Source source;
            source.id = id.text;
            source.where = id.where;
            if (!context.declare(context.source_ids, id,
                                 static_cast<SourceIndex>(context.parts.sources.size()),
                                 "source")) {
                return;
            }
            const std::string what = "source " + in_quotes(id.text);
            if (fields.check_mapping(value, what, kSourceKeys)) {
                if (const auto title = fields.required(value, "title", what)) {
                    source.title = title->text;
                }
                source.publisher = context.optional_text(fields, value, "publisher");
                if (const auto url = fields.scalar(value, "url")) {
                    if (url->text.rfind("https://", 0) != 0 && url->text.rfind("http://", 0) != 0) {
                        context.sink.error(
                            url->where, "a source url must start with https:// or http://, got " +
                                            in_quotes(url->text));
                    }
                    source.url = url->text;
                }
                if (const auto date = fields.scalar(value, "date")) {
                    source.date = context.parse_date(*date, "date");
                }
                if (const auto kind = fields.scalar(value, "kind")) {
                    source.kind = parse_source_kind(kind->text);
                    if (!source.kind) {
                        context.sink.error(kind->where,
                                           "unknown source kind " + in_quotes(kind->text) +
                                               "; use one of record, law, filing, statement, news, "
                                               "advocacy, secondary" +
                                               did_you_mean(kind->text, kSourceKindNames));
                    }
                }
            }
            context.parts.sources.push_back(std::move(source));
        });
}

void declare_data_kinds(LoadContext& context, YamlFields& fields, const YamlNode& root) {
    for_each_entry(
        fields, root, "data", context.data_kind_ids, [&](const Field& id, const YamlNode& value) {
            const std::string what = "data kind " + in_quotes(id.text);
            std::string label = id.text;
            if (!value.is_null() && fields.check_mapping(value, what, kDataKindKeys)) {
                if (const auto field = fields.scalar(value, "label")) {
                    label = field->text;
                }
            }
            // Declaring a built-in kind only gives it a label, once.
            if (const auto builtin = context.data_kind_ids.find(id.text);
                builtin && *builtin <= kPlateRead) {
                auto& first = context.builtin_declared_at[*builtin];
                if (first) {
                    context.sink.error(id.where, "duplicate data kind id " + in_quotes(id.text) +
                                                     " (first declared at " + first->file + ":" +
                                                     std::to_string(first->line) + ")");
                } else {
                    first = id.where;
                    context.parts.data_kinds[*builtin].label = label;
                }
                return;
            }
            // The route engine keeps a route's possible kinds in one 64-bit mask.
            if (context.parts.data_kinds.size() >= kMaxDataKinds) {
                context.sink.error(id.where, "more than " + std::to_string(kMaxDataKinds) +
                                                 " data kinds; flowsim handles at most that many");
                context.data_kind_ids.add_broken(id.text);
                return;
            }
            if (context.declare(context.data_kind_ids, id,
                                static_cast<DataKindIndex>(context.parts.data_kinds.size()),
                                "data kind")) {
                context.parts.data_kinds.push_back({id.text, label});
            }
        });
}

void declare_parameters(LoadContext& context, YamlFields& fields, const YamlNode& root) {
    for_each_entry(
        fields, root, "parameters", context.parameter_ids,
        [&](const Field& id, const YamlNode& value) {
            if (!context.declare(context.parameter_ids, id,
                                 static_cast<ParameterIndex>(context.parts.parameters.size()),
                                 "parameter")) {
                return;
            }
            if (!(id.text[0] >= 'a' && id.text[0] <= 'z') && id.text[0] != '_') {
                context.sink.error(id.where,
                                   "parameter id " + in_quotes(id.text) +
                                       " must start with a letter or '_' to be usable in 'when'");
            } else if (is_keyword(id.text)) {
                context.sink.error(id.where, "parameter id " + in_quotes(id.text) +
                                                 " is a keyword of 'when' expressions");
            }
            Parameter parameter;
            parameter.id = id.text;
            parameter.label = id.text;
            parameter.where = id.where;
            const std::string what = "parameter " + in_quotes(id.text);
            if (fields.check_mapping(value, what, kParameterKeys)) {
                if (const auto field = fields.required(value, "default", what)) {
                    parameter.default_value = context.parse_bool(*field, "default").value_or(false);
                }
                if (const auto field = fields.scalar(value, "label")) {
                    parameter.label = field->text;
                }
                parameter.lever = context.optional_text(fields, value, "lever");
                if (const auto field = fields.scalar(value, "cost")) {
                    const auto cost = context.parse_number(*field, "cost");
                    if (cost && *cost <= 0) {
                        context.sink.error(field->where, "cost must be greater than 0, got " +
                                                             in_quotes(field->text));
                    } else if (cost && *cost > kMaxCost) {
                        context.sink.error(field->where, too_costly("cost", field->text));
                    }
                    parameter.cost = cost.value_or(1.0);
                    if (parameter.lever.empty()) {
                        context.sink.error(field->where,
                                           "parameter " + in_quotes(id.text) +
                                               " has a cost but no lever; cost is the price "
                                               "of pulling the lever");
                    }
                }
            }
            context.parts.parameters.push_back(std::move(parameter));
        });
}

void declare_gates(LoadContext& context, YamlFields& fields, const YamlNode& root) {
    for_each_entry(
        fields, root, "gates", context.gate_ids, [&](const Field& id, const YamlNode& value) {
            if (!context.declare(context.gate_ids, id,
                                 static_cast<GateIndex>(context.parts.gates.size()), "gate")) {
                return;
            }
            Gate gate;
            gate.id = id.text;
            gate.label = id.text;
            gate.where = id.where;
            if (!value.is_null() &&
                fields.check_mapping(value, "gate " + in_quotes(id.text), kGateKeys)) {
                if (const auto field = fields.scalar(value, "label")) {
                    gate.label = field->text;
                }
                if (const auto field = fields.scalar(value, "probability")) {
                    gate.probability = context.parse_probability(*field, "probability");
                }
            }
            context.parts.gates.push_back(std::move(gate));
        });
}

// The fields of one node as written, from a YAML mapping or a CSV row alike; the node
// table says which key or column fills which member.
struct NodeFields {
    SourceLocation where;
    std::optional<Field> id, kind, label, state, county, place, retention, note;
    std::optional<FieldList> tags, produces;
};

using NodeBuild = void (*)(LoadContext&, const NodeFields&, Node&);
using NodeTable = FieldTable<NodeFields, NodeBuild>;

void build_node_kind(LoadContext& context, const NodeFields& fields, Node& node) {
    if (!fields.kind) {
        return;
    }
    if (const auto kind = parse_node_kind(fields.kind->text)) {
        node.kind = *kind;
    } else {
        context.sink.error(fields.kind->where,
                           "node " + in_quotes(node.id) + " has unknown kind " +
                               in_quotes(fields.kind->text) +
                               did_you_mean(fields.kind->text, node_kind_names()));
    }
}

void build_node_label(LoadContext& /*context*/, const NodeFields& fields, Node& node) {
    node.label = fields.label && !fields.label->text.empty() ? fields.label->text : node.id;
}

void build_node_state(LoadContext& context, const NodeFields& fields, Node& node) {
    if (fields.state) {
        node.jurisdiction.state = context.parse_state(*fields.state);
    }
}

void build_node_county(LoadContext& /*context*/, const NodeFields& fields, Node& node) {
    if (fields.county && !fields.county->text.empty()) {
        node.jurisdiction.county = fields.county->text;
    }
}

void build_node_place(LoadContext& /*context*/, const NodeFields& fields, Node& node) {
    if (fields.place && !fields.place->text.empty()) {
        node.jurisdiction.place = fields.place->text;
    }
}

void build_node_tags(LoadContext& context, const NodeFields& fields, Node& node) {
    if (!fields.tags) {
        return;
    }
    for (const Field& tag : fields.tags->items) {
        if (!valid_id(tag.text)) {
            context.sink.error(tag.where, "tag " + in_quotes(tag.text) +
                                              " must be made of a-z, 0-9, '_', '.' and '-'");
        } else {
            node.tags.push_back(tag.text);
        }
    }
    sort_unique(node.tags);
}

void build_node_produces(LoadContext& context, const NodeFields& fields, Node& node) {
    if (fields.produces) {
        node.produces =
            context.resolve_all(context.data_kind_ids, fields.produces->items, "data kind");
    }
}

void build_node_retention(LoadContext& context, const NodeFields& fields, Node& node) {
    if (fields.retention) {
        node.retention = context.parse_duration(*fields.retention, "retention");
    }
}

void build_node_note(LoadContext& /*context*/, const NodeFields& fields, Node& node) {
    if (fields.note) {
        node.note = fields.note->text;
    }
}

// Every node field, once: key and column, where it is kept, and the step that checks
// it and sets it on the node. The id is read first, by add_node.
const NodeTable& node_table() {
    static const NodeTable table({
        {"id", &NodeFields::id, Need::kRequired},
        {"kind", &NodeFields::kind, Need::kRequired, &build_node_kind},
        {"label", &NodeFields::label, Need::kOptional, &build_node_label},
        {"state", &NodeFields::state, Need::kOptional, &build_node_state, "jurisdiction"},
        {"county", &NodeFields::county, Need::kOptional, &build_node_county, "jurisdiction"},
        {"place", &NodeFields::place, Need::kOptional, &build_node_place, "jurisdiction"},
        {"tags", &NodeFields::tags, Need::kOptional, &build_node_tags},
        {"produces", &NodeFields::produces, Need::kOptional, &build_node_produces},
        {"retention", &NodeFields::retention, Need::kOptional, &build_node_retention},
        {"note", &NodeFields::note, Need::kOptional, &build_node_note},
    });
    return table;
}

void add_node(LoadContext& context, const NodeFields& fields) {
    if (!fields.id) {
        context.node_ids.mark_incomplete();  // a node we cannot name
        return;
    }
    if (context.parts.nodes.size() >= context.limits.max_nodes) {
        if (!context.node_limit_reported) {
            context.node_limit_reported = true;
            context.sink.budget_error(fields.where,
                                      "more than " + std::to_string(context.limits.max_nodes) +
                                          " nodes; the scenario is too large to load");
        }
        return;
    }
    if (!context.declare(context.node_ids, *fields.id,
                         static_cast<NodeIndex>(context.parts.nodes.size()), "node")) {
        return;
    }
    Node node;
    node.id = fields.id->text;
    node.where = fields.where;
    for (const auto& spec : node_table().specs()) {
        if (spec.build != nullptr) {
            spec.build(context, fields, node);
        }
    }
    context.parts.nodes.push_back(std::move(node));
}

void read_yaml_node(LoadContext& context, YamlFields& fields, const YamlNode& item) {
    NodeFields node;
    if (!read_yaml_record(fields, item, "a node", node_table(), node)) {
        context.node_ids.mark_incomplete();
        return;
    }
    add_node(context, node);
}

}  // namespace

void declare_everything(LoadContext& context) {
    context.parts.data_kinds = {{"footage", "Footage"}, {"plate_read", "Plate read"}};
    context.data_kind_ids.add("footage", kFootage, {});
    context.data_kind_ids.add("plate_read", kPlateRead, {});
    for (const Document& document : context.documents) {
        if (document.type == DocumentType::kYaml) {
            YamlFields fields(document.file, context.sink);
            declare_sources(context, fields, document.root());
            declare_data_kinds(context, fields, document.root());
            declare_parameters(context, fields, document.root());
            declare_gates(context, fields, document.root());
        }
    }
    for (Document& document : context.documents) {
        if (document.type == DocumentType::kYaml) {
            YamlFields fields(document.file, context.sink);
            for_each_item(fields, document.root(), "nodes", &context.node_ids,
                          [&](const YamlNode& item) { read_yaml_node(context, fields, item); });
        } else if (document.type == DocumentType::kNodeTable) {
            read_csv_records(document.file, document.text, node_table(), "node", context.sink,
                             [&](NodeFields&& node) { add_node(context, node); });
            std::string().swap(document.text);  // read: let it go
        }
    }
}

}  // namespace flowsim::io::detail
