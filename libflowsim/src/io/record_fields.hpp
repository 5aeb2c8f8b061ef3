#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <flowsim/io/csv_reader.hpp>
#include <flowsim/source_location.hpp>
#include <flowsim/spelling.hpp>

#include "diagnostic_sink.hpp"
#include "yaml_fields.hpp"

namespace flowsim::io::detail {

/// A list as written: its items, and where the list itself starts.
struct FieldList {
    std::vector<Field> items;
    SourceLocation where;
};

/// One `from: to` entry of a mapping such as `convert` (in CSV, `from>to`).
struct FieldPair {
    Field from;
    Field to;
};

/// A mapping of pairs as written, and where it starts.
struct FieldPairs {
    std::vector<FieldPair> items;
    SourceLocation where;
};

/// A value written alone or as a range: `3d`, or `{min: 1d, max: 7d}` (in CSV, `1d..7d`).
struct FieldRange {
    Field min;                 ///< the value itself when there is no range
    std::optional<Field> max;  ///< absent: a single value
    SourceLocation where;
};

/// Where a record (NodeFields, EdgeFields) keeps one field. The member's type is the
/// field's shape: one value (a YAML scalar, a CSV cell), a list (a YAML list or a single
/// scalar; a CSV cell of items separated by ';'), pairs (a YAML mapping; a CSV cell of
/// `from>to` items separated by ';') or a range (a YAML scalar or `{min, max}` mapping; a
/// CSV cell `value` or `min..max`).
template <typename Record>
struct FieldSlot {
    FieldSlot(std::optional<Field> Record::*member) : text(member) {}
    FieldSlot(std::optional<FieldList> Record::*member) : list(member) {}
    FieldSlot(std::optional<FieldPairs> Record::*member) : pairs(member) {}
    FieldSlot(std::optional<FieldRange> Record::*member) : range(member) {}

    std::optional<Field> Record::*text = nullptr;
    std::optional<FieldList> Record::*list = nullptr;
    std::optional<FieldPairs> Record::*pairs = nullptr;
    std::optional<FieldRange> Record::*range = nullptr;
};

enum class Need { kOptional, kRequired };

/// One field of a node or an edge, declared once for both ways of writing it: its YAML
/// key, which is also its CSV column; where the record keeps it; whether it is required;
/// and `build`, the step that checks its value and puts it into the model (`Build` is
/// the loader's, opaque here). `group` names the YAML mapping the key sits in, when it
/// is nested (a node's `jurisdiction`); CSV columns are always flat.
template <typename Record, typename Build>
struct FieldSpec {
    std::string_view key;
    FieldSlot<Record> slot;
    Need need = Need::kOptional;
    Build build = nullptr;
    std::string_view group = "";
};

/// The fields of one record type, with the key lists derived from them: the YAML keys
/// (groups in place of their members) and the CSV columns.
template <typename Record, typename Build>
class FieldTable {
public:
    using Spec = FieldSpec<Record, Build>;

    explicit FieldTable(std::vector<Spec> specs) : specs_(std::move(specs)) {
        for (const Spec& spec : specs_) {
            columns_.push_back(spec.key);
            if (spec.group.empty()) {
                yaml_keys_.push_back(spec.key);
            } else if (std::find(groups_.begin(), groups_.end(), spec.group) == groups_.end()) {
                yaml_keys_.push_back(spec.group);
                groups_.push_back(spec.group);
            }
        }
    }

