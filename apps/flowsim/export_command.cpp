#include "flowsim/export_command.hpp"

#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include <flowsim/io/dot_writer.hpp>
#include <flowsim/io/graph_json_writer.hpp>
#include <flowsim/io/graphml_writer.hpp>

#include "flowsim/command_support.hpp"
#include "flowsim/graphviz.hpp"

namespace flowsim::cli {
namespace {

bool is_diagram(const std::string& format) {
    return format == "dot" || format == "svg" || format == "png";
}

// The usage problems the option parser cannot see; empty when there are none.
std::string usage_problem(const ExportOptions& options) {
    const std::string& format = options.route.format;
    if (!is_diagram(format) &&
        (options.routes_only || options.active_only || !options.collapse_by.empty())) {
        return "--routes-only, --active-only and --collapse-by shape a diagram; use them with "
               "--format dot, svg or png (" +
               format + " always holds the whole scenario; --routes marks the routes in it)";
    }
    if (format == "png" && options.route.output.empty()) {
        return "--format png writes an image: name the file with -o FILE";
    }
    return "";
}

}  // namespace

io::CollapseBy collapse_by(const std::string& name) {
    return name == "kind"    ? io::CollapseBy::kKind
           : name == "state" ? io::CollapseBy::kState
                             : io::CollapseBy::kNone;
}

CLI::App& setup_export(CLI::App& app, ExportOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "export",
        "The graph as a Graphviz diagram (dot, svg, png) or as data (graphml, json), with "
        "the routes to the targets highlighted on request");
    options.route.format = "dot";
    add_route_options(command, options.route);
    // The route options offer the listing formats; export has its own.
    command.remove_option(command.get_option("--format"));
    add_format_option(command, options.route.format, options.route.output,
                      {"dot", "svg", "png", "graphml", "json"},
                      "dot, svg or png (svg and png need Graphviz's dot), graphml or json "
                      "(default: from the extension of -o FILE, else dot)");
    command.add_flag("--routes", options.routes,
                     "Draw the routes from --from to --to thick and red, the targets emphasised "
                     "(graphml, json: mark what lies on them)");
    command.add_flag("--routes-only", options.routes_only,
                     "Draw only the nodes and edges on those routes (implies --routes)");
    command.add_flag("--active-only", options.active_only,
                     "Leave out edges inactive under the configuration (else drawn faint grey)");
    command
        .add_option("--collapse-by", options.collapse_by,
                    "Fold each group of nodes of one kind (in one state), or in one state, "
                    "into one node with a count")
        ->check(CLI::IsMember({"kind", "state"}));
    add_dot_memory_option(command, options.dot_memory_mib);
    return command;
}

void add_dot_memory_option(CLI::App& command, std::size_t& mib) {
    command
        .add_option("--dot-memory", mib,
                    "Most memory (MiB of address space) Graphviz's dot may use to lay out "
                    "the diagram (0: no cap)")
        ->capture_default_str()
        ->check(whole_number());
}

ExitCode run_export(const ExportOptions& options) {
    const std::string& format = options.route.format;
    if (const std::string problem = usage_problem(options); !problem.empty()) {
        std::cerr << "flowsim: error: " << problem << "\n";
        return ExitCode::kInvalidInput;
    }
    Phases phases(options.route.timeout_seconds, options.route.common.verbosity());
    phases.begin("loading " + options.route.common.scenario);
    std::vector<std::string> files;
    const auto scenario =
        load_or_report(options.route.common.scenario, options.route.common.load.limits(), &files);
    if (!scenario) {
        return ExitCode::kInvalidInput;
    }
    phases.begin("applying the configuration");
    const auto query = resolve_or_report(*scenario, options.route.to_request());
    if (!query) {
        return ExitCode::kInvalidInput;
    }
    const ConfigurationView view(*scenario, query->activity);
    std::optional<std::string> dot_program;
    if (format == "svg" || format == "png") {
        dot_program = find_on_path("dot");
        if (!dot_program) {
            std::cerr << "flowsim: error: " << missing_dot_message("--format " + format)
                      << ", or export --format dot and render it elsewhere\n";
            return ExitCode::kInternal;
        }
    }

    // One deadline for the route search, the layout and the writing.
    const StopCondition& stop = phases.stop();
    std::ostringstream text;
    bool cut_short = false;
    phases.begin("drawing");
    if (is_diagram(format)) {
        io::DiagramShape shape;
        shape.untitled_name = options.route.common.scenario;
        shape.routes = options.routes;
        shape.routes_only = options.routes_only;
        shape.active_only = options.active_only;
        shape.collapse = collapse_by(options.collapse_by);
        std::optional<RouteCover> routes;
        if (options.routes || options.routes_only) {
            phases.begin("searching the routes to draw", "route");
            std::size_t found = 0;
            routes = cover_routes(view, query->routes, stop, [&](const Route&) {
                phases.count(++found);
                return true;
            });
            phases.begin("drawing");
        }
        const io::QueryDiagram diagram =
            io::draw_diagram(view, *query, shape, stop, std::move(routes));
        if (dot_program && diagram.nodes > kMaxLaidOutNodes) {
            std::cerr << "flowsim: error: " << too_large_to_lay_out(diagram.nodes) << "\n";
            return ExitCode::kInvalidInput;
        }
        text << diagram.dot;
        cut_short = diagram.completion.cut_short();
    } else {
        // The whole scenario as data; with --routes, what lies on the routes is marked.
        std::optional<RouteCover> routes;
        if (options.routes) {
            routes = cover_routes(view, query->routes, stop);
            cut_short = routes->completion.cut_short();
        }
        const io::QueryHeader header = io::make_header(view, *query, options.route.common.scenario);
        const RouteCover* cover = routes ? &*routes : nullptr;
        if (format == "graphml") {
            io::write_graphml(text, view, header, cover);
        } else {
            io::write_graph_json(text, view, header, cover);
        }
    }

    Output output(options.route.output, files);
    if (!output.ok()) {
        return output.error_exit();
    }
    if (dot_program) {
        phases.begin("laying out the diagram with Graphviz's dot");
        const Rendering rendering = render_with_dot(*dot_program, text.str(), format,
                                                    {stop, options.dot_memory_mib, [&phases] {
                                                         phases.tick();
                                                     }});
        phases.end();  // the progress line goes before any message
        if (!rendering.ok) {
            const bool stopped = rendering.completion.cut_short();
            std::string message = rendering.error + (stopped ? "; nothing written" : "");
            if (message.back() != '\n') {
                message += '\n';
            }
            std::cerr << "flowsim: error: " << message;
            return stopped ? ExitCode::kCutShort : ExitCode::kInternal;
        }
        phases.begin("writing");
        output.stream() << rendering.bytes;
    } else {
        phases.begin("writing");
        output.stream() << text.str();
    }
    phases.end();
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    return cut_short ? ExitCode::kCutShort : ExitCode::kYes;
}

}  // namespace flowsim::cli
