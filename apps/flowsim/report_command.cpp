#include "flowsim/report_command.hpp"

#include <filesystem>
#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include <flowsim/explore.hpp>
#include <flowsim/io/dot_writer.hpp>
#include <flowsim/io/explorer_writer.hpp>
#include <flowsim/io/report_writer.hpp>
#include <flowsim/io/wording.hpp>
#include <flowsim/spelling.hpp>
#include <flowsim/version.hpp>

#include "flowsim/command_support.hpp"
#include "flowsim/export_command.hpp"
#include "flowsim/graphviz.hpp"

namespace flowsim::cli {
namespace {

// As many blocked routes as `query` explains by default.
constexpr std::size_t kBlockedRoutes = 10;

// Lays out `dot` with Graphviz into SVG, under the deadline of `phases`; nothing (after
// saying why) when it fails, with the exit status in `status`.
std::optional<std::string> lay_out(const std::string& dot_program,
                                   const io::QueryDiagram& diagram,
                                   const ReportOptions& options,
                                   Phases& phases,
                                   ExitCode& status) {
    if (diagram.nodes > kMaxLaidOutNodes) {
        std::cerr << "flowsim: error: " << too_large_to_lay_out(diagram.nodes) << "\n";
        status = ExitCode::kInvalidInput;
        return std::nullopt;
    }
    phases.begin("laying out the diagram with Graphviz's dot");
    const Rendering rendering = render_with_dot(dot_program, diagram.dot, "svg",
                                                {phases.stop(), options.dot_memory_mib, [&phases] {
                                                     phases.tick();
                                                 }});
    phases.end();  // the progress line goes before any message
    if (!rendering.ok) {
        std::cerr << "flowsim: error: " << rendering.error
                  << (rendering.error.back() == '\n' ? "" : "\n");
        status = rendering.completion.cut_short() ? ExitCode::kCutShort : ExitCode::kInternal;
        return std::nullopt;
    }
    return rendering.bytes;
}

std::string parameter_ids(const Scenario& scenario, const std::vector<ParameterIndex>& list) {
    std::vector<std::string> ids;
    for (const ParameterIndex parameter : list) {
        ids.push_back(scenario.parameters()[parameter].id);
    }
    return io::join(ids, ",");
}

// `report --interactive`: every state's answer, the diagram of every state's routes, one
// page.
ExitCode run_interactive(const ReportOptions& options,
                         const PreparedQuery& prepared,
                         Phases& phases) {
    const Scenario& scenario = prepared.scenario;
    const ConfigurationView& view = *prepared.view;
    const std::size_t positions = date_positions(change_dates(scenario), view.date()).size();
    std::vector<ParameterIndex> toggles;
    std::vector<ParameterIndex> dropped;
    if (!options.toggles.empty()) {
        const auto named = named_parameters(scenario, options.toggles, "--toggles");
        if (!named) {
            return ExitCode::kInvalidInput;
        }
        toggles = *named;
        StateSpace space;
        space.toggles = toggles;
        space.positions.resize(positions);
        if (!states_fit(positions, toggles.size(), options.max_states)) {
            // Which to drop: from the end, until the rest fit.
            std::vector<ParameterIndex> kept = toggles;
            std::vector<ParameterIndex> left_out;
            while (!kept.empty() && !states_fit(positions, kept.size(), options.max_states)) {
                left_out.insert(left_out.begin(), kept.back());
                kept.pop_back();
            }
            std::cerr << "flowsim: error: --toggles: the page would hold "
                      << (space.states() == SIZE_MAX ? std::string("too many")
                                                     : std::to_string(space.states()))
                      << " states (" << io::plural(positions, "date interval") << " × 2^"
                      << toggles.size() << " combinations), more than --max-states "
                      << options.max_states << "; drop " << io::plural(left_out.size(), "toggle")
                      << ": " << parameter_ids(scenario, left_out)
                      << (kept.empty() ? std::string()
                                       : " (--toggles " + parameter_ids(scenario, kept) + ")")
                      << "\n";
            return ExitCode::kInvalidInput;
        }
    } else {
        const ToggleChoice choice = default_toggles(scenario, positions, options.max_states);
        toggles = choice.toggles;
        dropped = choice.dropped;
        if (!dropped.empty()) {
            std::cerr << "flowsim: note: left out of the page, to stay within 12 toggles and "
                      << options.max_states
                      << " states (--toggles chooses others, --max-states allows more): "
                      << parameter_ids(scenario, dropped) << "\n";
        }
    }
    if (positions > options.max_states) {
        std::cerr << "flowsim: error: the scenario's facts change at " << positions - 1
                  << " dates: more than --max-states " << options.max_states << " states\n";
        return ExitCode::kInvalidInput;
    }
    std::optional<std::string> dot_program = find_on_path("dot");
    if (!dot_program) {
        std::cerr << "flowsim: error: " << missing_dot_message("the page's diagram") << "\n";
        return ExitCode::kInternal;
    }

    const StopCondition& stop = phases.stop();
    phases.begin("working out every state", "state");
    io::ExplorerAnswers answers(scenario, prepared.query, make_state_space(view, toggles),
                                options.route.common.scenario, kBlockedRoutes);
    const Exploration exploration =
        explore_states(scenario, prepared.query, answers.space(), options.count_limit, stop,
                       [&](const StateRoutes& state) { answers.add(state); });
    if (exploration.completion.cut_short()) {
        std::cerr << "flowsim: error: "
                  << (exploration.completion.timed_out() ? "the time limit" : "an interruption")
                  << " stopped the search before every state was answered; nothing written\n";
        return ExitCode::kCutShort;
    }
    if (!exploration.completion.complete()) {
        std::cerr << "flowsim: error: the states of the page have more than " << options.count_limit
                  << " routes between them (--count-limit); narrow the question with --from, "
                     "--to or --max-hops, or toggle fewer parameters\n";
        return ExitCode::kInvalidInput;
    }

    io::ExplorerPage page;
    page.routes_only = options.routes_only || scenario.nodes().size() > kRoutesOnlyAbove;
    page.dropped = dropped;
    page.max_states = options.max_states;
    page.provenance = {options.route.common.scenario, prepared.content_hash,
                       std::string("flowsim ") + kVersion, command_line()};
    io::DiagramShape shape;
    shape.routes = true;
    shape.routes_only = page.routes_only;
    shape.heading = false;
    shape.legend = false;
    shape.element_ids = true;
    const io::QueryDiagram diagram =
        io::draw_diagram(view, prepared.query, shape, stop, answers.cover());
    if (diagram.nodes > kMaxLaidOutNodes) {
        // The answers are still worth a page; the diagram is left out, and both say why.
        page.diagram_note = "The diagram is left out: the routes of all states pass " +
                            std::to_string(diagram.nodes) + " nodes, more than the " +
                            std::to_string(kMaxLaidOutNodes) +
                            " Graphviz can lay out; narrow the question (--from, --to, "
                            "--max-hops) for a page with one.";
        std::cerr << "flowsim: note: " << page.diagram_note << "\n";
    } else {
        ExitCode status = ExitCode::kYes;
        const auto svg = lay_out(*dot_program, diagram, options, phases, status);
        if (!svg) {
            return status;
        }
        page.diagram = *svg;
    }

    Output output(options.route.output, prepared.files);
    if (!output.ok()) {
        return output.error_exit();
    }
    io::write_explorer(output.stream(), answers, page);
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    if (options.route.common.verbose) {
        std::cerr << "flowsim: " << answers.states_added() << " states, "
                  << answers.distinct_outcomes() << " distinct answers, " << answers.route_count()
                  << " routes\n";
    }
    return ExitCode::kYes;
}

}  // namespace

CLI::App& setup_report(CLI::App& app, ReportOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "report",
        "A report to publish: the answer, the diagram, the routes with what they depend on, "
        "the configuration and the numbered sources, as Markdown or one self-contained HTML "
        "file; with --interactive, one page where a reader flips the settings and the date");
    options.route.format = "html";
    add_route_options(command, options.route);
    // The route options offer the listing formats; report has its own.
    command.remove_option(command.get_option("--format"));
    add_format_option(command, options.route.format, options.route.output, {"html", "md"},
                      "html (one self-contained page) or md (Markdown; with -o FILE.md the "
                      "diagram is written beside it as FILE.svg); default: from the extension "
                      "of -o FILE, else html");
    command.add_option("--limit", options.limit, "Most routes in the table (0: every route)")
        ->capture_default_str()
        ->check(whole_number());
    command
        .add_option("--count-limit", options.count_limit,
                    "Stop counting routes here and say \"at least\" (0: count them all); with "
                    "--interactive, most routes of all the states together")
        ->capture_default_str()
        ->check(whole_number());
    command
        .add_option("--collapse-by", options.collapse_by,
                    "Fold the diagram's nodes by kind (in one state) or by state, for large "
                    "networks")
        ->check(CLI::IsMember({"kind", "state"}));
    command.add_flag("--routes-only", options.routes_only,
                     "Draw only the nodes and edges on the routes (the default above " +
                         std::to_string(kRoutesOnlyAbove) + " nodes without --collapse-by)");
    command.add_flag("--interactive", options.interactive,
                     "One self-contained explorable page: a toggle per lever parameter and a "
                     "date control, every state's answer worked out now");
    command
        .add_option("--toggles", options.toggles,
                    "With --interactive: the parameters to toggle, a,b,c (default: those with "
                    "a lever, in file order, at most 12, as many as fit --max-states)")
        ->delimiter(',');
    command
        .add_option("--max-states", options.max_states,
                    "With --interactive: most states (combinations × date intervals) the page "
                    "may hold")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 24))
        ->capture_default_str();
    add_dot_memory_option(command, options.dot_memory_mib);
    command.add_flag("--simulate", options.simulate,
                     "Add a section over time: the simulation (see `flowsim simulate`) and its "
                     "cumulative exposure curve");
    add_simulation_options(command, options.simulation);
    return command;
}

