#include "flowsim/io/scenario_loader.hpp"

#include <new>

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

// Builds the scenario, checks what can only be checked on it, and hands it out only
// when no error was found; the lines diagnostics point into are read again.
LoadResult finish(LoadContext& context) {
    LoadResult result;
    if (!context.sink.budget_exceeded()) {
        for (std::size_t index : context.default_target_questions) {
            if (!context.node_tags().count("ice")) {
                context.sink.error(
                    context.parts.questions[index].where,
                    "question " + in_quotes(context.parts.questions[index].id) +
                        " has no 'to', and no node has the default target tag 'ice'");
            }
        }
        // The scenario is built even when there are errors, so that question selectors
        // are checked in the same run; it is handed out only when nothing is wrong.
        Scenario scenario(std::move(context.parts));
        check_question_selectors(context, scenario);
        if (context.sink.error_count() == 0) {
            result.scenario.emplace(std::move(scenario));
        }
    }
    result.budget_exceeded = context.sink.budget_exceeded();
    result.unlisted_errors = context.sink.unlisted_errors();
    result.diagnostics = context.sink.take();
    result.files = context.files.display_names();
    result.content_hash = context.files.content_hash();
    result.lines = context.files.quote(result.diagnostics);
    return result;
}

// The passes after the files are open, each table's text let go once it is read. Past
// a budget the passes stop: what was not read would only give false errors.
LoadResult load_opened(LoadContext& context) {
    if (!context.sink.budget_exceeded()) {
        detail::declare_everything(context);
    }
    if (!context.sink.budget_exceeded()) {
        detail::resolve_everything(context);
    }
    return finish(context);
}

// Runs `load` and turns running out of memory into a budget error: a file too large
// for the machine is not an invalid one.
template <typename Load>
LoadResult guarded(const std::string& display_name, Load load) {
    try {
        return load();
    } catch (const std::bad_alloc&) {
        LoadResult result;
        result.budget_exceeded = true;
        result.diagnostics.push_back({Severity::kError,
                                      {display_name, 0, 0},
                                      "input budget exceeded: out of memory while loading the "
                                      "scenario; it needs more memory than this machine allows"});
        return result;
    }
}

}  // namespace

LoadResult load_scenario(std::string_view text,
                         const std::string& display_name,
                         const LoadLimits& limits) {
    return guarded(display_name, [&] {
        LoadContext context(limits);
        detail::ReadFailure failure;
        if (context.files.add_in_memory(display_name, text, failure)) {
            detail::open_scenario(context, text, display_name);
        } else {
            context.sink.budget_error({display_name, 0, 0}, failure.why);
        }
        return load_opened(context);
    });
}

LoadResult load_scenario_file(const std::string& path, const LoadLimits& limits) {
    return guarded(path, [&] {
        LoadContext context(limits);
        detail::ReadFailure failure;
        // The text lives only until the top file is parsed; excerpts read it again.
        if (auto text = context.files.read(path, path, failure)) {
            detail::open_scenario(context, *text, path, &*text);
        } else if (failure.budget) {
            context.sink.budget_error({path, 0, 0}, failure.why);
        } else {
            context.sink.error({path, 0, 0}, "cannot read " + in_quotes(path) + ": " + failure.why);
        }
        return load_opened(context);
    });
}

void read_missing_lines(LoadResult& result) {
    detail::quote_missing_lines(result.diagnostics, result.lines);
}

std::string format_diagnostics(const LoadResult& result) {
    return flowsim::format_diagnostics(result.diagnostics, result.lines, result.unlisted_errors);
}

}  // namespace flowsim::io
