#include "flowsim/io/scenario_loader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <flowsim/configuration_view.hpp>
#include <flowsim/io/csv_reader.hpp>
#include <flowsim/io/expression_parser.hpp>
#include <flowsim/spelling.hpp>

#include "diagnostic_sink.hpp"
#include "id_table.hpp"
#include "yaml_documents.hpp"
#include "yaml_fields.hpp"

namespace flowsim::io {
namespace {

namespace fs = std::filesystem;
using detail::DiagnosticSink;
using detail::Field;
using detail::IdTable;
using detail::YamlFields;

using Keys = std::vector<std::string_view>;

const Keys kTopKeys = {"flowsim", "title",    "description",    "as_of",    "include",
                       "sources", "data",     "parameters",     "gates",    "nodes",
                       "edges",   "policies", "configurations", "questions"};
const Keys kIncludedKeys = {"flowsim", "include", "sources", "data",    "parameters",
                            "gates",   "nodes",   "edges",   "policies"};
const Keys kSourceKeys = {"title", "publisher", "url", "date", "kind"};
const Keys kSourceKindNames = {"record", "law",      "filing",   "statement",
                               "news",   "advocacy", "secondary"};
const Keys kDataKindKeys = {"label"};
const Keys kParameterKeys = {"default", "label", "lever", "cost"};
const Keys kGateKeys = {"label"};
const Keys kNodeKeys = {"id", "kind", "label", "produces", "jurisdiction", "tags", "note"};
const Keys kJurisdictionKeys = {"state", "county", "place"};
const Keys kEdgeKeys = {"id",       "from",    "to",     "carries", "mechanism",
                        "when",     "gates",   "status", "sources", "likelihood",
                        "cut_cost", "convert", "since",  "until",   "note"};
const Keys kPolicyKeys = {"id", "label", "when", "deny", "since", "until", "sources", "note"};
const Keys kDenyKeys = {"carries", "origin", "from", "to"};
const Keys kMatcherKeys = {"kind", "state", "county", "place", "tags", "id", "not"};
const Keys kQuestionKeys = {"id",           "description",   "from",    "to",
                            "data",         "configuration", "without", "as_of",
                            "min_evidence", "via",           "avoid",   "expect"};
const Keys kNodeColumns = {"id", "kind", "label", "state", "county", "place", "tags", "produces"};
const Keys kEdgeColumns = {"from",  "to",     "id",      "carries",    "mechanism",
                           "when",  "status", "sources", "likelihood", "cut_cost",
                           "since", "until",  "note"};
const Keys kRequiredNodeColumns = {"id", "kind"};
const Keys kRequiredEdgeColumns = {"from", "to", "carries"};
const Keys kEvidenceNames = {"documented", "reported", "alleged", "announced", "hypothetical"};
const Keys kExpectValues = {"reachable", "unreachable"};

constexpr int kMaxMatcherDepth = 16;
// Did-you-mean searches scan every declared name; past this many they are skipped.
constexpr std::size_t kMaxHintedErrors = 200;

bool is_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

bool valid_id(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), is_id_char);
}

bool is_keyword(std::string_view word) {
    return word == "not" || word == "and" || word == "or" || word == "true" || word == "false";
}

using detail::in_quotes;

enum class DocumentType { kYaml, kNodeTable, kEdgeTable };

struct Document {
    std::string file;  // display name
    DocumentType type = DocumentType::kYaml;
    std::string_view text;
    YAML::Node root;
    bool top = false;
};

// The fields of one node or edge, from a YAML mapping or a CSV row alike.
struct NodeFields {
    SourceLocation where;
    std::optional<Field> id, kind, label, state, county, place, note;
    std::optional<std::vector<Field>> tags, produces;
};

struct EdgeFields {
    SourceLocation where;
    std::optional<Field> id, from, to, mechanism, when, status, likelihood, cut_cost, since, until,
        note;
    std::optional<std::vector<Field>> carries, gates, sources;
    SourceLocation carries_where;  // where the list is written, when it is
    std::vector<std::pair<Field, Field>> convert;
};

// A question's selector, checked once the scenario exists.
struct PendingSelector {
    enum class Role { kFrom, kTo, kVia, kAvoid };
    std::size_t question = 0;
    Role role = Role::kFrom;
    Field field;
};

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

// Reads a whole file; on failure returns nothing and says why in `why`.
std::optional<std::string> read_text_file(const std::string& path,
                                          std::size_t max_bytes,
                                          std::string& why) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) {
        why = "no such file";
        return std::nullopt;
    }
    if (!fs::is_regular_file(status)) {
        why = "not a regular file";
        return std::nullopt;
    }
    const auto size = fs::file_size(path, error);
    if (!error && size > max_bytes) {
        why = "larger than the limit of " + std::to_string(max_bytes) + " bytes";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        why = std::strerror(errno);
        return std::nullopt;
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        why = std::strerror(errno);
        return std::nullopt;
    }
    return std::move(content).str();
}

class Loader {
public:
    explicit Loader(const LoadLimits& limits) : limits_(limits), sink_(limits.max_errors) {}

    LoadResult run(std::string text, const std::string& display_name) {
        const auto& stored = texts_.emplace(display_name, std::move(text)).first->second;
        std::vector<fs::path> stack;
        open_yaml(display_name, stored, absolute_path(display_name), /*top=*/true, stack, 0);
        declare_everything();
        resolve_everything();
        return finish(display_name);
    }

private:
    // ---- Reading files and following includes -------------------------------------------

    static fs::path absolute_path(const std::string& file) {
        std::error_code error;
        fs::path path = fs::weakly_canonical(fs::absolute(file, error), error);
        return error ? fs::path(file).lexically_normal() : path;
    }

    // Reads `path`; on failure reports at `where` and returns nothing.
    std::optional<std::string> read_file(const std::string& path, const SourceLocation& where) {
        std::string why;
        auto content = read_text_file(path, limits_.max_file_bytes, why);
        if (!content) {
            sink_.error(where, "cannot read " + in_quotes(path) + ": " + why);
        }
        return content;
    }