    const std::vector<Spec>& specs() const { return specs_; }
    /// The keys a YAML mapping of this record may hold.
    const std::vector<std::string_view>& yaml_keys() const { return yaml_keys_; }
    /// The YAML keys that hold a nested mapping of fields (a node's `jurisdiction`).
    const std::vector<std::string_view>& groups() const { return groups_; }
    /// The keys of the nested mapping `group`.
    std::vector<std::string_view> group_keys(std::string_view group) const {
        std::vector<std::string_view> keys;
        for (const Spec& spec : specs_) {
            if (spec.group == group) {
                keys.push_back(spec.key);
            }
        }
        return keys;
    }
    /// The columns a CSV table of this record may have, in table order.
    const std::vector<std::string_view>& columns() const { return columns_; }

private:
    std::vector<Spec> specs_;
    std::vector<std::string_view> yaml_keys_;
    std::vector<std::string_view> groups_;
    std::vector<std::string_view> columns_;
};

/// A CSV list cell split at ';': each item trimmed of spaces, with its own column.
std::vector<Field> split_list(const Field& cell);

/// A CSV pairs cell (`plate_read>searched_read;footage>plate_read`) split into pairs;
/// an item that is not `from>to` is reported to `sink` and skipped.
FieldPairs split_pairs(const Field& cell, std::string_view key, DiagnosticSink& sink);

/// A CSV range cell: `value`, or `min..max` with each side trimmed of spaces; an empty side
/// is reported to `sink` and the cell read as nothing.
std::optional<FieldRange> split_range(const Field& cell,
                                      std::string_view key,
                                      DiagnosticSink& sink);

/// A YAML range: a scalar, or a mapping with exactly the keys `min` and `max` (reported
/// otherwise, and read as nothing).
std::optional<FieldRange> yaml_range(YamlFields& fields,
                                     const YamlNode& value,
                                     std::string_view key);

/// Reads one field of `spec` from the YAML mapping `map` into `record`. A missing
/// required key is reported against `map`, as missing in `what`.
template <typename Record, typename Build>
void read_yaml_field(YamlFields& fields,
                     const YamlNode& map,
                     const FieldSpec<Record, Build>& spec,
                     std::string_view what,
                     Record& record) {
    const auto value = YamlFields::find(map, spec.key);
    if (!value) {
        if (spec.need == Need::kRequired) {
            fields.error(map, "missing required key '" + std::string(spec.key) + "' in " +
                                  std::string(what));
        }
        return;
    }
    if (spec.slot.text != nullptr) {
        record.*spec.slot.text = fields.scalar(map, spec.key);
    } else if (spec.slot.list != nullptr) {
        if (auto items = fields.list(map, spec.key)) {
            record.*spec.slot.list = FieldList{std::move(*items), fields.where(*value)};
        }
    } else if (spec.slot.range != nullptr) {
        record.*spec.slot.range = yaml_range(fields, *value, spec.key);
    } else if (!value->is_map()) {
        fields.error(*value, "expected '" + std::string(spec.key) +
                                 "' to be a mapping such as {footage: plate_read}, got " +
                                 YamlFields::shape(*value));
    } else {
        FieldPairs pairs{{}, fields.where(*value)};
        const std::string item_what = "a data kind in '" + std::string(spec.key) + "'";
        for (const auto entry : value->entries()) {
            auto from = fields.as_scalar(entry.key, item_what);
            auto to = fields.as_scalar(entry.value, item_what);
            if (from && to) {
                pairs.items.push_back({std::move(*from), std::move(*to)});
            }
        }
        record.*spec.slot.pairs = std::move(pairs);
    }
}

/// Reads a YAML mapping into `record` through `table`: unknown keys, wrong shapes and
/// missing required keys are reported (`what` names the record: "an edge"). False,
/// after reporting, when `map` is not a mapping.
template <typename Record, typename Build>
bool read_yaml_record(YamlFields& fields,
                      const YamlNode& map,
                      std::string_view what,
                      const FieldTable<Record, Build>& table,
                      Record& record) {
    if (!fields.check_mapping(map, what, table.yaml_keys())) {
        return false;
    }
    record.where = fields.where(map);
    for (const auto& spec : table.specs()) {
        if (spec.group.empty()) {
            read_yaml_field(fields, map, spec, what, record);
        }
    }
    for (const std::string_view group : table.groups()) {
        const auto nested = YamlFields::find(map, group);
        if (!nested ||
            !fields.check_mapping(*nested, "a " + std::string(group), table.group_keys(group))) {
            continue;
        }
        for (const auto& spec : table.specs()) {
            if (spec.group == group) {
                read_yaml_field(fields, *nested, spec, "a " + std::string(group), record);
            }
        }
    }
    return true;
}

/// Reads a CSV node or edge table through `table`: checks the header (unknown and
/// duplicate columns, required columns), then hands each row's record to `add`.
/// Empty cells are absent values; an empty cell in a required column is an error.
/// `noun` names the table in messages ("edge").
template <typename Record, typename Build, typename Add>
void read_csv_records(const FileName& file,
                      std::string_view text,
                      const FieldTable<Record, Build>& table,
                      std::string_view noun,
                      DiagnosticSink& sink,
                      Add add) {
    using Spec = FieldSpec<Record, Build>;
    const std::string article =
        noun.empty() || std::string_view("aeiou").find(noun[0]) == std::string_view::npos ? "a "
                                                                                          : "an ";
    std::vector<const Spec*> spec_of_cell;  // header position -> its field, or null
    bool header_done = false;
    std::vector<CsvError> errors;
    const std::size_t error_count = read_csv(
        text,
        [&](const std::vector<CsvCell>& cells, std::size_t field_count) {
            if (!header_done) {
                header_done = true;
                if (field_count > cells.size()) {
                    sink.error({file, 1, 1}, "the header has " + std::to_string(field_count) +
                                                 " columns; a table may have at most " +
                                                 std::to_string(cells.size()));
                    return false;
                }
                std::vector<const Spec*> seen;
                for (const CsvCell& cell : cells) {
                    const auto& specs = table.specs();
                    const auto known = std::find_if(specs.begin(), specs.end(), [&](const Spec& s) {
                        return s.key == cell.text;
                    });
                    const Spec* spec = known == specs.end() ? nullptr : &*known;
                    if (spec == nullptr) {
                        sink.error({file, cell.line, cell.column},
                                   "unknown column " + in_quotes(cell.text) + " in the " +
                                       std::string(noun) + " table" +
                                       key_hint(cell.text, table.columns()));
                    } else if (std::find(seen.begin(), seen.end(), spec) != seen.end()) {
                        sink.error({file, cell.line, cell.column},
                                   "duplicate column " + in_quotes(cell.text));
                        spec = nullptr;
                    } else {
                        seen.push_back(spec);
                    }
                    spec_of_cell.push_back(spec);
                }
                for (const Spec& spec : table.specs()) {
                    if (spec.need == Need::kRequired &&
                        std::find(seen.begin(), seen.end(), &spec) == seen.end()) {
                        sink.error({file, 1, 1}, article + std::string(noun) + " table needs a '" +
                                                     std::string(spec.key) + "' column");
                    }
                }
                return true;
            }
            if (field_count != spec_of_cell.size()) {
                sink.error({file, cells.front().line, 1}, "row has " + std::to_string(field_count) +
                                                              " fields, the header has " +
                                                              std::to_string(spec_of_cell.size()));
                return true;
            }
            Record record;
            record.where = {file, cells.front().line, 1};
            for (std::size_t i = 0; i < cells.size(); ++i) {
                const Spec* spec = spec_of_cell[i];
                if (spec == nullptr) {
                    continue;
                }
                const CsvCell& cell = cells[i];
                if (cell.text.empty()) {
                    if (spec->need == Need::kRequired) {
                        sink.error({file, cell.line, cell.column},
                                   "empty " + in_quotes(spec->key) + " in " + article +
                                       std::string(noun) + " table row; it is required");
                    }
                    continue;  // an empty optional cell is an absent value
                }
                Field field{std::string(cell.text),
                            {file, cell.line, cell.column + (cell.quoted ? 1 : 0)},
                            false};
                // Doubled quotes make the text shorter than the source; positions then
                // fall back to the cell's start.
                field.columns_exact = field.text.find_first_of("\n\"") == std::string::npos;
                if (const auto problem = text_problem(field.text)) {
                    sink.error(field.at(problem->offset), problem->message);
                    continue;
                }
                if (spec->slot.text != nullptr) {
                    record.*spec->slot.text = std::move(field);
                } else if (spec->slot.list != nullptr) {
                    record.*spec->slot.list = FieldList{split_list(field), field.where};
                } else if (spec->slot.range != nullptr) {
                    record.*spec->slot.range = split_range(field, spec->key, sink);
                } else {
                    record.*spec->slot.pairs = split_pairs(field, spec->key, sink);
                }
            }
            add(std::move(record));
            return true;
        },
        errors);
    for (const CsvError& error : errors) {
        sink.error({file, error.line, error.column}, error.message);
    }
    sink.count_unlisted(error_count - errors.size());
}

}  // namespace flowsim::io::detail
