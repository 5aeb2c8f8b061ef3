#include "flowsim/check_command.hpp"

#include <algorithm>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>

#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/io/wording.hpp>
#include <flowsim/query_request.hpp>
#include <flowsim/route_finder.hpp>
#include <flowsim/scenario.hpp>
#include <flowsim/source_support.hpp>
#include <flowsim/spelling.hpp>

#include "flowsim/command_support.hpp"
#include "flowsim/output.hpp"
#include "flowsim/print_diagnostics.hpp"
#include "flowsim/progress.hpp"
#include "flowsim/query_command.hpp"

namespace flowsim::cli {
namespace {

// "3 camera, 2 platform" in the fixed order of the kinds, skipping those with none.
template <typename Key, typename Name>
std::string breakdown(const std::map<Key, std::size_t>& counts, Name name) {
    std::string text;
    for (const auto& [key, count] : counts) {
        text += (text.empty() ? "" : ", ") + std::to_string(count) + " " + std::string(name(key));
    }
    return text;
}

void print_summary(std::ostream& out,
                   const std::string& file,
                   const Scenario& scenario,
                   Verbosity verbosity) {
    out << file << ": valid\n";
    if (!scenario.title().empty()) {
        out << "  " << scenario.title();
        if (scenario.as_of()) {
            out << " (facts as of " << scenario.as_of()->to_string() << ")";
        }
        out << "\n";
    }
    std::map<NodeKind, std::size_t> kinds;
    for (const Node& node : scenario.nodes()) {
        ++kinds[node.kind];
    }
    std::map<Evidence, std::size_t> statuses;
    for (const Edge& edge : scenario.edges()) {
        ++statuses[edge.status];
    }
    out << "  " << io::plural(scenario.nodes().size(), "node") << ": "
        << breakdown(kinds, node_kind_name) << "\n";
    out << "  " << io::plural(scenario.edges().size(), "edge") << ": "
        << breakdown(statuses, evidence_name) << "\n";
    out << "  " << io::plural(scenario.sources().size(), "source") << ", "
        << io::plural(scenario.parameters().size(), "parameter") << ", "
        << io::plural(scenario.gates().size(), "gate") << ", "
        << io::plural(scenario.policies().size(), "policy", "policies") << ", "
        << io::plural(scenario.configurations().size(), "configuration") << "\n";
    if (verbosity == Verbosity::kVerbose) {
        out << "\nSources:\n";
        std::size_t number = 0;
        for (const Source& source : scenario.sources()) {
            out << "  [" << ++number << "] " << io::source_citation(source) << "\n";
        }
    }
}

struct Answers {
    std::size_t failed = 0;
    std::size_t unanswered = 0;  // cut short by the deadline or Ctrl-C
};

// Answers every saved question; prints each that fails or goes unanswered GNU style to
// `err`.
Answers answer_questions(const Scenario& scenario, Phases& phases, std::ostream& err) {
    const StopCondition& stop = phases.stop();
    Answers answers;
    std::size_t asked = 0;
    for (const Question& question : scenario.questions()) {
        phases.count(++asked);
        const ResolvedQuery query = resolve_question(scenario, question);
        const ConfigurationView view(scenario, query.activity);
        RouteFinder finder(view, query.routes);
        std::optional<Route> first;
        Enumeration enumeration;
        if (finder.maybe_reachable()) {
            enumeration = finder.enumerate(
                [&](const Route& route) {
                    first = route;
                    return false;
                },
                stop);
        }
        if (!first && enumeration.completion.cut_short()) {
            ++answers.unanswered;
            err << format_diagnostic(
                {Severity::kError, question.where,
                 "question '" + question.id + "' was not answered: " +
                     (enumeration.completion.timed_out() ? "out of time" : "interrupted")});
            continue;
        }
        if (first.has_value() == question.expect_reachable) {
            continue;
        }
        ++answers.failed;
        Diagnostic diagnostic{Severity::kError, question.where,
                              "question '" + question.id + "' expects " +
                                  (question.expect_reachable ? "reachable" : "unreachable") +
                                  ", but "};
        if (first) {
            diagnostic.message += "a route exists: ";
            for (std::size_t i = 0; i < first->nodes.size(); ++i) {
                diagnostic.message += (i ? " -> " : "") + scenario.nodes()[first->nodes[i]].id;
            }
            diagnostic.message += " (" + route_id(scenario, *first) + ")";
        } else {
            diagnostic.message += "no route exists";
        }
        err << format_diagnostic(diagnostic);
    }
    return answers;
}

// check --question: the question's whole answer, and whether it is the one expected.
ExitCode answer_one(const CheckOptions& options, io::LoadResult loaded, Phases& phases) {
    const std::vector<Question>& questions = loaded.scenario->questions();
    const auto found = std::find_if(questions.begin(), questions.end(),
                                    [&](const Question& q) { return q.id == options.question; });
    if (found == questions.end()) {
        std::vector<std::string_view> ids;
        for (const Question& question : questions) {
            ids.push_back(question.id);
        }
        std::cerr << "flowsim: error: --question: no saved question '" << options.question << "'"
                  << did_you_mean(options.question, ids) << "\n";
        return ExitCode::kInvalidInput;
    }
    const Question question = *found;
    PreparedQuery prepared{std::move(*loaded.scenario),
                           {},
                           nullptr,
                           std::move(loaded.files),
                           std::move(loaded.content_hash)};
    prepared.query = resolve_question(prepared.scenario, question);
    prepared.view = std::make_unique<ConfigurationView>(prepared.scenario, prepared.query.activity);
    QueryOptions query;
    query.route.common = options.common;
    const ExitCode answer = answer_query(prepared, query, phases);
    if (answer != ExitCode::kYes && answer != ExitCode::kNo) {
        return answer;
    }
    if ((answer == ExitCode::kYes) == question.expect_reachable) {
        return ExitCode::kYes;
    }
    std::cerr << format_diagnostic(
        {Severity::kError, question.where,
         "question '" + question.id + "' expects " +
             (question.expect_reachable ? "reachable" : "unreachable") + ", but " +
             (question.expect_reachable ? "no route exists" : "a route exists")});
    return ExitCode::kNo;
}

}  // namespace

CLI::App& setup_check(CLI::App& app, CheckOptions& options) {
    CLI::App& command =
        *app.add_subcommand("check", "Validate a scenario and answer its saved questions");
    add_common_options(command, options.common);
    command.add_option("--question", options.question,
                       "Print this saved question's whole answer, as query writes it; exit 0 "
                       "when it is what the question expects, 1 when not");
    return command;
}

ExitCode run_check(const CheckOptions& options) {
    // check has no --timeout: only Ctrl-C stops the saved questions.
    Phases phases(0, options.common.verbosity());
    phases.begin("loading " + options.common.scenario);
    io::LoadResult result =
        io::load_scenario_file(options.common.scenario, options.common.load.limits());
    phases.end();
    print_diagnostics(std::cerr, result);
    if (result.budget_exceeded) {
        return ExitCode::kInternal;  // too large to read, which is not invalid
    }
    if (!result.ok()) {
        return ExitCode::kInvalidInput;
    }
    const Scenario& scenario = *result.scenario;
    // Warnings about sources (docs/method.md §4) come after loading; they do not change
    // the exit status.
    io::LoadResult warnings;
    warnings.diagnostics = source_support_warnings(scenario);
    if (!has_default_targets(scenario)) {
        const std::string tag(kDefaultTargetTag);
        warnings.diagnostics.push_back(
            {Severity::kWarning,
             {options.common.scenario, 0, 0},
             "no node is tagged '" + tag +
                 "', so the default target (--to) of every command is empty: tag the targets '" +
                 tag + "', or give --to"});
    }
    if (!warnings.diagnostics.empty()) {
        warnings.lines = result.lines;
        io::read_missing_lines(warnings);
        print_diagnostics(std::cerr, warnings);
    }
    if (!options.question.empty()) {
        return answer_one(options, std::move(result), phases);
    }
    phases.begin("answering the saved questions", "question");
    const Answers answers = answer_questions(scenario, phases, std::cerr);
    const std::size_t failed = answers.failed + answers.unanswered;
    phases.begin("writing");
    Output output("");  // stdout, whose first failed write is reported (exit 4)
    if (options.common.verbosity() != Verbosity::kQuiet) {
        std::ostream& out = output.stream();
        print_summary(out, options.common.scenario, scenario, options.common.verbosity());
        if (!scenario.questions().empty()) {
            out << "  " << io::plural(scenario.questions().size() - failed, "saved question")
                << " answered as expected";
            if (failed > 0) {
                out << ", " << failed << " not";
            }
            out << "\n";
        }
    }
    phases.end();
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    if (answers.unanswered > 0) {
        return ExitCode::kCutShort;
    }
    return failed == 0 ? ExitCode::kYes : ExitCode::kNo;
}

}  // namespace flowsim::cli
