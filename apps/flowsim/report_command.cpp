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

// The SVG file a Markdown report at `report_path` refers to: the same name with .svg.
std::filesystem::path diagram_path(const std::string& report_path) {
    return std::filesystem::path(report_path).replace_extension(".svg");
}

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
    command
        .add_option("--format", options.route.format,
                    "html (one self-contained page) or md (Markdown; with -o FILE.md the "
                    "diagram is written beside it as FILE.svg)")
        ->check(CLI::IsMember({"md", "html"}))
        ->capture_default_str();
    command.add_option("--limit", options.limit, "Most routes in the table (0: every route)")
        ->capture_default_str();
    command
        .add_option("--count-limit", options.count_limit,
                    "Stop counting routes here and say \"at least\" (0: count them all)")
        ->capture_default_str();
    command
        .add_option("--collapse-by", options.collapse_by,
                    "Fold the diagram's nodes by kind (in one state) or by state, for large "
                    "networks")
        ->check(CLI::IsMember({"kind", "state"}));
    command.add_flag("--routes-only", options.routes_only,
                     "Draw only the nodes and edges on the routes, for large networks");
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
    // Markdown refers to its diagram by file name, so it gets one only beside a file.
    const bool diagram_file = markdown && !output_path.empty();
    if (diagram_file && diagram_path(output_path) == std::filesystem::path(output_path)) {
        std::cerr << "flowsim: error: -o " << output_path
                  << " would be overwritten by the report's diagram; name the Markdown file "
                     "FILE.md\n";
        return ExitCode::kInvalidInput;
    }
    const auto prepared = prepare_query(options.route.common.scenario, options.route.to_request());
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
    // bounds it and the layout.
    const StopCondition stop = options.route.stop_condition();
    io::ReportFindings findings = io::find_report_routes(view, query, options.limit,
                                                         options.count_limit, kBlockedRoutes, stop);
    if (options.simulate && !findings.cover.completion.cut_short()) {
        ExitCode failure = ExitCode::kYes;
        findings.simulation = simulate_query(*prepared, options.simulation, stop, failure);
        if (!findings.simulation) {
            return failure;
        }
    }
    findings.display_name = options.route.common.scenario;
    findings.provenance = {options.route.common.scenario, prepared->content_hash,
                           std::string("flowsim ") + kVersion, command_line()};

    std::string svg;
    if (draw) {
        ExportOptions shape;
        shape.route = options.route;
        shape.routes = true;
        shape.routes_only = options.routes_only;
        shape.collapse_by = options.collapse_by;
        const Diagram diagram = draw_diagram(view, query, shape, {}, findings.cover);
        if (diagram.nodes > kMaxLaidOutNodes) {
            std::cerr << "flowsim: error: " << too_large_to_lay_out(diagram.nodes) << "\n";
            return ExitCode::kInvalidInput;
        }
        const Rendering rendering =
            render_with_dot(*dot_program, diagram.dot, "svg", {stop, options.dot_memory_mib});
        if (!rendering.ok) {
            std::cerr << "flowsim: error: " << rendering.error
                      << (rendering.error.back() == '\n' ? "" : "\n");
            return rendering.completion.cut_short() ? ExitCode::kCutShort : ExitCode::kInternal;
        }
        svg = rendering.bytes;
    }

    std::optional<Output> svg_output;
    if (diagram_file) {
        const std::filesystem::path svg_path = diagram_path(output_path);
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
    io::write_report(output.stream(),
                     markdown ? io::ReportFormat::kMarkdown : io::ReportFormat::kHtml, view, query,
                     findings);
    if ((svg_output && !svg_output->commit()) || !output.commit()) {
        return ExitCode::kInternal;
    }
    const bool cut_short =
        findings.cover.completion.cut_short() ||
        (findings.simulation && findings.simulation->result.completion.cut_short());
    return cut_short ? ExitCode::kCutShort : ExitCode::kYes;
}

}  // namespace flowsim::cli
