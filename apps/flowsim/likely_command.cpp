#include "flowsim/likely_command.hpp"

#include <CLI/CLI.hpp>

#include <flowsim/io/route_writer.hpp>

#include "flowsim/command_support.hpp"

namespace flowsim::cli {

CLI::App& setup_likely(CLI::App& app, LikelyOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "likely", "The most likely routes (product of edge likelihoods), most likely first");
    add_route_options(command, options.route);
    command.add_option("-k", options.k, "How many routes")
        ->capture_default_str()
        ->check(whole_number(1));
    return command;
}

ExitCode run_likely(const LikelyOptions& options) {
    Phases phases(options.route.timeout_seconds, options.route.common.verbosity());
    const auto prepared = prepare_query(options.route.common, options.route.to_request(), phases);
    if (!prepared) {
        return ExitCode::kInvalidInput;
    }
    const ConfigurationView& view = *prepared->view;
    RouteFinder finder(view, prepared->query.routes);
    Output output(options.route.output, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    io::PathsWriter writer(output.stream(), options.route.route_format(), prepared->scenario,
                           io::make_header(view, prepared->query, options.route.common.scenario));
    phases.begin("searching");
    // The routes come after the search: the deadline that stopped the search stops their
    // writing too, a thousand routes or so later.
    StopEvery writing(phases.stop());
    std::size_t listed = 0;
    Enumeration enumeration = finder.most_likely(
        options.k,
        [&](const Route& route) {
            if (listed == 0) {
                phases.begin("writing", "route");
            }
            if (!writing.go_on()) {
                return false;
            }
            writer.route(route);
            phases.count(++listed);
            return !output.failed();  // stop at the first failed write
        },
        phases.stop());
    enumeration.completion.merge(writing.completion());
    writer.finish(listed, enumeration.completion);
    phases.end();
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    if (enumeration.completion.cut_short()) {
        return ExitCode::kCutShort;
    }
    return listed > 0 ? ExitCode::kYes : ExitCode::kNo;
}

}  // namespace flowsim::cli