    void open_yaml(const std::string& file,
                   std::string_view text,
                   const fs::path& real,
                   bool top,
                   std::vector<fs::path>& stack,
                   int depth) {
        // yaml-cpp reads a NUL byte as if it were something else; name it plainly instead.
        if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
            const std::size_t line_start = text.rfind('\n', nul);
            const std::size_t column =
                line_start == std::string_view::npos ? nul : nul - line_start - 1;
            const auto line =
                std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
            sink_.error({file, static_cast<int>(line) + 1, static_cast<int>(column) + 1},
                        "NUL byte in a YAML file");
            return;
        }
        YAML::Node root;
        detail::YamlDocuments documents;
        try {
            const std::string content(text);
            // Scan first: YAML::LoadAll can loop forever on some input (see scan_documents).
            documents = detail::scan_documents(content);
            if (!documents.stuck_at) {
                root = YAML::Load(content);
            }
        } catch (const YAML::DeepRecursion& error) {
            sink_.error(
                {file, error.mark.line + 1, error.mark.column + 1},
                "invalid YAML: nested more than " + std::to_string(error.depth()) + " levels deep");
            return;
        } catch (const YAML::Exception& error) {
            const int line = error.mark.is_null() ? 0 : error.mark.line + 1;
            const int column = error.mark.is_null() ? 0 : error.mark.column + 1;
            // yaml-cpp may quote the offending byte, which need not be text.
            std::string message = error.msg;
            for (char& c : message) {
                const auto byte = static_cast<unsigned char>(c);
                c = byte < 0x20 || byte >= 0x7f ? '?' : c;
            }
            sink_.error({file, line, column}, "invalid YAML: " + message);
            return;
        } catch (const std::exception& error) {
            sink_.error({file, 0, 0}, std::string("invalid YAML: ") + error.what());
            return;
        }
        const auto at = [&](const YAML::Mark& mark) {
            return SourceLocation{file, mark.line + 1, mark.column + 1};
        };
        if (documents.stuck_at) {
            const auto pos = static_cast<std::size_t>(documents.stuck_at->pos);
            sink_.error(at(*documents.stuck_at),
                        "invalid YAML: unexpected " +
                            (pos < text.size() ? in_quotes(text.substr(pos, 1)) : "text") +
                            " where a document or a value should start");
            return;
        }
        YamlFields fields(file, text, sink_);
        if (documents.second_document) {
            sink_.error(at(*documents.second_document),
                        "a scenario file holds one YAML document, this is a second");
        }
        if (root.IsNull()) {
            sink_.error({file, 1, 1}, top ? "the scenario is empty; it needs at least 'flowsim: 1'"
                                          : "the included file is empty");
            return;
        }
        if (!root.IsMap()) {
            fields.error(root,
                         "a scenario must be a mapping of keys such as 'flowsim', 'nodes' "
                         "and 'edges', got " +
                             YamlFields::shape(root));
            return;
        }
        fields.check_mapping(root, top ? "the scenario" : "an included file", kTopKeys);
        if (!top) {
            for (const auto& entry : root) {
                const bool top_only =
                    entry.first.IsScalar() &&
                    std::count(kTopKeys.begin(), kTopKeys.end(), entry.first.Scalar()) == 1 &&
                    std::count(kIncludedKeys.begin(), kIncludedKeys.end(), entry.first.Scalar()) ==
                        0;
                if (top_only) {
                    fields.error(entry.first, in_quotes(entry.first.Scalar()) +
                                                  " belongs in the top-level scenario, not in an "
                                                  "included file");
                }
            }
        }
        documents_.push_back({file, DocumentType::kYaml, text, root, top});