ExitCode run_report(const ReportOptions& options) {
    const bool markdown = options.route.format == "md";
    const std::string& output_path = options.route.output;
    if (options.interactive && (markdown || !options.collapse_by.empty())) {
        std::cerr << "flowsim: error: --interactive writes one HTML page with its own diagram; "
                     "it takes neither --format md nor --collapse-by\n";
        return ExitCode::kInvalidInput;
    }
    if (!options.interactive && !options.toggles.empty()) {
        std::cerr << "flowsim: error: --toggles chooses the settings of an explorable page; use "
                     "it with --interactive\n";
        return ExitCode::kInvalidInput;
    }
    // Markdown refers to its diagram by file name, so it gets one only beside a file (whose
    // name never ends in .svg: add_format_option refuses that).
    const bool diagram_file = markdown && !output_path.empty();
    Phases phases(options.route.timeout_seconds, options.route.common.verbosity());
    const auto prepared = prepare_query(options.route.common, options.route.to_request(), phases);
    if (!prepared) {
        return ExitCode::kInvalidInput;
    }
    if (options.interactive) {
        return run_interactive(options, *prepared, phases);
    }
    const ResolvedQuery& query = prepared->query;
    const ConfigurationView& view = *prepared->view;
    const bool draw = !markdown || diagram_file;
    std::optional<std::string> dot_program;
    if (draw) {
        dot_program = find_on_path("dot");
        if (!dot_program) {
            std::cerr << "flowsim: error: " << missing_dot_message("the report's diagram") << "\n";
            return ExitCode::kInternal;
        }
    }

    // One search serves the table, the count and the diagram's red lines; one deadline
    // bounds it, the simulation, the layout and the writing.
    const StopCondition& stop = phases.stop();
    phases.begin("searching", "route");
    io::ReportFindings findings =
        io::find_report_routes(view, query, options.limit, options.count_limit, kBlockedRoutes,
                               stop, [&phases](std::size_t found) { phases.count(found); });
    Completion completion = findings.cover.completion;
    if (options.simulate && !findings.cover.completion.cut_short()) {
        ExitCode failure = ExitCode::kYes;
        findings.simulation = simulate_query(*prepared, options.simulation, phases, failure);
        if (!findings.simulation) {
            return failure;
        }
        completion.merge(findings.simulation->result.completion);
    }
    findings.display_name = options.route.common.scenario;
    findings.provenance = {options.route.common.scenario, prepared->content_hash,
                           std::string("flowsim ") + kVersion, command_line()};

    std::string svg;
    if (draw) {
        phases.begin("drawing the diagram");
        io::DiagramShape shape;
        shape.untitled_name = options.route.common.scenario;
        shape.routes = true;
        // A large network is drawn by its routes unless it is folded.
        findings.routes_only =
            options.routes_only ||
            (options.collapse_by.empty() && prepared->scenario.nodes().size() > kRoutesOnlyAbove);
        shape.routes_only = findings.routes_only;
        shape.collapse = collapse_by(options.collapse_by);
        const io::QueryDiagram diagram = io::draw_diagram(view, query, shape, {}, findings.cover);
        if (diagram.nodes > kMaxLaidOutNodes) {
            std::cerr << "flowsim: error: " << too_large_to_lay_out(diagram.nodes) << "\n";
            return ExitCode::kInvalidInput;
        }
        phases.begin("laying out the diagram with Graphviz's dot");
        const Rendering rendering = render_with_dot(*dot_program, diagram.dot, "svg",
                                                    {stop, options.dot_memory_mib, [&phases] {
                                                         phases.tick();
                                                     }});
        phases.end();  // the progress line goes before any message
        if (rendering.completion.cut_short()) {
            // The report is still written, without its diagram, and says it was cut short.
            std::cerr << "flowsim: " << rendering.error << "; the report has no diagram\n";
            completion.merge(rendering.completion);
            findings.diagram_stopped = rendering.completion;
        } else if (!rendering.ok) {
            std::cerr << "flowsim: error: " << rendering.error
                      << (rendering.error.back() == '\n' ? "" : "\n");
            return ExitCode::kInternal;
        }
        svg = rendering.bytes;
    }

    phases.begin("writing");
    std::optional<Output> svg_output;
    if (diagram_file && !svg.empty()) {
        const std::filesystem::path svg_path = file_beside(output_path, ".svg");
        svg_output.emplace(svg_path.string(), prepared->files);
        if (!svg_output->ok()) {
            return svg_output->error_exit();
        }
        svg_output->stream() << svg;
        findings.diagram = svg_path.filename().string();
    } else if (!markdown) {
        findings.diagram = std::move(svg);
    }
    Output output(output_path, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    completion.merge(io::write_report(
        output.stream(), markdown ? io::ReportFormat::kMarkdown : io::ReportFormat::kHtml, view,
        query, findings, stop));
    phases.end();
    if ((svg_output && !svg_output->commit()) || !output.commit()) {
        return ExitCode::kInternal;
    }
    return completion.cut_short() ? ExitCode::kCutShort : ExitCode::kYes;
}

}  // namespace flowsim::cli
