#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <flowsim/source_location.hpp>

#include "diagnostic_sink.hpp"
#include "yaml_tree.hpp"

namespace flowsim::io::detail {

/// A scalar value as written, with where it was written. Both YAML scalars and CSV cells
/// become Fields, so one set of checks serves both.
struct Field {
    std::string text;
    SourceLocation where;
    /// Where byte i of `text` sits is `where.column + i` (a plain or one-line quoted
    /// scalar, or a CSV cell). False for block scalars and multi-line values.
    bool columns_exact = false;

    /// The location of byte `offset` of `text` (the field's start when not exact).
    SourceLocation at(std::size_t offset) const;
};

/// What is wrong with `text` as a value a person wrote: a control character (other than
/// tab and line breaks) or bytes that are not UTF-8. Nothing when it is fine. Values
/// end up in diagrams and reports, so they must be text.
struct TextProblem {
    std::size_t offset = 0;  ///< byte offset of the offending byte
    std::string message;
};
std::optional<TextProblem> text_problem(std::string_view text);

/// `text` cut to a readable length and quoted, with control bytes shown as '?', for
/// quoting a user's value inside a message.
std::string in_quotes(std::string_view text);

/// The hint for an unknown key or column `name` among `allowed`: " (did you mean 'x'?)"
/// for a near spelling, or for a word people write for another key ("type" for "kind").
std::string key_hint(std::string_view name, const std::vector<std::string_view>& allowed);

/// Reads typed fields out of one YAML document, reporting every problem to the sink.
/// Nothing here throws: a wrong shape is reported and the read yields nothing.
class YamlFields {
public:
    YamlFields(FileName file, DiagnosticSink& sink) : file_(file), sink_(sink) {}

    const FileName& file() const { return file_; }
    SourceLocation where(const YamlNode& node) const;
    void error(const YamlNode& node, std::string message) {
        sink_.error(where(node), std::move(message));
    }
    void error_at(SourceLocation where, std::string message) {
        sink_.error(std::move(where), std::move(message));
    }

    /// Checks that `node` is a mapping whose keys are all in `allowed` (any key, when
    /// `allowed` is empty) and distinct; reports unknown keys with a "did you mean" hint.
    /// False when it is not a mapping.
    bool check_mapping(const YamlNode& node,
                       std::string_view what,
                       const std::vector<std::string_view>& allowed);

    /// The value under `key` in mapping `map` (first occurrence), if present.
    static std::optional<YamlNode> find(const YamlNode& map, std::string_view key);

    /// `key` read as a scalar; reports a wrong shape. Absent key: nullopt, no report.
    std::optional<Field> scalar(const YamlNode& map, std::string_view key);
    /// Like scalar(), but a missing key is reported against `map` ("missing required key").
    std::optional<Field> required(const YamlNode& map, std::string_view key, std::string_view what);
    /// `node` itself as a scalar (a key, a list item).
    std::optional<Field> as_scalar(const YamlNode& node, std::string_view what);
    /// `key` read as a list of scalars; a single scalar counts as a one-item list. Nothing
    /// (after reporting) when the value or any item has the wrong shape.
    std::optional<std::vector<Field>> list(const YamlNode& map, std::string_view key);

    /// The name of the YAML node's shape for messages: "a mapping", "a sequence", ...
    static std::string shape(const YamlNode& node);

private:
    FileName file_;
    DiagnosticSink& sink_;
};

}  // namespace flowsim::io::detail
