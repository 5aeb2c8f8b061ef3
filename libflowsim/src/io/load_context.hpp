#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/scenario.hpp>
#include <flowsim/spelling.hpp>

#include "diagnostic_sink.hpp"
#include "id_table.hpp"
#include "input_files.hpp"
#include "yaml_fields.hpp"

// The state the loader's passes share, and the value checks they all use. The passes:
// scenario_files (open files, follow includes) -> declarations (sources, data kinds,
// parameters, gates, then nodes) -> references (edges, policies, the header,
// configurations, questions) -> scenario_loader.cpp (build the Scenario).
namespace flowsim::io::detail {

using Keys = std::vector<std::string_view>;

/// Did-you-mean searches scan every declared name; past this many they are skipped.
constexpr std::size_t kMaxHintedErrors = 200;

/// True when `id` is non-empty and made of a-z, 0-9, '_', '.' and '-'.
bool valid_id(std::string_view id);

enum class DocumentType { kYaml, kNodeTable, kEdgeTable };

/// One file of the scenario, opened: a YAML document or a CSV table.
struct Document {
    FileName file;  ///< display name
    DocumentType type = DocumentType::kYaml;
    std::string text;  ///< CSV only; let go once the table is read
    YamlTree tree;     ///< YAML only
    bool top = false;

    YamlNode root() const { return tree.root(); }
};

/// A question's selector, checked once the scenario exists.
struct PendingSelector {
    enum class Role { kFrom, kTo, kVia, kAvoid };
    std::size_t question = 0;
    Role role = Role::kFrom;
    Field field;
};

/// Most a `cost` or `cut_cost` may be. Costs are summed over every lever, and in
/// thousandths as 64-bit integers by the max-flow cut: a million per lever keeps every
/// total finite and exact.
constexpr double kMaxCost = 1'000'000;

/// The error for a cost over kMaxCost.
inline std::string too_costly(std::string_view key, const std::string& text) {
    return std::string(key) + " must be at most 1000000 (costs are added up), got " +
           in_quotes(text);
}

/// Everything the passes share: the limits, the diagnostics, the files' texts, the parts
/// of the scenario built so far and the ids declared so far. Every check reports to
/// `sink` and never throws.
struct LoadContext {
    explicit LoadContext(const LoadLimits& load_limits)
        : limits(load_limits), sink(load_limits.max_errors), files(load_limits) {}

    /// Declares `id` at `index` in `table` after checking its spelling; reports a
    /// misspelt or duplicate id (naming where it was first declared). False when the id
    /// cannot be used.
    bool declare(IdTable& table, const Field& id, std::uint32_t index, std::string_view noun);

    /// The scalar under `key`, or "" when it is absent or not a scalar (reported).
    std::string optional_text(YamlFields& fields, const YamlNode& map, std::string_view key);

    /// Reports any `flowsim:` version other than 1.
    void check_version(const Field& version);

    /// The index `field` names in `table`; an unknown name is reported as `prefix` then
    /// the name (or "unknown NOUN 'name'" when `prefix` is empty), with a did-you-mean.
    std::optional<std::uint32_t> resolve(const IdTable& table,
                                         const Field& field,
                                         std::string_view noun,
                                         const std::string& prefix);

    /// Resolves every item, ascending and distinct; unknown items are reported and dropped.
    IndexList resolve_all(const IdTable& table,
                          const std::vector<Field>& items,
                          std::string_view noun);

    /// A `when` expression with its parameters bound; errors point into the text.
    Expression parse_when(const Field& field);
    /// An ISO date; `key` names the field in the message.
    std::optional<Date> parse_date(const Field& field, std::string_view key);
    /// `since` and `until` as a window, checked by check_window.
    DateWindow parse_window(const std::optional<Field>& since, const std::optional<Field>& until);
    /// 'until' is exclusive, so it must come after 'since'; reported at `until`.
    void check_window(const DateWindow& window, const Field& until);
    /// A finite decimal number.
    std::optional<double> parse_number(const Field& field, std::string_view key);
    /// A number from 0 to 1 (a gate's `probability`); 1 after reporting anything else.
    double parse_probability(const Field& field, std::string_view key);
    /// A duration (parse_duration: `30m`, `6h`, `3d`); problems point at the offending byte.
    std::optional<Seconds> parse_duration(const Field& field, std::string_view key);
    /// `true` or `false`.
    std::optional<bool> parse_bool(const Field& field, std::string_view key);
    /// One of the five statuses, with a did-you-mean.
    std::optional<Evidence> parse_status(const Field& field);
    /// A two-letter upper-case state code.
    std::optional<std::string> parse_state(const Field& field);

