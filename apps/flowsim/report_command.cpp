#include "flowsim/report_command.hpp"

#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>

#include <flowsim/io/report_writer.hpp>
#include <flowsim/version.hpp>

#include "flowsim/command_support.hpp"
#include "flowsim/export_command.hpp"
#include "flowsim/graphviz.hpp"

namespace flowsim::cli {
namespace {

// As many blocked routes as `query` explains by default.
constexpr std::size_t kBlockedRoutes = 10;

}  // namespace

CLI::App& setup_report(CLI::App& app, ReportOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "report",
        "A report to publish: the answer, the diagram, the routes with what they depend on, "
        "the configuration and the numbered sources, as Markdown or one self-contained HTML "
        "file");
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
                    "Stop counting routes here and say \"at least\" (0: count them all)")
        ->capture_default_str()
        ->check(whole_number());
    command
        .add_option("--collapse-by", options.collapse_by,
                    "Fold the diagram's nodes by kind (in one state) or by state, for large "
                    "networks")
        ->check(CLI::IsMember({"kind", "state"}));
    command.add_flag("--routes-only", options.routes_only,
                     "Draw only the nodes and edges on the routes, for large networks");
    add_dot_memory_option(command, options.dot_memory_mib);
    return command;
}

ExitCode run_report(const ReportOptions& options) {
    const bool markdown = options.route.format == "md";
    const std::string& output_path = options.route.output;
    // Markdown refers to its diagram by file name, so it gets one only beside a file (whose
    // name never ends in .svg: add_format_option refuses that).
    const bool diagram_file = markdown && !output_path.empty();
    Phases phases(options.route.timeout_seconds, options.route.common.verbosity());
    const auto prepared = prepare_query(options.route.common, options.route.to_request(), phases);
    if (!prepared) {
        return ExitCode::kInvalidInput;
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
    // bounds it, the layout and the writing.
    const StopCondition& stop = phases.stop();
    phases.begin("searching", "route");
    io::ReportFindings findings =
        io::find_report_routes(view, query, options.limit, options.count_limit, kBlockedRoutes,
                               stop, [&phases](std::size_t found) { phases.count(found); });
    Completion completion = findings.cover.completion;
    findings.display_name = options.route.common.scenario;
    findings.provenance = {options.route.common.scenario, prepared->content_hash,
                           std::string("flowsim ") + kVersion, command_line()};

    std::string svg;
    if (draw) {
        phases.begin("drawing the diagram");
        ExportOptions shape;
        shape.route = options.route;
        shape.routes = true;
        shape.routes_only = options.routes_only;
        shape.collapse_by = options.collapse_by;
        const Diagram diagram = draw_diagram(view, query, shape, phases, findings.cover);
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
