#include "references.hpp"

#include <algorithm>
#include <memory>

#include "edge_reader.hpp"

namespace flowsim::io::detail {
namespace {

const Keys kPolicyKeys = {"id", "label", "when", "deny", "since", "until", "sources", "note"};
const Keys kDenyKeys = {"carries", "origin", "from", "to"};
const Keys kMatcherKeys = {"kind", "state", "county", "place", "tags", "id", "not"};
const Keys kQuestionKeys = {"id",           "description",   "from",    "to",
                            "data",         "configuration", "without", "as_of",
                            "min_evidence", "via",           "avoid",   "expect"};
const Keys kExpectValues = {"reachable", "unreachable"};

constexpr int kMaxMatcherDepth = 16;

const Selector& selector_of(const Question& question, PendingSelector::Role role) {
    switch (role) {
        case PendingSelector::Role::kFrom:
            return question.from;
        case PendingSelector::Role::kTo:
            return question.to;
        case PendingSelector::Role::kVia:
            return *question.via;
        case PendingSelector::Role::kAvoid:
            break;
    }
    return *question.avoid;
}

std::optional<Matcher> read_matcher(LoadContext& context,
                                    YamlFields& fields,
                                    const YamlNode& parent,
                                    std::string_view key,
                                    int depth);

void read_header(LoadContext& context, YamlFields& fields, const YamlNode& root) {
    if (const auto version = fields.required(root, "flowsim", "the scenario")) {
        context.check_version(*version);
    }
    context.parts.title = context.optional_text(fields, root, "title");
    context.parts.description = context.optional_text(fields, root, "description");
    if (const auto as_of = fields.scalar(root, "as_of")) {
        context.parts.as_of = context.parse_date(*as_of, "as_of");
    }
}

void read_policy(LoadContext& context, YamlFields& fields, const YamlNode& item) {
    if (!fields.check_mapping(item, "a policy", kPolicyKeys)) {
        return;
    }
    Policy policy;
    policy.where = fields.where(item);
    const auto id = fields.required(item, "id", "a policy");
    if (id) {
        policy.id = id->text;
        context.declare(context.policy_ids, *id,
                        static_cast<std::uint32_t>(context.parts.policies.size()), "policy");
    }
    const std::string what = id ? "policy " + in_quotes(policy.id) : "a policy";
    policy.label = context.optional_text(fields, item, "label");
    if (policy.label.empty()) {
        policy.label = policy.id;
    }
    policy.note = context.optional_text(fields, item, "note");
    if (const auto when = fields.scalar(item, "when")) {
        policy.when = context.parse_when(*when);
        policy.when_where = when->where;
    }
    if (const auto sources = fields.list(item, "sources")) {
        policy.sources = context.resolve_all(context.source_ids, *sources, "source");
    }
    policy.in_force =
        context.parse_window(fields.scalar(item, "since"), fields.scalar(item, "until"));
    const auto deny = YamlFields::find(item, "deny");
    if (!deny) {
        fields.error(item, "missing required key 'deny' in " + what);
    } else if (fields.check_mapping(*deny, "'deny'", kDenyKeys)) {
        if (const auto carries = fields.list(*deny, "carries")) {
            policy.deny.carries = context.resolve_all(context.data_kind_ids, *carries, "data kind");
        }
        policy.deny.origin = read_matcher(context, fields, *deny, "origin", 0);
        policy.deny.from = read_matcher(context, fields, *deny, "from", 0);
        policy.deny.to = read_matcher(context, fields, *deny, "to", 0);
    }
    context.parts.policies.push_back(std::move(policy));
}

std::optional<Matcher> read_matcher(LoadContext& context,
                                    YamlFields& fields,
                                    const YamlNode& parent,
                                    std::string_view key,
                                    int depth) {
    const auto node = YamlFields::find(parent, key);
    if (!node) {
        return std::nullopt;
    }
    if (depth >= kMaxMatcherDepth) {
        fields.error(
            *node, "matcher nested more than " + std::to_string(kMaxMatcherDepth) + " levels deep");
        return std::nullopt;
    }
    if (!fields.check_mapping(*node, "a matcher ('" + std::string(key) + "')", kMatcherKeys)) {
        return std::nullopt;
    }
    Matcher matcher;
    if (const auto kinds = fields.list(*node, "kind")) {
        for (const Field& kind : *kinds) {
            if (const auto parsed = parse_node_kind(kind.text)) {
                matcher.kinds.push_back(*parsed);
            } else {
                context.sink.error(kind.where, "unknown node kind " + in_quotes(kind.text) +
                                                   did_you_mean(kind.text, node_kind_names()));
            }
        }
    }
    if (const auto states = fields.list(*node, "state")) {
        for (const Field& state : *states) {
            if (auto parsed = context.parse_state(state)) {
                matcher.states.push_back(std::move(*parsed));
            }
        }
    }
    for (const auto& [name, values] :
         {std::pair{"county", &matcher.counties}, std::pair{"place", &matcher.places}}) {
        if (const auto list = fields.list(*node, name)) {
            for (const Field& value : *list) {
                values->push_back(value.text);
            }
        }
    }
    if (const auto tags = fields.list(*node, "tags")) {
        for (const Field& tag : *tags) {
            if (!context.node_tags().count(tag.text)) {
                std::vector<std::string_view> known(context.node_tags().begin(),
                                                    context.node_tags().end());
                context.sink.error(tag.where, "no node has tag " + in_quotes(tag.text) +
                                                  did_you_mean(tag.text, known));
            }
            matcher.tags.push_back(tag.text);
        }
    }
    if (const auto ids = fields.list(*node, "id")) {
        matcher.ids = context.resolve_all(context.node_ids, *ids, "node");
    }
    if (YamlFields::find(*node, "not")) {
        if (auto negated = read_matcher(context, fields, *node, "not", depth + 1)) {
            matcher.negated = std::make_shared<const Matcher>(std::move(*negated));
        }
    }
    return matcher;
}

void read_configurations(LoadContext& context, YamlFields& fields, const YamlNode& root) {
    for_each_entry(
        fields, root, "configurations", context.configuration_ids,
        [&](const Field& id, const YamlNode& value) {
            if (!context.declare(
                    context.configuration_ids, id,
                    static_cast<ConfigurationIndex>(context.parts.configurations.size()),
                    "configuration")) {
                return;
            }
            Configuration configuration{id.text, {}, id.where};
            if (!value.is_null() && !value.is_map()) {
                fields.error(value, "expected configuration " + in_quotes(id.text) +
                                        " to be a mapping of parameters to true or false, got " +
                                        YamlFields::shape(value));
            } else if (value.is_map()) {
                // Any key is allowed here; each must name a parameter.
                fields.check_mapping(value, "configuration " + in_quotes(id.text), {});
                for (const auto entry : value.entries()) {
                    const auto name = fields.as_scalar(entry.key, "a parameter");
                    const auto setting = fields.as_scalar(entry.value, "a parameter value");
                    if (!name || !setting) {
                        continue;
                    }
                    const auto parameter = context.resolve(
                        context.parameter_ids, *name, "parameter",
                        "configuration " + in_quotes(id.text) + " names unknown parameter ");
                    const auto flag = context.parse_bool(*setting, name->text);
                    if (parameter && flag) {
                        configuration.values.emplace_back(*parameter, *flag);
                    }
                }
                std::sort(configuration.values.begin(), configuration.values.end());
            }
            context.parts.configurations.push_back(std::move(configuration));
        });
}

void read_question(LoadContext& context, YamlFields& fields, const YamlNode& item) {
    if (!fields.check_mapping(item, "a question", kQuestionKeys)) {
        return;
    }
    Question question;
    question.where = fields.where(item);
    const std::size_t index = context.parts.questions.size();
    if (const auto id = fields.required(item, "id", "a question")) {
        question.id = id->text;
        context.declare(context.question_ids, *id, static_cast<std::uint32_t>(index), "question");
    }
    question.description = context.optional_text(fields, item, "description");
    using Role = PendingSelector::Role;
    const auto selector = [&](std::string_view key, Role role) {
        auto field = fields.scalar(item, key);
        if (!field) {
            return false;
        }
        std::vector<SelectorError> errors;
        Selector parsed = parse_selector(field->text, errors);
        for (const SelectorError& error : errors) {
            context.sink.error(field->at(error.offset), error.message);
        }
        switch (role) {
            case Role::kFrom:
                question.from = std::move(parsed);
                break;
            case Role::kTo:
                question.to = std::move(parsed);
                break;
            case Role::kVia:
                question.via = std::move(parsed);
                break;
            case Role::kAvoid:
                question.avoid = std::move(parsed);
                break;
        }
        context.pending_selectors.push_back({index, role, std::move(*field)});
        return true;
    };
    if (!selector("from", Role::kFrom)) {
        fields.error(item, "missing required key 'from' in a question");
    }
    if (!selector("to", Role::kTo)) {
        std::vector<SelectorError> unused;
        question.to = parse_selector("tag:ice", unused);
        context.default_target_questions.push_back(index);
    }
    selector("via", Role::kVia);
    selector("avoid", Role::kAvoid);
    if (const auto data = fields.scalar(item, "data")) {
        question.data =
            context.resolve(context.data_kind_ids, *data, "data kind", "unknown data kind ");
    }
    if (const auto configuration = fields.scalar(item, "configuration")) {
        question.configuration = context.resolve(context.configuration_ids, *configuration,
                                                 "configuration", "unknown configuration ");
    }
    if (const auto without = fields.list(item, "without")) {
        question.without = context.resolve_all(context.gate_ids, *without, "gate");
    }
    if (const auto as_of = fields.scalar(item, "as_of")) {
        question.as_of = context.parse_date(*as_of, "as_of");
    }
    if (const auto floor = fields.scalar(item, "min_evidence")) {
        question.min_evidence = context.parse_status(*floor);
    }
    if (const auto expect = fields.required(item, "expect", "a question")) {
        if (expect->text == "reachable" || expect->text == "unreachable") {
            question.expect_reachable = expect->text == "reachable";
        } else {
            context.sink.error(expect->where, "expect must be 'reachable' or 'unreachable', got " +
                                                  in_quotes(expect->text) +
                                                  did_you_mean(expect->text, kExpectValues));
        }
    }
    context.parts.questions.push_back(std::move(question));
}

// Selectors name nodes, tags and kinds; they are checked against the finished scenario.

// Room for every edge the documents can hold (a table's lines, a YAML list's items; at
// most the edge limit), reserved once: growing the vector edge by edge holds the old and
// the new array at once, the peak of the whole load, and moves every edge each time.
void reserve_edges(LoadContext& context) {
    std::size_t most = context.parts.edges.size();
    for (const Document& document : context.documents) {
        if (document.type == DocumentType::kEdgeTable) {
            most += static_cast<std::size_t>(
                std::count(document.text.begin(), document.text.end(), '\n'));
        } else if (document.type == DocumentType::kYaml) {
            const auto edges = YamlFields::find(document.root(), "edges");
            if (edges && edges->is_sequence()) {
                most += edges->size();
            }
        }
    }
    context.parts.edges.reserve(std::min(most + 1, context.limits.max_edges));
}

}  // namespace

void resolve_everything(LoadContext& context) {
    reserve_edges(context);
    for (Document& document : context.documents) {
        if (document.type == DocumentType::kYaml) {
            YamlFields fields(document.file, context.sink);
            for_each_item(fields, document.root(), "edges", nullptr,
                          [&](const YamlNode& item) { read_yaml_edge(context, fields, item); });
            for_each_item(fields, document.root(), "policies", &context.policy_ids,
                          [&](const YamlNode& item) { read_policy(context, fields, item); });
            if (document.top) {
                read_header(context, fields, document.root());
                read_configurations(context, fields, document.root());
                for_each_item(fields, document.root(), "questions", &context.question_ids,
                              [&](const YamlNode& item) { read_question(context, fields, item); });
            } else if (const auto version = fields.scalar(document.root(), "flowsim")) {
                context.check_version(*version);
            }
        } else if (document.type == DocumentType::kEdgeTable) {
            read_edge_table(context, document);
        }
    }
}

void check_question_selectors(LoadContext& context, const Scenario& scenario) {
    for (const PendingSelector& pending : context.pending_selectors) {
        const Question& question = scenario.questions()[pending.question];
        for (const SelectorError& error :
             selector_errors(scenario, selector_of(question, pending.role))) {
            context.sink.error(pending.field.at(error.offset), error.message);
        }
    }
}

}  // namespace flowsim::io::detail
