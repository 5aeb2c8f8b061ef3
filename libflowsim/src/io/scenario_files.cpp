#include "scenario_files.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/exceptions.h>

#include <flowsim/io/csv_reader.hpp>

#include "yaml_tree.hpp"

namespace flowsim::io::detail {
namespace {

namespace fs = std::filesystem;

const Keys kTopKeys = {"flowsim", "title",    "description",    "as_of",    "include",
                       "sources", "data",     "parameters",     "gates",    "nodes",
                       "edges",   "policies", "configurations", "questions"};
const Keys kIncludedKeys = {"flowsim", "include", "sources", "data",    "parameters",
                            "gates",   "nodes",   "edges",   "policies"};

void open_include(LoadContext& context,
                  const std::string& including_file,
                  const Field& include,
                  std::vector<fs::path>& stack,
                  int depth);
void open_table(LoadContext& context, const std::string& file, std::string text);

// The real path of `file`: symbolic links followed, or, for a path that does not (yet)
// resolve, as far as it does.
fs::path real_path(const std::string& file) {
    std::error_code error;
    const fs::path absolute = fs::absolute(file, error).lexically_normal();
    fs::path path = fs::canonical(absolute, error);
    if (!error) {
        return path;
    }
    path = fs::weakly_canonical(absolute, error);
    if (!error) {
        return path;
    }
    // A loop of links: its folder resolves, the name itself does not.
    fs::path folder = fs::canonical(absolute.parent_path(), error);
    return error ? absolute : folder / absolute.filename();
}

// True when `path` is `root` or lies under it (both real paths).
bool lies_under(const fs::path& path, const fs::path& root) {
    auto at = path.begin();
    for (const auto& part : root) {
        if (part.empty()) {
            continue;  // a trailing separator
        }
        if (at == path.end() || *at != part) {
            return false;
        }
        ++at;
    }
    return true;
}

// Reads an include; on failure reports at `where` (a budget as such) and returns nothing.
std::optional<std::string> read_file(LoadContext& context,
                                     const std::string& real,
                                     const std::string& file,
                                     const SourceLocation& where) {
    ReadFailure failure;
    auto content = context.files.read(real, file, failure);
    if (!content && failure.budget) {
        context.sink.budget_error(where, "cannot read " + in_quotes(file) + ": " + failure.why);
    } else if (!content) {
        context.sink.error(where, "cannot read " + in_quotes(file) + ": " + failure.why);
    }
    return content;
}

// A file that is not UTF-8 text in one of the wide encodings is named as such; false
// (after reporting) when it is one.
bool check_encoding(LoadContext& context, const std::string& file, std::string_view text) {
    if (const auto encoding = wide_encoding(text)) {
        // At no line: a line of it would not be text.
        context.sink.error({file, 0, 0}, "the file is " + *encoding +
                                             " text; flowsim reads UTF-8: save it as UTF-8");
        return false;
    }
    return true;
}

// Parses the YAML file `text` and opens what it includes. `owned`, when given, holds the
// text: it is let go once the tree is built, before the includes are read.
void open_yaml(LoadContext& context,
               const std::string& file,
               std::string_view text,
               std::string* owned,
               const fs::path& real,
               bool top,
               std::vector<fs::path>& stack,
               int depth) {
    if (!check_encoding(context, file, text)) {
        return;
    }
    // yaml-cpp's marks count bytes in an int.
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        context.sink.budget_error({file, 0, 0},
                                  "a YAML file may hold at most " +
                                      std::to_string(std::numeric_limits<int>::max()) +
                                      " bytes; put large tables in CSV files");
        return;
    }
    // yaml-cpp reads a NUL byte as if it were something else; name it plainly instead.
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        const std::size_t line_start = text.rfind('\n', nul);
        const std::size_t column =
            line_start == std::string_view::npos ? nul : nul - line_start - 1;
        const auto line =
            std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
        context.sink.error({file, static_cast<int>(line) + 1, static_cast<int>(column) + 1},
                           "NUL byte in a YAML file");
        return;
    }
    YamlDocument document;
    try {
        document = read_yaml(text, context.limits.max_alias_nodes, context.alias_nodes);
        context.alias_nodes = document.alias_nodes;
    } catch (const YAML::DeepRecursion& error) {
        context.sink.error(
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
        context.sink.error({file, line, column}, "invalid YAML: " + message);
        return;
    } catch (const YamlBudgetExceeded& error) {
        context.sink.budget_error({file, error.mark.line + 1, error.mark.column + 1}, error.what());
        return;
    } catch (const YamlAliasCycle& error) {
        context.sink.error({file, error.mark.line + 1, error.mark.column + 1},
                           std::string("invalid YAML: ") + error.what());
        return;
    } catch (const std::bad_alloc&) {
        // Not the file's fault: say which budget ran out, never that the YAML is invalid.
        context.sink.budget_error({file, 0, 0}, "out of memory reading " +
                                                    std::to_string(text.size()) + " bytes of YAML");
        return;
    } catch (const std::exception& error) {
        context.sink.error({file, 0, 0}, std::string("invalid YAML: ") + error.what());
        return;
    }
    const auto at = [&](const YAML::Mark& mark) {
        return SourceLocation{file, mark.line + 1, mark.column + 1};
    };
    if (document.stuck_at) {
        const auto pos = static_cast<std::size_t>(document.stuck_at->pos);
        context.sink.error(at(*document.stuck_at),
                           "invalid YAML: unexpected " +
                               (pos < text.size() ? in_quotes(text.substr(pos, 1)) : "text") +
                               " where a document or a value should start");
        return;
    }
    if (owned != nullptr) {
        std::string().swap(*owned);  // the tree holds what is needed
    }
    YamlFields fields(file, context.sink);
    if (document.second_document) {
        context.sink.error(at(*document.second_document),
                           "a scenario file holds one YAML document, this is a second");
    }
    const YamlNode root = document.tree.root();
    if (root.is_null()) {
        context.sink.error({file, 1, 1},
                           top ? "the scenario is empty; it needs at least 'flowsim: 1'"
                               : "the included file is empty");
        return;
    }
    if (!root.is_map()) {
        fields.error(root,
                     "a scenario must be a mapping of keys such as 'flowsim', 'nodes' "
                     "and 'edges', got " +
                         YamlFields::shape(root));
        return;
    }
    fields.check_mapping(root, top ? "the scenario" : "an included file", kTopKeys);
    if (!top) {
        for (const auto entry : root.entries()) {
            const std::string_view key = entry.key.scalar();
            const bool top_only = entry.key.is_scalar() &&
                                  std::count(kTopKeys.begin(), kTopKeys.end(), key) == 1 &&
                                  std::count(kIncludedKeys.begin(), kIncludedKeys.end(), key) == 0;
            if (top_only) {
                fields.error(entry.key, in_quotes(key) +
                                            " belongs in the top-level scenario, not in an "
                                            "included file");
            }
        }
    }
    const auto includes = fields.list(root, "include");
    context.documents.push_back({file, DocumentType::kYaml, {}, std::move(document.tree), top});

    if (!includes) {
        return;
    }
    stack.push_back(real);
    for (const Field& include : *includes) {
        open_include(context, file, include, stack, depth + 1);
    }
    stack.pop_back();
}

void open_include(LoadContext& context,
                  const std::string& including_file,
                  const Field& include,
                  std::vector<fs::path>& stack,
                  int depth) {
    if (depth > context.limits.max_include_depth) {
        context.sink.error(include.where, "includes nest more than " +
                                              std::to_string(context.limits.max_include_depth) +
                                              " levels deep");
        return;
    }
    if (include.text.empty()) {
        context.sink.error(include.where, "empty include path");
        return;
    }
    const std::string file =
        (fs::path(including_file).parent_path() / include.text).lexically_normal().generic_string();
    const fs::path real = real_path(file);
    // Confined before anything else, so that nothing is said of files outside.
    const bool allowed =
        std::any_of(context.include_roots.begin(), context.include_roots.end(),
                    [&](const std::string& root) { return lies_under(real, fs::path(root)); });
    if (!allowed) {
        context.sink.error(include.where,
                           "cannot include " + in_quotes(include.text) +
                               ": it leads outside the scenario's folder; includes may reach "
                               "only files under the folder of the top-level scenario (or a "
                               "folder allowed with --include-dir)");
        return;
    }
    if (std::find(stack.begin(), stack.end(), real) != stack.end()) {
        std::string chain;
        for (const fs::path& step : stack) {
            chain += step.filename().string() + " -> ";
        }
        context.sink.error(include.where, "include cycle: " + chain + real.filename().string());
        return;
    }
    if (!context.opened.insert(real.string()).second) {
        context.sink.error(include.where, in_quotes(include.text) + " is included more than once");
        return;
    }
    if (!has_scenario_extension(file)) {
        context.sink.error(include.where, "cannot include " + in_quotes(include.text) +
                                              ": expected a .yaml, .yml or .csv file");
        return;
    }
    if (!has_scenario_extension(real.string())) {
        context.sink.error(include.where, "cannot include " + in_quotes(include.text) +
                                              ": it is a link to a file that is not a .yaml, "
                                              ".yml or .csv file");
        return;
    }
    auto content = read_file(context, real.string(), file, include.where);
    if (!content || !check_encoding(context, file, *content)) {
        return;
    }
    if (fs::path(file).extension() == ".csv") {
        open_table(context, file, std::move(*content));
    } else {
        open_yaml(context, file, *content, &*content, real, /*top=*/false, stack, depth);
    }
}

// A CSV table is told by its header: `id,kind` for nodes, `from,to` for edges.
void open_table(LoadContext& context, const std::string& file, std::string text) {
    std::vector<std::string> header;
    std::vector<CsvError> ignored;  // reported when the table is read
    read_csv(
        text,
        [&](const std::vector<CsvCell>& cells, std::size_t /*field_count*/) {
            for (std::size_t i = 0; i < cells.size() && i < 2; ++i) {
                header.emplace_back(cells[i].text);
            }
            return false;
        },
        ignored, /*max_fields=*/2);
    const auto starts = [&](std::string_view first, std::string_view second) {
        return header.size() == 2 && header[0] == first && header[1] == second;
    };
    if (starts("id", "kind")) {
        context.documents.push_back({file, DocumentType::kNodeTable, std::move(text), {}, false});
    } else if (starts("from", "to")) {
        context.documents.push_back({file, DocumentType::kEdgeTable, std::move(text), {}, false});
    } else {
        context.sink.error({file, 1, 1},
                           "a CSV table must start with the header 'id,kind' (a node "
                           "table) or 'from,to' (an edge table)");
    }
}

}  // namespace

void open_scenario(LoadContext& context,
                   std::string_view text,
                   const std::string& display_name,
                   std::string* owned) {
    const fs::path real = real_path(display_name);
    context.include_roots.push_back(real.parent_path().string());
    for (const std::string& folder : context.limits.include_dirs) {
        context.include_roots.push_back(real_path(folder).string());
    }
    std::vector<fs::path> stack;
    open_yaml(context, display_name, text, owned, real, /*top=*/true, stack, 0);
}

}  // namespace flowsim::io::detail
