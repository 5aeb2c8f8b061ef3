#include "flowsim/likely_command.hpp"

#include <chrono>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <flowsim/io/route_writer.hpp>

#include "flowsim/command_support.hpp"

namespace flowsim::cli {

CLI::App& setup_likely(CLI::App& app, LikelyOptions& options) {
    CLI::App& command = *app.add_subcommand(
        "likely", "The most likely routes (product of edge likelihoods), most likely first");
    add_route_options(command, options.route);
    command.add_option("-k", options.k, "How many routes")->capture_default_str();
    return command;
}

ExitCode run_likely(const LikelyOptions& options) {
    const auto prepared = prepare_query(options.route.common, options.route.to_request());
    if (!prepared) {
        return ExitCode::kInvalidInput;
    }
    const ConfigurationView& view = *prepared->view;
    const auto search_start = std::chrono::steady_clock::now();
    RouteFinder finder(view, prepared->query.routes);
    Output output(options.route.output, prepared->files);
    if (!output.ok()) {
        return output.error_exit();
    }
    io::PathsWriter writer(output.stream(), options.route.route_format(), prepared->scenario,
                           io::make_header(view, prepared->query, options.route.common.scenario));
    std::size_t listed = 0;
    const Enumeration enumeration = finder.most_likely(
        options.k,
        [&](const Route& route) {
            writer.route(route);
            ++listed;
            return true;
        },
        options.route.stop_condition());
    spdlog::debug("answered in {:.1f} ms", milliseconds_since(search_start));
    writer.finish(listed, enumeration.completion);
    if (!output.commit()) {
        return ExitCode::kInternal;
    }
    if (enumeration.completion.cut_short()) {
        return ExitCode::kCutShort;
    }
    return listed > 0 ? ExitCode::kYes : ExitCode::kNo;
}

}  // namespace flowsim::cli