        const auto includes = fields.list(root, "include");
        if (!includes) {
            return;
        }
        stack.push_back(real);
        for (const Field& include : *includes) {
            open_include(file, include, stack, depth + 1);
        }
        stack.pop_back();
    }

    void open_include(const std::string& including_file,
                      const Field& include,
                      std::vector<fs::path>& stack,
                      int depth) {
        if (depth > limits_.max_include_depth) {
            sink_.error(include.where, "includes nest more than " +
                                           std::to_string(limits_.max_include_depth) +
                                           " levels deep");
            return;
        }
        if (include.text.empty()) {
            sink_.error(include.where, "empty include path");
            return;
        }
        const std::string file = (fs::path(including_file).parent_path() / include.text)
                                     .lexically_normal()
                                     .generic_string();
        const fs::path real = absolute_path(file);
        if (std::find(stack.begin(), stack.end(), real) != stack.end()) {
            std::string chain;
            for (const fs::path& step : stack) {
                chain += step.filename().string() + " -> ";
            }
            sink_.error(include.where, "include cycle: " + chain + real.filename().string());
            return;
        }
        if (!opened_.insert(real.string()).second) {
            sink_.error(include.where, in_quotes(include.text) + " is included more than once");
            return;
        }
        const std::string extension = fs::path(file).extension().string();
        const bool csv = extension == ".csv";
        if (!csv && extension != ".yaml" && extension != ".yml") {
            sink_.error(include.where, "cannot include " + in_quotes(include.text) +
                                           ": expected a .yaml, .yml or .csv file");
            return;
        }
        auto content = read_file(file, include.where);
        if (!content) {
            return;
        }
        const auto& stored = texts_.emplace(file, std::move(*content)).first->second;
        if (csv) {
            open_table(file, stored);
        } else {
            open_yaml(file, stored, real, /*top=*/false, stack, depth);
        }
    }

    // A CSV table is told by its header: `id,kind` for nodes, `from,to` for edges.
    void open_table(const std::string& file, std::string_view text) {
        std::vector<std::string> header;
        std::vector<CsvError> ignored;  // reported when the table is read
        read_csv(
            text,
            [&](const std::vector<CsvCell>& cells) {
                for (std::size_t i = 0; i < cells.size() && i < 2; ++i) {
                    header.emplace_back(cells[i].text);
                }
                return false;
            },
            ignored);
        const auto starts = [&](std::string_view first, std::string_view second) {
            return header.size() == 2 && header[0] == first && header[1] == second;
        };
        if (starts("id", "kind")) {
            documents_.push_back({file, DocumentType::kNodeTable, text, {}, false});
        } else if (starts("from", "to")) {
            documents_.push_back({file, DocumentType::kEdgeTable, text, {}, false});
        } else {
            sink_.error({file, 1, 1},
                        "a CSV table must start with the header 'id,kind' (a node "
                        "table) or 'from,to' (an edge table)");
        }
    }

    // ---- Pass 1: declarations --------------------------------------------------------------

    void declare_everything() {
        parts_.data_kinds = {{"footage", "Footage"}, {"plate_read", "Plate read"}};
        data_kind_ids_.add("footage", kFootage, {});
        data_kind_ids_.add("plate_read", kPlateRead, {});
        for (const Document& document : documents_) {
            if (document.type == DocumentType::kYaml) {
                YamlFields fields(document.file, document.text, sink_);
                declare_sources(fields, document.root);
                declare_data_kinds(fields, document.root);
                declare_parameters(fields, document.root);
                declare_gates(fields, document.root);
            }
        }
        for (const Document& document : documents_) {
            if (document.type == DocumentType::kYaml) {
                YamlFields fields(document.file, document.text, sink_);
                for_each_item(fields, document.root, "nodes", &node_ids_,
                              [&](const YAML::Node& item) { read_yaml_node(fields, item); });
            } else if (document.type == DocumentType::kNodeTable) {
                read_table(document, kNodeColumns, kRequiredNodeColumns, "node",
                           [&](NodeFields&& node) { add_node(node); });
            }
        }
    }

    // Calls `visit` for each entry of the mapping under `key` (a null value is empty).
    // When some entries cannot be read, `declared` is marked incomplete.
    template <typename Visit>
    void for_each_entry(YamlFields& fields,
                        const YAML::Node& root,
                        std::string_view key,
                        IdTable& declared,
                        Visit visit) {
        const auto section = YamlFields::find(root, key);
        if (!section || section->IsNull()) {
            return;
        }
        if (!section->IsMap()) {
            fields.error(*section, "expected '" + std::string(key) +
                                       "' to be a mapping of ids, got " +
                                       YamlFields::shape(*section));
            declared.mark_incomplete();
            return;
        }
        for (const auto& entry : *section) {
            if (auto id = fields.as_scalar(entry.first, "an id in '" + std::string(key) + "'")) {
                visit(*id, entry.second);
            } else {
                declared.mark_incomplete();
            }
        }
    }

    // Calls `visit` for each item of the sequence under `key` (a null value is empty).
    // When the section cannot be read, `declared` (if any) is marked incomplete.
    template <typename Visit>
    void for_each_item(YamlFields& fields,
                       const YAML::Node& root,
                       std::string_view key,
                       IdTable* declared,
                       Visit visit) {
        const auto section = YamlFields::find(root, key);
        if (!section || section->IsNull()) {
            return;
        }
        if (!section->IsSequence()) {
            fields.error(*section, "expected '" + std::string(key) + "' to be a list, got " +
                                       YamlFields::shape(*section));
            if (declared != nullptr) {
                declared->mark_incomplete();
            }
            return;
        }
        for (const auto& item : *section) {
            visit(item);
        }
    }

    // Checks an id's spelling and that it is new; false when it cannot be used.
    bool declare(IdTable& table, const Field& id, std::uint32_t index, std::string_view noun) {
        if (!valid_id(id.text)) {
            sink_.error(id.where, std::string(noun) + " id " + in_quotes(id.text) +
                                      " must be made of a-z, 0-9, '_', '.' and '-'");
            table.add_broken(id.text);
            return false;
        }
        if (const auto first = table.add(id.text, index, id.where)) {
            sink_.error(id.where, "duplicate " + std::string(noun) + " id " + in_quotes(id.text) +
                                      " (first declared at " + first->file + ":" +
                                      std::to_string(first->line) + ")");
            return false;
        }
        return true;
    }

    std::string optional_text(YamlFields& fields, const YAML::Node& map, std::string_view key) {
        const auto field = fields.scalar(map, key);
        return field ? field->text : std::string();
    }

    void declare_sources(YamlFields& fields, const YAML::Node& root) {
        for_each_entry(
            fields, root, "sources", source_ids_, [&](const Field& id, const YAML::Node& value) {
                Source source;
                source.id = id.text;
                source.where = id.where;
                if (!declare(source_ids_, id, static_cast<SourceIndex>(parts_.sources.size()),
                             "source")) {
                    return;
                }
                const std::string what = "source " + in_quotes(id.text);
                if (fields.check_mapping(value, what, kSourceKeys)) {
                    if (const auto title = fields.required(value, "title", what)) {
                        source.title = title->text;
                    }
                    source.publisher = optional_text(fields, value, "publisher");
                    if (const auto url = fields.scalar(value, "url")) {
                        if (url->text.rfind("https://", 0) != 0 &&
                            url->text.rfind("http://", 0) != 0) {
                            sink_.error(url->where,
                                        "a source url must start with https:// or http://, got " +
                                            in_quotes(url->text));
                        }
                        source.url = url->text;
                    }
                    if (const auto date = fields.scalar(value, "date")) {
                        source.date = parse_date(*date, "date");
                    }
                    if (const auto kind = fields.scalar(value, "kind")) {
                        source.kind = parse_source_kind(kind->text);
                        if (!source.kind) {
                            sink_.error(kind->where,
                                        "unknown source kind " + in_quotes(kind->text) +
                                            "; use one of record, law, filing, statement, news, "
                                            "advocacy, secondary" +
                                            did_you_mean(kind->text, kSourceKindNames));
                        }
                    }
                }
                parts_.sources.push_back(std::move(source));
            });
    }

    void declare_data_kinds(YamlFields& fields, const YAML::Node& root) {
        for_each_entry(
            fields, root, "data", data_kind_ids_, [&](const Field& id, const YAML::Node& value) {
                const std::string what = "data kind " + in_quotes(id.text);
                std::string label = id.text;
                if (!value.IsNull() && fields.check_mapping(value, what, kDataKindKeys)) {
                    if (const auto field = fields.scalar(value, "label")) {
                        label = field->text;
                    }
                }
                // Declaring a built-in kind only gives it a label, once.
                if (const auto builtin = data_kind_ids_.find(id.text);
                    builtin && *builtin <= kPlateRead) {
                    auto& first = builtin_declared_at_[*builtin];
                    if (first) {
                        sink_.error(id.where, "duplicate data kind id " + in_quotes(id.text) +
                                                  " (first declared at " + first->file + ":" +
                                                  std::to_string(first->line) + ")");
                    } else {
                        first = id.where;
                        parts_.data_kinds[*builtin].label = label;
                    }
                    return;
                }
                // The route engine keeps a route's possible kinds in one 64-bit mask.
                if (parts_.data_kinds.size() >= kMaxDataKinds) {
                    sink_.error(id.where, "more than " + std::to_string(kMaxDataKinds) +
                                              " data kinds; flowsim handles at most that many");
                    data_kind_ids_.add_broken(id.text);
                    return;
                }
                if (declare(data_kind_ids_, id,
                            static_cast<DataKindIndex>(parts_.data_kinds.size()), "data kind")) {
                    parts_.data_kinds.push_back({id.text, label});
                }
            });
    }

    void declare_parameters(YamlFields& fields, const YAML::Node& root) {
        for_each_entry(
            fields, root, "parameters", parameter_ids_,
            [&](const Field& id, const YAML::Node& value) {
                if (!declare(parameter_ids_, id,
                             static_cast<ParameterIndex>(parts_.parameters.size()), "parameter")) {
                    return;
                }
                if (!(id.text[0] >= 'a' && id.text[0] <= 'z') && id.text[0] != '_') {
                    sink_.error(id.where,
                                "parameter id " + in_quotes(id.text) +
                                    " must start with a letter or '_' to be usable in 'when'");
                } else if (is_keyword(id.text)) {
                    sink_.error(id.where, "parameter id " + in_quotes(id.text) +
                                              " is a keyword of 'when' expressions");
                }
                Parameter parameter;
                parameter.id = id.text;
                parameter.label = id.text;
                parameter.where = id.where;
                const std::string what = "parameter " + in_quotes(id.text);
                if (fields.check_mapping(value, what, kParameterKeys)) {
                    if (const auto field = fields.required(value, "default", what)) {
                        parameter.default_value = parse_bool(*field, "default").value_or(false);
                    }
                    if (const auto field = fields.scalar(value, "label")) {
                        parameter.label = field->text;
                    }
                    parameter.lever = optional_text(fields, value, "lever");
                    if (const auto field = fields.scalar(value, "cost")) {
                        const auto cost = parse_number(*field, "cost");
                        if (cost && *cost <= 0) {
                            sink_.error(field->where, "cost must be greater than 0, got " +
                                                          in_quotes(field->text));
                        }
                        parameter.cost = cost.value_or(1.0);
                        if (parameter.lever.empty()) {
                            sink_.error(field->where,
                                        "parameter " + in_quotes(id.text) +
                                            " has a cost but no lever; cost is the price "
                                            "of pulling the lever");
                        }
                    }
                }
                parts_.parameters.push_back(std::move(parameter));
            });
    }

    void declare_gates(YamlFields& fields, const YAML::Node& root) {
        for_each_entry(
            fields, root, "gates", gate_ids_, [&](const Field& id, const YAML::Node& value) {
                if (!declare(gate_ids_, id, static_cast<GateIndex>(parts_.gates.size()), "gate")) {
                    return;
                }
                Gate gate{id.text, id.text, id.where};
                if (!value.IsNull() &&
                    fields.check_mapping(value, "gate " + in_quotes(id.text), kGateKeys)) {
                    if (const auto field = fields.scalar(value, "label")) {
                        gate.label = field->text;
                    }
                }
                parts_.gates.push_back(std::move(gate));
            });
    }

    void read_yaml_node(YamlFields& fields, const YAML::Node& item) {
        if (!fields.check_mapping(item, "a node", kNodeKeys)) {
            node_ids_.mark_incomplete();
            return;
        }
        NodeFields node;
        node.where = fields.where(item);
        node.id = fields.required(item, "id", "a node");
        if (!node.id) {
            node_ids_.mark_incomplete();
        }
        node.kind = fields.required(item, "kind", "a node");
        node.label = fields.scalar(item, "label");
        node.note = fields.scalar(item, "note");
        node.tags = fields.list(item, "tags");
        node.produces = fields.list(item, "produces");
        if (const auto jurisdiction = YamlFields::find(item, "jurisdiction")) {
            if (fields.check_mapping(*jurisdiction, "a jurisdiction", kJurisdictionKeys)) {
                node.state = fields.scalar(*jurisdiction, "state");
                node.county = fields.scalar(*jurisdiction, "county");
                node.place = fields.scalar(*jurisdiction, "place");
            }
        }
        add_node(node);
    }

    void add_node(const NodeFields& fields) {
        if (!fields.id) {
            return;
        }
        if (parts_.nodes.size() >= limits_.max_nodes) {
            if (!node_limit_reported_) {
                node_limit_reported_ = true;
                sink_.error(fields.where, "more than " + std::to_string(limits_.max_nodes) +
                                              " nodes; the scenario is too large to load");
            }
            return;
        }
        if (!declare(node_ids_, *fields.id, static_cast<NodeIndex>(parts_.nodes.size()), "node")) {
            return;
        }
        Node node;
        node.id = fields.id->text;
        node.where = fields.where;
        node.label = fields.label && !fields.label->text.empty() ? fields.label->text : node.id;
        if (fields.note) {
            node.note = fields.note->text;
        }
        if (fields.kind) {
            if (const auto kind = parse_node_kind(fields.kind->text)) {
                node.kind = *kind;
            } else {
                sink_.error(fields.kind->where,
                            "node " + in_quotes(node.id) + " has unknown kind " +
                                in_quotes(fields.kind->text) +
                                did_you_mean(fields.kind->text, node_kind_names()));
            }
        }
        if (fields.state) {
            node.jurisdiction.state = parse_state(*fields.state);
        }
        if (fields.county && !fields.county->text.empty()) {
            node.jurisdiction.county = fields.county->text;
        }
        if (fields.place && !fields.place->text.empty()) {
            node.jurisdiction.place = fields.place->text;
        }
        if (fields.tags) {
            for (const Field& tag : *fields.tags) {
                if (!valid_id(tag.text)) {
                    sink_.error(tag.where, "tag " + in_quotes(tag.text) +
                                               " must be made of a-z, 0-9, '_', '.' and '-'");
                } else {
                    node.tags.push_back(tag.text);
                }
            }
            sort_unique(node.tags);
        }
        if (fields.produces) {
            node.produces = resolve_all(data_kind_ids_, *fields.produces, "data kind");
        }
        parts_.nodes.push_back(std::move(node));
    }

    // ---- Pass 2: everything that refers to declarations -------------------------------------

    void resolve_everything() {
        for (const Document& document : documents_) {
            if (document.type == DocumentType::kYaml) {
                YamlFields fields(document.file, document.text, sink_);
                for_each_item(fields, document.root, "edges", nullptr,
                              [&](const YAML::Node& item) { read_yaml_edge(fields, item); });
                for_each_item(fields, document.root, "policies", &policy_ids_,
                              [&](const YAML::Node& item) { read_policy(fields, item); });
                if (document.top) {
                    read_header(fields, document.root);
                    read_configurations(fields, document.root);
                    for_each_item(fields, document.root, "questions", &question_ids_,
                                  [&](const YAML::Node& item) { read_question(fields, item); });
                } else if (const auto version = fields.scalar(document.root, "flowsim")) {
                    check_version(*version);
                }
            } else if (document.type == DocumentType::kEdgeTable) {
                read_table(document, kEdgeColumns, kRequiredEdgeColumns, "edge",
                           [&](EdgeFields&& edge) { add_edge(edge); });
            }
        }
    }

    void check_version(const Field& version) {
        if (version.text != "1") {
            sink_.error(version.where, "unsupported format version " + in_quotes(version.text) +
                                           "; this flowsim reads 'flowsim: 1'");
        }
    }

    void read_header(YamlFields& fields, const YAML::Node& root) {
        if (const auto version = fields.required(root, "flowsim", "the scenario")) {
            check_version(*version);
        }
        parts_.title = optional_text(fields, root, "title");
        parts_.description = optional_text(fields, root, "description");
        if (const auto as_of = fields.scalar(root, "as_of")) {
            parts_.as_of = parse_date(*as_of, "as_of");
        }
    }

    void read_yaml_edge(YamlFields& fields, const YAML::Node& item) {
        if (!fields.check_mapping(item, "an edge", kEdgeKeys)) {
            return;
        }
        EdgeFields edge;
        edge.where = fields.where(item);
        edge.id = fields.scalar(item, "id");
        edge.from = fields.required(item, "from", "an edge");
        edge.to = fields.required(item, "to", "an edge");
        edge.mechanism = fields.scalar(item, "mechanism");
        edge.when = fields.scalar(item, "when");
        edge.status = fields.scalar(item, "status");
        edge.likelihood = fields.scalar(item, "likelihood");
        edge.cut_cost = fields.scalar(item, "cut_cost");
        edge.since = fields.scalar(item, "since");
        edge.until = fields.scalar(item, "until");
        edge.note = fields.scalar(item, "note");
        edge.carries = fields.list(item, "carries");
        if (const auto carries = YamlFields::find(item, "carries")) {
            edge.carries_where = fields.where(*carries);
        } else {
            fields.error(item, "missing required key 'carries' in an edge");
        }
        edge.gates = fields.list(item, "gates");
        edge.sources = fields.list(item, "sources");
        if (const auto convert = YamlFields::find(item, "convert")) {
            if (!convert->IsMap()) {
                fields.error(*convert,
                             "expected 'convert' to be a mapping such as "
                             "{footage: plate_read}, got " +
                                 YamlFields::shape(*convert));
            } else {
                for (const auto& entry : *convert) {
                    auto from = fields.as_scalar(entry.first, "a data kind in 'convert'");
                    auto to = fields.as_scalar(entry.second, "a data kind in 'convert'");
                    if (from && to) {
                        edge.convert.emplace_back(std::move(*from), std::move(*to));
                    }
                }
            }
        }
        add_edge(edge);
    }

    void add_edge(const EdgeFields& fields) {
        if (!fields.from || !fields.to) {
            return;
        }
        if (parts_.edges.size() >= limits_.max_edges) {
            if (!edge_limit_reported_) {
                edge_limit_reported_ = true;
                sink_.error(fields.where, "more than " + std::to_string(limits_.max_edges) +
                                              " edges; the scenario is too large to load");
            }
            return;
        }
        Edge edge;
        edge.where = fields.where;
        if (fields.id && !fields.id->text.empty()) {
            edge.id = fields.id->text;
            declare(edge_ids_, *fields.id, static_cast<std::uint32_t>(parts_.edges.size()), "edge");
        }
        const auto from_index = node_ids_.find(fields.from->text);
        const auto to_index = node_ids_.find(fields.to->text);
        if (edge.id.empty()) {
            // "<from>-><to>", and "#2", "#3"... for later id-less edges between the same pair.
            // Known pairs are counted by node indices, which is cheaper than by text.
            edge.id = fields.from->text + "->" + fields.to->text;
            const int count =
                from_index && to_index
                    ? unnamed_pair_counts_.add((std::uint64_t{*from_index} << 32) | *to_index)
                    : ++unnamed_edge_counts_[edge.id];
            if (count > 1) {
                edge.id += "#" + std::to_string(count);
            }
        }
        // Built only for a message: a national network has millions of edges and no errors.
        const auto name = [&edge] {
            return "edge " + in_quotes(edge.id);
        };
        const auto unknown_node = [&name] {
            return name() + " names unknown node ";
        };
        const auto from =
            from_index ? from_index : resolve(node_ids_, *fields.from, "node", unknown_node);
        const auto to = to_index ? to_index : resolve(node_ids_, *fields.to, "node", unknown_node);
        if (from && to && *from == *to) {
            sink_.error(fields.to->where, name() + " goes from a node to itself");
        }
        edge.from = from.value_or(0);
        edge.to = to.value_or(0);
        if (fields.carries) {
            edge.carries = resolve_all(data_kind_ids_, *fields.carries, "data kind");
            if (fields.carries->empty()) {
                sink_.error(fields.carries_where.line > 0 ? fields.carries_where : fields.where,
                            name() + " carries nothing; 'carries' needs at least one data kind");
            }
        }
        if (fields.mechanism) {
            edge.mechanism = fields.mechanism->text;
        }
        if (fields.when) {
            edge.when = parse_when(*fields.when);
            edge.when_where = fields.when->where;
        }
        if (fields.gates) {
            edge.gates = resolve_all(gate_ids_, *fields.gates, "gate");
        }
        if (fields.status) {
            edge.status = parse_status(*fields.status).value_or(Evidence::kHypothetical);
        }
        if (fields.sources) {
            edge.sources = resolve_all(source_ids_, *fields.sources, "source");
        }
        if (fields.likelihood) {
            if (const auto p = parse_number(*fields.likelihood, "likelihood")) {
                if (!(*p > 0 && *p <= 1)) {
                    sink_.error(fields.likelihood->where,
                                "likelihood must be greater than 0 and at "
                                "most 1, got " +
                                    in_quotes(fields.likelihood->text));
                }
                edge.likelihood = *p;
            }
        }
        if (fields.cut_cost) {
            if (const auto cost = parse_number(*fields.cut_cost, "cut_cost")) {
                if (*cost <= 0) {
                    sink_.error(fields.cut_cost->where, "cut_cost must be greater than 0, got " +
                                                            in_quotes(fields.cut_cost->text));
                }
                edge.cut_cost = *cost;
            }
        }
        for (const auto& [from_kind, to_kind] : fields.convert) {
            const auto in = resolve(data_kind_ids_, from_kind, "data kind", "unknown data kind ");
            const auto out = resolve(data_kind_ids_, to_kind, "data kind", "unknown data kind ");
            if (!in || !out) {
                continue;
            }
            if (!edge.carries_kind(*in) && fields.carries) {
                sink_.error(from_kind.where, name() + " converts " + in_quotes(from_kind.text) +
                                                 ", which it does not carry");
            }
            if (std::any_of(edge.convert.begin(), edge.convert.end(),
                            [&](const Conversion& c) { return c.from == *in; })) {
                sink_.error(from_kind.where,
                            name() + " converts " + in_quotes(from_kind.text) + " twice");
                continue;
            }
            edge.convert.push_back({*in, *out});
        }
        std::sort(edge.convert.begin(), edge.convert.end(),
                  [](const Conversion& a, const Conversion& b) { return a.from < b.from; });
        edge.in_force = parse_window(fields.since, fields.until);
        if (fields.note) {
            edge.note = fields.note->text;
        }
        parts_.edges.push_back(std::move(edge));
    }

    void read_policy(YamlFields& fields, const YAML::Node& item) {
        if (!fields.check_mapping(item, "a policy", kPolicyKeys)) {
            return;
        }
        Policy policy;
        policy.where = fields.where(item);
        const auto id = fields.required(item, "id", "a policy");
        if (id) {
            policy.id = id->text;
            declare(policy_ids_, *id, static_cast<std::uint32_t>(parts_.policies.size()), "policy");
        }
        const std::string what = id ? "policy " + in_quotes(policy.id) : "a policy";
        policy.label = optional_text(fields, item, "label");
        if (policy.label.empty()) {
            policy.label = policy.id;
        }
        policy.note = optional_text(fields, item, "note");
        if (const auto when = fields.scalar(item, "when")) {
            policy.when = parse_when(*when);
            policy.when_where = when->where;
        }
        if (const auto sources = fields.list(item, "sources")) {
            policy.sources = resolve_all(source_ids_, *sources, "source");
        }
        policy.in_force = parse_window(fields.scalar(item, "since"), fields.scalar(item, "until"));
        const auto deny = YamlFields::find(item, "deny");
        if (!deny) {
            fields.error(item, "missing required key 'deny' in " + what);
        } else if (fields.check_mapping(*deny, "'deny'", kDenyKeys)) {
            if (const auto carries = fields.list(*deny, "carries")) {
                policy.deny.carries = resolve_all(data_kind_ids_, *carries, "data kind");
            }
            policy.deny.origin = read_matcher(fields, *deny, "origin", 0);
            policy.deny.from = read_matcher(fields, *deny, "from", 0);
            policy.deny.to = read_matcher(fields, *deny, "to", 0);
        }
        parts_.policies.push_back(std::move(policy));
    }

    std::optional<Matcher> read_matcher(YamlFields& fields,
                                        const YAML::Node& parent,
                                        std::string_view key,
                                        int depth) {
        const auto node = YamlFields::find(parent, key);
        if (!node) {
            return std::nullopt;
        }
        if (depth >= kMaxMatcherDepth) {
            fields.error(*node, "matcher nested more than " + std::to_string(kMaxMatcherDepth) +
                                    " levels deep");
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
                    sink_.error(kind.where, "unknown node kind " + in_quotes(kind.text) +
                                                did_you_mean(kind.text, node_kind_names()));
                }
            }
        }
        if (const auto states = fields.list(*node, "state")) {
            for (const Field& state : *states) {
                if (auto parsed = parse_state(state)) {
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
                if (!node_tags().count(tag.text)) {
                    std::vector<std::string_view> known(node_tags().begin(), node_tags().end());
                    sink_.error(tag.where, "no node has tag " + in_quotes(tag.text) +
                                               did_you_mean(tag.text, known));
                }
                matcher.tags.push_back(tag.text);
            }
        }
        if (const auto ids = fields.list(*node, "id")) {
            matcher.ids = resolve_all(node_ids_, *ids, "node");
        }
        if (YamlFields::find(*node, "not")) {
            if (auto negated = read_matcher(fields, *node, "not", depth + 1)) {
                matcher.negated = std::make_shared<const Matcher>(std::move(*negated));
            }
        }
        return matcher;
    }

    void read_configurations(YamlFields& fields, const YAML::Node& root) {
        for_each_entry(
            fields, root, "configurations", configuration_ids_,
            [&](const Field& id, const YAML::Node& value) {
                if (!declare(configuration_ids_, id,
                             static_cast<ConfigurationIndex>(parts_.configurations.size()),
                             "configuration")) {
                    return;
                }
                Configuration configuration{id.text, {}, id.where};
                if (!value.IsNull() && !value.IsMap()) {
                    fields.error(value,
                                 "expected configuration " + in_quotes(id.text) +
                                     " to be a mapping of parameters to true or false, got " +
                                     YamlFields::shape(value));
                } else if (value.IsMap()) {
                    // Any key is allowed here; each must name a parameter.
                    fields.check_mapping(value, "configuration " + in_quotes(id.text), {});
                    for (const auto& entry : value) {
                        const auto name = fields.as_scalar(entry.first, "a parameter");
                        const auto setting = fields.as_scalar(entry.second, "a parameter value");
                        if (!name || !setting) {
                            continue;
                        }
                        const auto parameter = resolve(
                            parameter_ids_, *name, "parameter",
                            "configuration " + in_quotes(id.text) + " names unknown parameter ");
                        const auto flag = parse_bool(*setting, name->text);
                        if (parameter && flag) {
                            configuration.values.emplace_back(*parameter, *flag);
                        }
                    }
                    std::sort(configuration.values.begin(), configuration.values.end());
                }
                parts_.configurations.push_back(std::move(configuration));
            });
    }

    void read_question(YamlFields& fields, const YAML::Node& item) {
        if (!fields.check_mapping(item, "a question", kQuestionKeys)) {
            return;
        }
        Question question;
        question.where = fields.where(item);
        const std::size_t index = parts_.questions.size();
        if (const auto id = fields.required(item, "id", "a question")) {
            question.id = id->text;
            declare(question_ids_, *id, static_cast<std::uint32_t>(index), "question");
        }
        question.description = optional_text(fields, item, "description");
        using Role = PendingSelector::Role;
        const auto selector = [&](std::string_view key, Role role) {
            auto field = fields.scalar(item, key);
            if (!field) {
                return false;
            }
            std::vector<SelectorError> errors;
            Selector parsed = parse_selector(field->text, errors);
            for (const SelectorError& error : errors) {
                sink_.error(field->at(error.offset), error.message);
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
            pending_selectors_.push_back({index, role, std::move(*field)});
            return true;
        };
        if (!selector("from", Role::kFrom)) {
            fields.error(item, "missing required key 'from' in a question");
        }
        if (!selector("to", Role::kTo)) {
            std::vector<SelectorError> unused;
            question.to = parse_selector("tag:ice", unused);
            default_target_questions_.push_back(index);
        }
        selector("via", Role::kVia);
        selector("avoid", Role::kAvoid);
        if (const auto data = fields.scalar(item, "data")) {
            question.data = resolve(data_kind_ids_, *data, "data kind", "unknown data kind ");
        }
        if (const auto configuration = fields.scalar(item, "configuration")) {
            question.configuration = resolve(configuration_ids_, *configuration, "configuration",
                                             "unknown configuration ");
        }
        if (const auto without = fields.list(item, "without")) {
            question.without = resolve_all(gate_ids_, *without, "gate");
        }
        if (const auto as_of = fields.scalar(item, "as_of")) {
            question.as_of = parse_date(*as_of, "as_of");
        }
        if (const auto floor = fields.scalar(item, "min_evidence")) {
            question.min_evidence = parse_status(*floor);
        }
        if (const auto expect = fields.required(item, "expect", "a question")) {
            if (expect->text == "reachable" || expect->text == "unreachable") {
                question.expect_reachable = expect->text == "reachable";
            } else {
                sink_.error(expect->where, "expect must be 'reachable' or 'unreachable', got " +
                                               in_quotes(expect->text) +
                                               did_you_mean(expect->text, kExpectValues));
            }
        }
        parts_.questions.push_back(std::move(question));
    }

    // Selectors name nodes, tags and kinds; they are checked against the finished scenario.
    void check_question_selectors(const Scenario& scenario) {
        for (const PendingSelector& pending : pending_selectors_) {
            const Question& question = scenario.questions()[pending.question];
            for (const SelectorError& error :
                 selector_errors(scenario, selector_of(question, pending.role))) {
                sink_.error(pending.field.at(error.offset), error.message);
            }
        }
    }

    // ---- CSV tables ---------------------------------------------------------------------------

    // Reads a node or edge table: checks the header against `columns`, then hands each
    // row's fields to `add` as NodeFields or EdgeFields.
    template <typename Add>
    void read_table(const Document& document,
                    const Keys& columns,
                    const Keys& required_columns,
                    std::string_view noun,
                    Add add) {
        std::vector<int> column_of_cell;  // header position -> index into `columns`, or -1
        bool header_done = false;
        std::vector<CsvError> errors;
        read_csv(
            document.text,
            [&](const std::vector<CsvCell>& cells) {
                if (!header_done) {
                    header_done = true;
                    read_header_row(document.file, cells, columns, noun, column_of_cell);
                    return true;
                }
                if (cells.size() != column_of_cell.size()) {
                    sink_.error({document.file, cells.front().line, 1},
                                "row has " + std::to_string(cells.size()) +
                                    " fields, the header has " +
                                    std::to_string(column_of_cell.size()));
                    return true;
                }
                using Fields = std::conditional_t<std::is_invocable_v<Add, NodeFields&&>,
                                                  NodeFields, EdgeFields>;
                Fields fields;
                fields.where = {document.file, cells.front().line, 1};
                for (std::size_t i = 0; i < cells.size(); ++i) {
                    if (column_of_cell[i] < 0) {
                        continue;
                    }
                    const std::string_view column =
                        columns[static_cast<std::size_t>(column_of_cell[i])];
                    const bool required =
                        std::find(required_columns.begin(), required_columns.end(), column) !=
                        required_columns.end();
                    if (cells[i].text.empty()) {
                        if (required) {
                            sink_.error({document.file, cells[i].line, cells[i].column},
                                        "empty " + in_quotes(column) + " in a " +
                                            std::string(noun) + " table row; it is required");
                        }
                        continue;  // an empty optional cell is an absent value
                    }
                    if (auto field = cell_field(document.file, cells[i])) {
                        assign_cell(fields, column, std::move(*field));
                    } else if (column == "id" && noun == "node") {
                        node_ids_.mark_incomplete();  // a node we cannot name
                    }
                }
                add(std::move(fields));
                return true;
            },
            errors);
        for (const CsvError& error : errors) {
            sink_.error({document.file, error.line, error.column}, error.message);
        }
    }

    void read_header_row(const std::string& file,
                         const std::vector<CsvCell>& cells,
                         const Keys& columns,
                         std::string_view noun,
                         std::vector<int>& column_of_cell) {
        std::vector<bool> seen(columns.size(), false);
        for (const CsvCell& cell : cells) {
            const auto known = std::find(columns.begin(), columns.end(), cell.text);
            if (known == columns.end()) {
                sink_.error({file, cell.line, cell.column},
                            "unknown column " + in_quotes(cell.text) + " in the " +
                                std::string(noun) + " table" + did_you_mean(cell.text, columns));
                column_of_cell.push_back(-1);
                continue;
            }
            const auto index = static_cast<std::size_t>(known - columns.begin());
            if (seen[index]) {
                sink_.error({file, cell.line, cell.column},
                            "duplicate column " + in_quotes(cell.text));
                column_of_cell.push_back(-1);
                continue;
            }
            seen[index] = true;
            column_of_cell.push_back(static_cast<int>(index));
        }
        if (noun == "edge" && !seen[3]) {
            sink_.error({file, 1, 1}, "an edge table needs a 'carries' column");
        }
    }

    // The cell as a Field, or nothing (after reporting) when it is not text.
    std::optional<Field> cell_field(const std::string& file, const CsvCell& cell) {
        Field field{
            std::string(cell.text), {file, cell.line, cell.column + (cell.quoted ? 1 : 0)}, false};
        // Doubled quotes make the text shorter than the source; positions then fall back
        // to the cell's start.
        field.columns_exact = field.text.find_first_of("\n\"") == std::string::npos;
        if (const auto problem = detail::text_problem(field.text)) {
            sink_.error(field.at(problem->offset), problem->message);
            return std::nullopt;
        }
        return field;
    }

    // A list cell: items separated by ';', each with its own column.
    static std::vector<Field> split_list(const Field& cell) {
        std::vector<Field> items;
        std::size_t start = 0;
        while (start <= cell.text.size()) {
            std::size_t end = cell.text.find(';', start);
            if (end == std::string::npos) {
                end = cell.text.size();
            }
            std::size_t first = start;
            std::size_t last = end;
            while (first < last && cell.text[first] == ' ') {
                ++first;
            }
            while (last > first && cell.text[last - 1] == ' ') {
                --last;
            }
            if (last > first) {
                items.push_back(
                    {cell.text.substr(first, last - first), cell.at(first), cell.columns_exact});
            }
            start = end + 1;
        }
        return items;
    }

    static void assign_cell(NodeFields& node, std::string_view column, Field field) {
        if (column == "tags" || column == "produces") {
            (column == "tags" ? node.tags : node.produces) = split_list(field);
            return;
        }
        std::optional<Field>* target = column == "id"       ? &node.id
                                       : column == "kind"   ? &node.kind
                                       : column == "label"  ? &node.label
                                       : column == "state"  ? &node.state
                                       : column == "county" ? &node.county
                                                            : &node.place;
        *target = std::move(field);
    }

    static void assign_cell(EdgeFields& edge, std::string_view column, Field field) {
        if (column == "carries" || column == "sources") {
            (column == "carries" ? edge.carries : edge.sources) = split_list(field);
            return;
        }
        std::optional<Field>* target = column == "from"         ? &edge.from
                                       : column == "to"         ? &edge.to
                                       : column == "id"         ? &edge.id
                                       : column == "mechanism"  ? &edge.mechanism
                                       : column == "when"       ? &edge.when
                                       : column == "status"     ? &edge.status
                                       : column == "likelihood" ? &edge.likelihood
                                       : column == "cut_cost"   ? &edge.cut_cost
                                       : column == "since"      ? &edge.since
                                       : column == "until"      ? &edge.until
                                                                : &edge.note;
        *target = std::move(field);
    }

    // ---- Values ---------------------------------------------------------------------------------

    std::optional<std::uint32_t> resolve(const IdTable& table,
                                         const Field& field,
                                         std::string_view noun,
                                         const std::string& prefix) {
        return resolve(table, field, noun, [&prefix] { return prefix; });
    }

    // As above, with the message's start made by `prefix()` only when there is a message.
    template <typename Prefix, typename = std::enable_if_t<std::is_invocable_v<Prefix>>>
    std::optional<std::uint32_t> resolve(const IdTable& table,
                                         const Field& field,
                                         std::string_view noun,
                                         const Prefix& prefix_of) {
        if (const auto index = table.find(field.text)) {
            return index;
        }
        if (!table.worth_reporting(field.text)) {
            return std::nullopt;  // a consequence of an error already reported
        }
        std::string hint;
        if (++hinted_errors_ <= kMaxHintedErrors) {
            hint = did_you_mean(field.text, table.names());
        }
        const std::string prefix = prefix_of();
        sink_.error(field.where, prefix.empty() ? "unknown " + std::string(noun) + " " +
                                                      in_quotes(field.text) + hint
                                                : prefix + in_quotes(field.text) + hint);
        return std::nullopt;
    }

    // Resolves every item, ascending and distinct; unknown items are reported and dropped.
    std::vector<std::uint32_t> resolve_all(const IdTable& table,
                                           const std::vector<Field>& items,
                                           std::string_view noun) {
        std::vector<std::uint32_t> result;
        for (const Field& item : items) {
            if (const auto index = resolve(table, item, noun, {})) {
                result.push_back(*index);
            }
        }
        sort_unique(result);
        return result;
    }

    template <typename T>
    static void sort_unique(std::vector<T>& values) {
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
    }

    Expression parse_when(const Field& field) {
        ParsedExpression parsed = parse_expression(field.text);
        if (parsed.error) {
            sink_.error(field.at(parsed.error->offset),
                        "invalid 'when' expression: " + parsed.error->message);
            return {};
        }
        Expression& expression = parsed.expression;
        for (std::uint32_t i = 0; i < expression.terms().size(); ++i) {
            const Expression::Term& term = expression.terms()[i];
            if (term.op != Expression::Op::kParameter) {
                continue;
            }
            if (const auto parameter = parameter_ids_.find(term.name)) {
                expression.bind(i, *parameter);
            } else {
                sink_.error(field.at(term.offset),
                            "unknown parameter " + in_quotes(term.name) + " in 'when'" +
                                did_you_mean(term.name, parameter_ids_.names()));
            }
        }
        return std::move(parsed.expression);
    }

    std::optional<Date> parse_date(const Field& field, std::string_view key) {
        const auto date = Date::parse(field.text);
        if (!date) {
            sink_.error(field.where, "expected a date YYYY-MM-DD for '" + std::string(key) +
                                         "', got " + in_quotes(field.text));
        }
        return date;
    }

    DateWindow parse_window(const std::optional<Field>& since, const std::optional<Field>& until) {
        DateWindow window;
        if (since) {
            window.since = parse_date(*since, "since");
        }
        if (until) {
            window.until = parse_date(*until, "until");
        }
        if (window.since && window.until && !(*window.since < *window.until)) {
            sink_.error(until->where, "'until' (" + window.until->to_string() +
                                          ") must come after 'since' (" +
                                          window.since->to_string() + "); 'until' is exclusive");
        }
        return window;
    }

    std::optional<double> parse_number(const Field& field, std::string_view key) {
        const std::string& text = field.text;
        const bool plain =
            !text.empty() && text.find_first_not_of("0123456789.eE+-") == std::string::npos;
        char* end = nullptr;
        const double value = plain ? std::strtod(text.c_str(), &end) : 0.0;
        if (!plain || end != text.c_str() + text.size() || !std::isfinite(value)) {
            sink_.error(field.where,
                        "expected a number for '" + std::string(key) + "', got " + in_quotes(text));
            return std::nullopt;
        }
        return value;
    }

    std::optional<bool> parse_bool(const Field& field, std::string_view key) {
        if (field.text == "true" || field.text == "false") {
            return field.text == "true";
        }
        sink_.error(field.where, "expected true or false for '" + std::string(key) + "', got " +
                                     in_quotes(field.text));
        return std::nullopt;
    }

    std::optional<Evidence> parse_status(const Field& field) {
        const auto status = parse_evidence(field.text);
        if (!status) {
            sink_.error(field.where, "unknown status " + in_quotes(field.text) +
                                         "; use one of "
                                         "documented, reported, alleged, announced, hypothetical" +
                                         did_you_mean(field.text, kEvidenceNames));
        }
        return status;
    }

    std::optional<std::string> parse_state(const Field& field) {
        const std::string& text = field.text;
        if (text.size() != 2 || !std::isupper(static_cast<unsigned char>(text[0])) ||
            !std::isupper(static_cast<unsigned char>(text[1]))) {
            sink_.error(field.where,
                        "expected a two-letter state code such as 'IL', got " + in_quotes(text));
            return std::nullopt;
        }
        return text;
    }

    const std::unordered_set<std::string>& node_tags() {
        if (node_tags_.empty()) {
            for (const Node& node : parts_.nodes) {
                node_tags_.insert(node.tags.begin(), node.tags.end());
            }
        }
        return node_tags_;
    }

    // ---- Result ---------------------------------------------------------------------------------

    LoadResult finish(const std::string& display_name) {
        LoadResult result;
        for (std::size_t index : default_target_questions_) {
            if (!node_tags().count("ice")) {
                sink_.error(parts_.questions[index].where,
                            "question " + in_quotes(parts_.questions[index].id) +
                                " has no 'to', and no node has the default target tag 'ice'");
            }
        }
        // The scenario is built even when there are errors, so that question selectors are
        // checked in the same run; it is handed out only when nothing is wrong.
        Scenario scenario(std::move(parts_));
        check_question_selectors(scenario);
        if (sink_.error_count() == 0) {
            result.scenario.emplace(std::move(scenario));
        }
        result.diagnostics = sink_.take(display_name);
        result.content_hash = content_hash(texts_);
        if (!result.diagnostics.empty()) {
            result.texts = std::move(texts_);
        }
        return result;
    }

    static std::string content_hash(const std::map<std::string, std::string>& texts) {
        std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a
        const auto mix = [&hash](std::string_view bytes) {
            for (const char c : bytes) {
                hash ^= static_cast<unsigned char>(c);
                hash *= 1099511628211ULL;
            }
        };
        for (const auto& entry : texts) {
            mix(std::to_string(entry.second.size()) + ":");
            mix(entry.second);
        }
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "fnv1a64:%016llx",
                      static_cast<unsigned long long>(hash));
        return buffer;
    }

    LoadLimits limits_;
    DiagnosticSink sink_;
    std::map<std::string, std::string> texts_;
    std::unordered_set<std::string> opened_;
    std::vector<Document> documents_;
    ScenarioParts parts_;
    IdTable source_ids_, data_kind_ids_, parameter_ids_, gate_ids_, node_ids_, edge_ids_,
        policy_ids_, configuration_ids_, question_ids_;
    std::optional<SourceLocation> builtin_declared_at_[2];      // footage, plate_read
    std::unordered_map<std::string, int> unnamed_edge_counts_;  // pairs with an unknown node
    detail::PairCounter unnamed_pair_counts_;                   // (from << 32) | to
    std::vector<PendingSelector> pending_selectors_;
    std::vector<std::size_t> default_target_questions_;
    std::unordered_set<std::string> node_tags_;
    std::size_t hinted_errors_ = 0;
    bool node_limit_reported_ = false;
    bool edge_limit_reported_ = false;
};

}  // namespace

LoadResult load_scenario(std::string_view text,
                         const std::string& display_name,
                         const LoadLimits& limits) {
    Loader loader(limits);
    if (text.size() > limits.max_file_bytes) {
        LoadResult result;
        result.diagnostics.push_back({Severity::kError,
                                      {display_name, 0, 0},
                                      "the file is larger than the limit of " +
                                          std::to_string(limits.max_file_bytes) + " bytes"});
        return result;
    }
    return loader.run(std::string(text), display_name);
}

LoadResult load_scenario_file(const std::string& path, const LoadLimits& limits) {
    std::string why;
    const auto content = read_text_file(path, limits.max_file_bytes, why);
    if (!content) {
        LoadResult result;
        result.diagnostics.push_back(
            {Severity::kError, {path, 0, 0}, "cannot read " + in_quotes(path) + ": " + why});
        return result;
    }
    return load_scenario(*content, path, limits);
}

}  // namespace flowsim::io
