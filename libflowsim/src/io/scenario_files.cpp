#include "scenario_files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <flowsim/io/csv_reader.hpp>

#include "yaml_documents.hpp"

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
void open_table(LoadContext& context, const std::string& file, std::string_view text);

fs::path absolute_path(const std::string& file) {
    std::error_code error;
    fs::path path = fs::weakly_canonical(fs::absolute(file, error), error);
    return error ? fs::path(file).lexically_normal() : path;
}

// Reads `path`; on failure reports at `where` and returns nothing.
std::optional<std::string> read_file(LoadContext& context,
                                     const std::string& path,
                                     const SourceLocation& where) {
    std::string why;
    auto content = read_text_file(path, context.limits.max_file_bytes, why);
    if (!content) {
        context.sink.error(where, "cannot read " + in_quotes(path) + ": " + why);
    }
    return content;
}

void open_yaml(LoadContext& context,
               const std::string& file,
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
        context.sink.error({file, static_cast<int>(line) + 1, static_cast<int>(column) + 1},
                           "NUL byte in a YAML file");
        return;
    }
    YAML::Node root;
    YamlDocuments documents;
    try {
        const std::string content(text);
        // Scan first: YAML::LoadAll can loop forever on some input (see scan_documents).
        documents = scan_documents(content);
        if (!documents.stuck_at) {
            root = YAML::Load(content);
        }
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
    } catch (const std::exception& error) {
        context.sink.error({file, 0, 0}, std::string("invalid YAML: ") + error.what());
        return;
    }
    const auto at = [&](const YAML::Mark& mark) {
        return SourceLocation{file, mark.line + 1, mark.column + 1};
    };
    if (documents.stuck_at) {
        const auto pos = static_cast<std::size_t>(documents.stuck_at->pos);
        context.sink.error(at(*documents.stuck_at),
                           "invalid YAML: unexpected " +
                               (pos < text.size() ? in_quotes(text.substr(pos, 1)) : "text") +
                               " where a document or a value should start");
        return;
    }
    YamlFields fields(file, text, context.sink);
    if (documents.second_document) {
        context.sink.error(at(*documents.second_document),
                           "a scenario file holds one YAML document, this is a second");
    }
    if (root.IsNull()) {
        context.sink.error({file, 1, 1},
                           top ? "the scenario is empty; it needs at least 'flowsim: 1'"
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
                std::count(kIncludedKeys.begin(), kIncludedKeys.end(), entry.first.Scalar()) == 0;
            if (top_only) {
                fields.error(entry.first, in_quotes(entry.first.Scalar()) +
                                              " belongs in the top-level scenario, not in an "
                                              "included file");
            }
        }
    }
    context.documents.push_back({file, DocumentType::kYaml, text, root, top});

    const auto includes = fields.list(root, "include");
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
    const fs::path real = absolute_path(file);
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
    const std::string extension = fs::path(file).extension().string();
    const bool csv = extension == ".csv";
    if (!csv && extension != ".yaml" && extension != ".yml") {
        context.sink.error(include.where, "cannot include " + in_quotes(include.text) +
                                              ": expected a .yaml, .yml or .csv file");
        return;
    }
    auto content = read_file(context, file, include.where);
    if (!content) {
        return;
    }
    const auto& stored = context.texts.emplace(file, std::move(*content)).first->second;
    if (csv) {
        open_table(context, file, stored);
    } else {
        open_yaml(context, file, stored, real, /*top=*/false, stack, depth);
    }
}

// A CSV table is told by its header: `id,kind` for nodes, `from,to` for edges.
void open_table(LoadContext& context, const std::string& file, std::string_view text) {
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
        context.documents.push_back({file, DocumentType::kNodeTable, text, {}, false});
    } else if (starts("from", "to")) {
        context.documents.push_back({file, DocumentType::kEdgeTable, text, {}, false});
    } else {
        context.sink.error({file, 1, 1},
                           "a CSV table must start with the header 'id,kind' (a node "
                           "table) or 'from,to' (an edge table)");
    }
}

}  // namespace

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

void open_scenario(LoadContext& context, std::string text, const std::string& display_name) {
    const auto& stored = context.texts.emplace(display_name, std::move(text)).first->second;
    std::vector<fs::path> stack;
    open_yaml(context, display_name, stored, absolute_path(display_name), /*top=*/true, stack, 0);
}

}  // namespace flowsim::io::detail