    /// Every tag of the nodes declared so far; computed once, on first use after the
    /// declarations pass.
    const std::unordered_set<std::string>& node_tags();

    /// As above, with the message's start made by `prefix()` only when there is a message.
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
        if (++hinted_errors <= kMaxHintedErrors) {
            hint = did_you_mean(field.text, table.names());
        }
        const std::string prefix = prefix_of();
        sink.error(field.where, prefix.empty() ? "unknown " + std::string(noun) + " " +
                                                     in_quotes(field.text) + hint
                                               : prefix + in_quotes(field.text) + hint);
        return std::nullopt;
    }

    LoadLimits limits;
    DiagnosticSink sink;
    InputFiles files;                        ///< every file read
    std::unordered_set<std::string> opened;  ///< real paths, each included once
    std::vector<std::string> include_roots;  ///< folders includes may reach (real paths)
    std::uint64_t alias_nodes = 0;           ///< nodes aliases stand for, in all files
    std::vector<Document> documents;         ///< in include order, top first
    ScenarioParts parts;
    IdTable source_ids, data_kind_ids, parameter_ids, gate_ids, node_ids, edge_ids, policy_ids,
        configuration_ids, question_ids;
    std::optional<SourceLocation> builtin_declared_at[2];      ///< footage, plate_read
    std::unordered_map<std::string, int> unnamed_edge_counts;  ///< pairs with an unknown node
    PairCounter unnamed_pair_counts;                           ///< (from << 32) | to
    std::unordered_map<std::string, Expression> parsed_whens;  ///< by text, without errors
    std::vector<PendingSelector> pending_selectors;
    std::vector<std::size_t> default_target_questions;
    std::unordered_set<std::string> node_tags_seen;  ///< filled by node_tags()
    std::size_t hinted_errors = 0;
    bool node_limit_reported = false;
    bool edge_limit_reported = false;
};

/// Calls `visit` for each entry of the mapping under `key` (a null value is empty).
/// When some entries cannot be read, `declared` is marked incomplete.
template <typename Visit>
void for_each_entry(YamlFields& fields,
                    const YamlNode& root,
                    std::string_view key,
                    IdTable& declared,
                    Visit visit) {
    const auto section = YamlFields::find(root, key);
    if (!section || section->is_null()) {
        return;
    }
    if (!section->is_map()) {
        fields.error(*section, "expected '" + std::string(key) + "' to be a mapping of ids, got " +
                                   YamlFields::shape(*section));
        declared.mark_incomplete();
        return;
    }
    for (const auto entry : section->entries()) {
        if (auto id = fields.as_scalar(entry.key, "an id in '" + std::string(key) + "'")) {
            visit(*id, entry.value);
        } else {
            declared.mark_incomplete();
        }
    }
}

/// Calls `visit` for each item of the sequence under `key` (a null value is empty).
/// When the section cannot be read, `declared` (if any) is marked incomplete.
template <typename Visit>
void for_each_item(YamlFields& fields,
                   const YamlNode& root,
                   std::string_view key,
                   IdTable* declared,
                   Visit visit) {
    const auto section = YamlFields::find(root, key);
    if (!section || section->is_null()) {
        return;
    }
    if (!section->is_sequence()) {
        fields.error(*section, "expected '" + std::string(key) + "' to be a list, got " +
                                   YamlFields::shape(*section));
        if (declared != nullptr) {
            declared->mark_incomplete();
        }
        return;
    }
    for (const YamlNode item : section->items()) {
        visit(item);
    }
}

template <typename T>
void sort_unique(std::vector<T>& values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
}

}  // namespace flowsim::io::detail
