#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include <flowsim/version.hpp>

#include "flowsim/check_command.hpp"
#include "flowsim/cut_command.hpp"
#include "flowsim/diff_command.hpp"
#include "flowsim/exit_codes.hpp"
#include "flowsim/export_command.hpp"
#include "flowsim/interruption.hpp"
#include "flowsim/likely_command.hpp"
#include "flowsim/paths_command.hpp"
#include "flowsim/query_command.hpp"
#include "flowsim/report_command.hpp"
#include "flowsim/sweep_command.hpp"

using flowsim::cli::ExitCode;

namespace {

// CLI11 uses its own exit codes (100 and up) for usage errors; ours say 2 for all of
// them, and 0 for --help and --version.
int usage_exit(const CLI::App& app, const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : to_int(ExitCode::kInvalidInput);
}

}  // namespace

int main(int argc, char** argv) try {
    CLI::App app{"flowsim: can surveillance data reach ICE, and by which routes?", "flowsim"};
    app.set_version_flag("--version", std::string("flowsim ") + flowsim::kVersion);
    app.require_subcommand(1);

    flowsim::cli::CheckOptions check;
    CLI::App& check_command = flowsim::cli::setup_check(app, check);
    flowsim::cli::QueryOptions query;
    CLI::App& query_command = flowsim::cli::setup_query(app, query);
    flowsim::cli::PathsOptions paths;
    CLI::App& paths_command = flowsim::cli::setup_paths(app, paths);
    flowsim::cli::LikelyOptions likely;
    CLI::App& likely_command = flowsim::cli::setup_likely(app, likely);
    flowsim::cli::CutOptions cut;
    CLI::App& cut_command = flowsim::cli::setup_cut(app, cut);
    flowsim::cli::SweepOptions sweep;
    CLI::App& sweep_command = flowsim::cli::setup_sweep(app, sweep);
    flowsim::cli::DiffOptions diff;
    CLI::App& diff_command = flowsim::cli::setup_diff(app, diff);
    flowsim::cli::ExportOptions export_options;
    CLI::App& export_command = flowsim::cli::setup_export(app, export_options);
    flowsim::cli::ReportOptions report;
    CLI::App& report_command = flowsim::cli::setup_report(app, report);

    flowsim::cli::catch_interruptions();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return usage_exit(app, error);
    }

    if (check_command.parsed()) {
        flowsim::cli::configure_logging(check.common.verbosity());
        return to_int(flowsim::cli::run_check(check));
    }
    if (query_command.parsed()) {
        flowsim::cli::configure_logging(query.route.common.verbosity());
        return to_int(flowsim::cli::run_query(query));
    }
    if (paths_command.parsed()) {
        flowsim::cli::configure_logging(paths.route.common.verbosity());
        return to_int(flowsim::cli::run_paths(paths));
    }
    if (likely_command.parsed()) {
        flowsim::cli::configure_logging(likely.route.common.verbosity());
        return to_int(flowsim::cli::run_likely(likely));
    }
    if (cut_command.parsed()) {
        flowsim::cli::configure_logging(cut.route.common.verbosity());
        return to_int(flowsim::cli::run_cut(cut));
    }
    if (sweep_command.parsed()) {
        flowsim::cli::configure_logging(sweep.route.common.verbosity());
        return to_int(flowsim::cli::run_sweep(sweep));
    }
    if (diff_command.parsed()) {
        flowsim::cli::configure_logging(diff.route.common.verbosity());
        return to_int(flowsim::cli::run_diff(diff));
    }
    if (export_command.parsed()) {
        flowsim::cli::configure_logging(export_options.route.common.verbosity());
        return to_int(flowsim::cli::run_export(export_options));
    }
    if (report_command.parsed()) {
        flowsim::cli::configure_logging(report.route.common.verbosity());
        return to_int(flowsim::cli::run_report(report));
    }
    return to_int(ExitCode::kInvalidInput);
} catch (const std::exception& error) {
    std::cerr << "flowsim: internal error: " << error.what() << "\n";
    return to_int(ExitCode::kInternal);
}
