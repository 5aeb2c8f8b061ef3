#include "flowsim/io/scenario_loader.hpp"

#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

#include "declarations.hpp"
#include "load_context.hpp"
#include "references.hpp"
#include "scenario_files.hpp"

// The loader works in passes over one LoadContext: open the files (scenario_files),
// declare what can be referred to (declarations), resolve everything that refers to it
// (references, edge_reader), then build the Scenario here.
namespace flowsim::io {
namespace {

using detail::check_question_selectors;
using detail::in_quotes;
using detail::LoadContext;

// "fnv1a64:" and 16 hex digits over every file's length and bytes, in display-name order
// (the map's order), so the same files give the same hash wherever they lie.
std::string content_hash(const std::map<std::string, std::string>& texts) {
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
    std::snprintf(buffer, sizeof buffer, "fnv1a64:%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

// Builds the scenario, checks what can only be checked on it, and hands it out only
// when no error was found; the texts are kept only when there is something to quote.
LoadResult finish(LoadContext& context, const std::string& display_name) {
    LoadResult result;
    for (std::size_t index : context.default_target_questions) {
        if (!context.node_tags().count("ice")) {
            context.sink.error(context.parts.questions[index].where,
                               "question " + in_quotes(context.parts.questions[index].id) +
                                   " has no 'to', and no node has the default target tag 'ice'");
        }
    }
    // The scenario is built even when there are errors, so that question selectors are
    // checked in the same run; it is handed out only when nothing is wrong.
    Scenario scenario(std::move(context.parts));
    check_question_selectors(context, scenario);
    if (context.sink.error_count() == 0) {
        result.scenario.emplace(std::move(scenario));
    }
    result.diagnostics = context.sink.take(display_name);
    for (const auto& entry : context.texts) {
        result.files.push_back(entry.first);
    }
    result.content_hash = content_hash(context.texts);
    if (!result.diagnostics.empty()) {
        result.texts = std::move(context.texts);
    }
    return result;
}

}  // namespace

LoadResult load_scenario(std::string_view text,
                         const std::string& display_name,
                         const LoadLimits& limits) {
    if (text.size() > limits.max_file_bytes) {
        LoadResult result;
        result.diagnostics.push_back({Severity::kError,
                                      {display_name, 0, 0},
                                      "the file is larger than the limit of " +
                                          std::to_string(limits.max_file_bytes) + " bytes"});
        return result;
    }
    detail::LoadContext context(limits);
    detail::open_scenario(context, std::string(text), display_name);
    detail::declare_everything(context);
    detail::resolve_everything(context);
    return finish(context, display_name);
}

LoadResult load_scenario_file(const std::string& path, const LoadLimits& limits) {
    std::string why;
    const auto content = detail::read_text_file(path, limits.max_file_bytes, why);
    if (!content) {
        LoadResult result;
        result.diagnostics.push_back({Severity::kError,
                                      {path, 0, 0},
                                      "cannot read " + detail::in_quotes(path) + ": " + why});
        return result;
    }
    return load_scenario(*content, path, limits);
}

void read_missing_texts(LoadResult& result, const LoadLimits& limits) {
    std::set<std::string> tried;
    for (const Diagnostic& diagnostic : result.diagnostics) {
        const std::string& file = diagnostic.where.file;
        if (file.empty() || result.texts.count(file) != 0 || !tried.insert(file).second) {
            continue;
        }
        std::string why;
        if (auto content = detail::read_text_file(file, limits.max_file_bytes, why)) {
            result.texts.emplace(file, std::move(*content));
        }
    }
}

}  // namespace flowsim::io
