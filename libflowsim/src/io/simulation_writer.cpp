#include "flowsim/io/simulation_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <flowsim/io/json_writer.hpp>
#include <flowsim/io/wording.hpp>

#include "markup_text.hpp"
#include "route_text.hpp"

namespace flowsim::io {
namespace {

double share_of(std::uint64_t count, std::uint64_t runs) {
    return runs == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(runs);
}

// "Springfield cameras → ICE ERO"; for the first arrival at any target, the targets by
// label ("ICE ERO or HSI", "any of 4 targets").
std::string pair_name(const Scenario& scenario,
                      const std::vector<NodeIndex>& targets,
                      const PairResult& pair) {
    std::string to;
    if (pair.target) {
        to = scenario.nodes()[*pair.target].label;
    } else if (targets.size() == 2) {
        to = scenario.nodes()[targets[0]].label + " or " + scenario.nodes()[targets[1]].label;
    } else {
        to = "any of " + std::to_string(targets.size()) + " targets";
    }
    return scenario.nodes()[pair.source].label + " → " + to;
}

std::vector<NodeIndex> targets_of(const SimulationReport& report) {
    std::vector<NodeIndex> targets;
    for (const PairResult& pair : report.result.pairs) {
        if (pair.target &&
            std::find(targets.begin(), targets.end(), *pair.target) == targets.end()) {
            targets.push_back(*pair.target);
        }
    }
    return targets;
}

void write_json(std::ostream& out,
                const Scenario& scenario,
                const QueryHeader& header,
                const SimulationReport& report) {
    const SimulationResult& result = report.result;
    JsonWriter json(out);
    json.begin_object();
    write_header_fields(json, header);
    json.key("runs").value(static_cast<std::size_t>(result.runs));
    json.key("runs_asked").value(static_cast<std::size_t>(report.runs_asked));
    json.key("seed").value(static_cast<std::size_t>(report.settings.seed));
    json.key("within").value(format_duration(report.settings.within));
    json.key("within_seconds").value(static_cast<std::size_t>(report.settings.within));
    json.key("unknown_likelihood").value(report.model.unknown_likelihood);
    json.key("edges_on_routes").value(report.edges.edges);
    json.key("edges_without_likelihood").value(report.edges.without_likelihood);
    json.key("edges_counted_exactly").value(report.edges.exact);
    json.key("pairs").begin_array(true);
    for (const PairResult& pair : result.pairs) {
        const ShareInterval reached = wilson_interval(pair.reached, result.runs);
        json.begin_object();
        json.key("source").value(scenario.nodes()[pair.source].id);
        if (pair.target) {
            json.key("target").value(scenario.nodes()[*pair.target].id);
        } else {
            json.key("target").null();
        }
        json.key("reached").value(static_cast<std::size_t>(pair.reached));
        json.key("share").value(reached.share);
        json.key("share_low").value(reached.low);
        json.key("share_high").value(reached.high);
        json.key("within").value(static_cast<std::size_t>(pair.within));
        json.key("share_within").value(share_of(pair.within, result.runs));
        if (pair.reached > 0) {
            json.key("median_seconds").value(static_cast<std::size_t>(pair.times.quantile(0.5)));
            json.key("p90_seconds").value(static_cast<std::size_t>(pair.times.quantile(0.9)));
        } else {
            json.key("median_seconds").null();
            json.key("p90_seconds").null();
        }
        json.key("first_arrival_routes").value(pair.first_arrivals.size());
        json.key("first_arrivals").begin_array();
        for (std::size_t i = 0; i < std::min(pair.first_arrivals.size(), kFirstArrivalRoutes);
             ++i) {
            const FirstArrivals& first = pair.first_arrivals[i];
            json.begin_object();
            json.key("id").value(route_id(scenario, first.route));
            json.key("runs").value(static_cast<std::size_t>(first.runs));
            json.key("data").value(scenario.data_kinds()[first.route.data].id);
            json.key("nodes").strings(ids_of(scenario.nodes(), first.route.nodes));
            json.key("edges").strings(ids_of(scenario.edges(), first.route.edges));
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
    json.key("complete").value(result.completion.complete());
    json.end_object();
    out << "\n";
}

std::string interval_text(const ShareInterval& interval) {
    return percent_text(interval.share) + " (" + percent_text(interval.low) + " to " +
           percent_text(interval.high) + ")";
}

void write_text(std::ostream& out,
                const Scenario& scenario,
                const QueryHeader& header,
                const SimulationReport& report) {
    const SimulationResult& result = report.result;
    const std::vector<NodeIndex> targets = targets_of(report);
    out << "Simulation of data from " << describe_nodes(scenario, header.from) << " to "
        << describe_nodes(scenario, header.to) << " (" << conditions(header) << ")\n";
    out << simulation_basis(report) << "\n";
    std::vector<std::string> never;
    const RouteLines lines(scenario);
    const std::string within = duration_words(report.settings.within);
    for (const PairResult& pair : result.pairs) {
        const std::string name = pair_name(scenario, targets, pair);
        if (pair.reached == 0) {
            never.push_back(name);
            continue;
        }
        const ShareInterval reached = wilson_interval(pair.reached, result.runs);
        out << "\n" << name << "\n";
        out << "  Reached in " << percent_text(reached.share) << " of runs (95% interval "
            << percent_text(reached.low) << " to " << percent_text(reached.high) << "); within "
            << within << ": " << percent_text(share_of(pair.within, result.runs)) << ".\n";
        out << "  Exposure time where reached: median " << duration_words(pair.times.quantile(0.5))
            << ", 90th percentile " << duration_words(pair.times.quantile(0.9)) << ".\n";
        out << "  First arrivals came by " << plural(pair.first_arrivals.size(), "route")
            << (pair.first_arrivals.size() > kFirstArrivalRoutes ? " (the 10 most frequent)" : "")
            << ":\n";
        for (std::size_t i = 0; i < std::min(pair.first_arrivals.size(), kFirstArrivalRoutes);
             ++i) {
            const FirstArrivals& first = pair.first_arrivals[i];
            char share[16];
            const double percent = 100 * share_of(first.runs, pair.reached);
            if (percent < 0.05) {
                std::snprintf(share, sizeof share, " <0.1%%");
            } else {
                std::snprintf(share, sizeof share, "%5.1f%%", percent);
            }
            out << "    " << share << "  " << route_id(scenario, first.route) << "  "
                << lines.line(first.route.nodes, first.route.edges) << "\n";
        }
    }
    if (!never.empty()) {
        const std::size_t named = std::min(never.size(), kMostListed);
        std::vector<std::string> shown(never.begin(),
                                       never.begin() + static_cast<std::ptrdiff_t>(named));
        out << "\nNever reached in " << plural(static_cast<std::size_t>(result.runs), "run") << ": "
            << capped_series(std::move(shown), never.size()) << ".\n";
    }
}

// ---- The curve -------------------------------------------------------------------------

std::string fixed(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

// A step of 1, 2, 2.5 or 5 times a power of ten that cuts `range` into at most `parts`.
double nice_step(double range, int parts) {
    const double raw = range / parts;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (factor * power >= raw * (1 - 1e-9)) {
            return factor * power;
        }
    }
    return 10 * power;
}

struct TimeUnit {
    Seconds seconds;
    const char* name;
};

TimeUnit unit_for(Seconds span) {
    if (span <= 2 * 3600) {
        return {60, "minutes"};
    }
    if (span <= 3 * 86400) {
        return {3600, "hours"};
    }
    if (span <= Seconds{3} * 365 * 86400) {
        return {86400, "days"};
    }
    return {Seconds{365} * 86400, "years"};
}

// `text` cut to at most `most` bytes at a character boundary, with "…" when cut: a
// legend line stays inside the picture.
std::string shortened(const std::string& text, std::size_t most) {
    if (text.size() <= most) {
        return text;
    }
    std::size_t end = most;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;  // not inside a UTF-8 sequence
    }
    return text.substr(0, end) + "…";
}

std::string number_text(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

}  // namespace

std::vector<SimulationRow> simulation_rows(const Scenario& scenario,
                                           const SimulationReport& report) {
    const SimulationResult& result = report.result;
    const std::vector<NodeIndex> targets = targets_of(report);
    std::vector<SimulationRow> rows;
    for (const PairResult& pair : result.pairs) {
        if (pair.reached == 0) {
            continue;
        }
        SimulationRow row;
        row.pair = pair_name(scenario, targets, pair);
        row.reached = interval_text(wilson_interval(pair.reached, result.runs));
        row.within = percent_text(share_of(pair.within, result.runs));
        row.median = duration_words(pair.times.quantile(0.5));
        row.p90 = duration_words(pair.times.quantile(0.9));
        const FirstArrivals& first = pair.first_arrivals.front();
        row.first_route = route_id(scenario, first.route) + " (" +
                          percent_text(share_of(first.runs, pair.reached)) + ")";
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string simulation_basis(const SimulationReport& report) {
    const SimulationResult& result = report.result;
    std::string text = plural(static_cast<std::size_t>(result.runs), "run") + ", seed " +
                       std::to_string(report.settings.seed);
    if (result.completion.cut_short()) {
        text += "; cut short by " + stop_reason(result.completion) + " after " +
                std::to_string(result.runs) + " of " + std::to_string(report.runs_asked) + " runs";
    }
    text +=
        ". Each run follows one record from each source and draws each edge once: open "
        "with its likelihood times its gates' probabilities, with its delay, and closed "
        "when the delay is longer than its tail keeps data. ";
    const EdgesOnRoutes& edges = report.edges;
    if (edges.without_likelihood == 0) {
        text += "Every edge on the routes has a likelihood.";
    } else {
        text += std::string(edges.exact ? "" : "At most ") +
                std::to_string(edges.without_likelihood) + " of the " +
                plural(edges.edges, "edge") + (edges.exact ? " on routes" : " the runs can take") +
                (edges.without_likelihood == 1 ? " has" : " have") + " no likelihood; " +
                (edges.without_likelihood == 1 ? "it counts" : "they count") + " as " +
                json_number(report.model.unknown_likelihood) +
                (report.model.unknown_likelihood == 1 ? ", \"assume it can happen\"" : "") +
                " (--unknown-likelihood P changes that).";
    }
    return text;
}

void write_simulation(std::ostream& out,
                      RouteFormat format,
                      const Scenario& scenario,
                      const QueryHeader& header,
                      const SimulationReport& report) {
    if (format == RouteFormat::kJson) {
        write_json(out, scenario, header, report);
    } else {
        write_text(out, scenario, header, report);
    }
}

std::string exposure_curve_svg(const Scenario& scenario,
                               const SimulationReport& report,
                               std::size_t lines) {
    static const char* const kColours[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                           "#e69f00", "#56b4e9", "#000000", "#999999"};
    const SimulationResult& result = report.result;
    const std::vector<NodeIndex> targets = targets_of(report);
    // A source's line is its first arrival at any target when there are several.
    std::vector<const PairResult*> drawn;
    for (const PairResult& pair : result.pairs) {
        if (pair.reached > 0 && (targets.size() > 1) == !pair.target) {
            drawn.push_back(&pair);
        }
    }
    std::stable_sort(drawn.begin(), drawn.end(), [](const PairResult* a, const PairResult* b) {
        return a->reached > b->reached;
    });
    const std::size_t reached = drawn.size();
    drawn.resize(std::min(drawn.size(), std::min(lines, std::size(kColours))));
    const std::size_t not_drawn = reached - drawn.size();

    Seconds latest = 0;
    double highest = 0;
    for (const PairResult* pair : drawn) {
        latest = std::max(latest, pair->times.counts.back().first);
        highest = std::max(highest, share_of(pair->reached, result.runs));
    }
    const Seconds span = latest > 0 ? latest : std::max<Seconds>(report.settings.within, 3600);
    const TimeUnit unit = unit_for(span);
    const double x_step =
        nice_step(static_cast<double>(span) / static_cast<double>(unit.seconds), 6);
    const double x_max =
        x_step *
        std::ceil(static_cast<double>(span) / static_cast<double>(unit.seconds) / x_step - 1e-9);
    const double y_step = nice_step(highest > 0 ? highest * 100 : 100, 5);
    const double y_max = y_step * std::ceil((highest > 0 ? highest * 100 : 100) / y_step - 1e-9);

    constexpr double kLeft = 64;
    constexpr double kTop = 44;
    constexpr double kWidth = 620;
    constexpr double kHeight = 280;
    const double legend_top = kTop + kHeight + 48;
    const double total_height =
        legend_top + 18.0 * static_cast<double>(drawn.size() + (not_drawn > 0 ? 1 : 0)) + 12;
    const auto x_of = [&](double seconds) {
        return kLeft + kWidth * std::min(1.0, seconds / static_cast<double>(unit.seconds) / x_max);
    };
    const auto y_of = [&](double share) {
        return kTop + kHeight * (1 - share * 100 / y_max);
    };

    std::string svg;
    svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"" +
           fixed(total_height) + "\" viewBox=\"0 0 720 " + fixed(total_height) +
           "\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n";
    svg +=
        "<title>Cumulative exposure: the share of records that have reached the target, by "
        "time</title>\n";
    svg += "<rect width=\"720\" height=\"" + fixed(total_height) + "\" fill=\"#ffffff\"/>\n";
    svg += "<text x=\"" + fixed(kLeft) + "\" y=\"20\" font-size=\"14\" font-weight=\"bold\">" +
           xml_escape("Share of records that have reached the target, by time") + "</text>\n";
    svg += "<text x=\"" + fixed(kLeft) + "\" y=\"36\" fill=\"#555555\">" +
           xml_escape(plural(static_cast<std::size_t>(result.runs), "run") + ", seed " +
                      std::to_string(report.settings.seed) +
                      (result.completion.cut_short() ? " (cut short)" : "")) +
           "</text>\n";
    // Grid and axes.
    for (double y = 0; y <= y_max + 1e-9; y += y_step) {
        const double at = y_of(y / 100);
        svg += "<line x1=\"" + fixed(kLeft) + "\" y1=\"" + fixed(at) + "\" x2=\"" +
               fixed(kLeft + kWidth) + "\" y2=\"" + fixed(at) + "\" stroke=\"#dddddd\"/>\n";
        svg += "<text x=\"" + fixed(kLeft - 6) + "\" y=\"" + fixed(at + 4) +
               "\" text-anchor=\"end\">" + number_text(y) + "%</text>\n";
    }
    for (double x = 0; x <= x_max + 1e-9; x += x_step) {
        const double at = kLeft + kWidth * x / x_max;
        svg += "<line x1=\"" + fixed(at) + "\" y1=\"" + fixed(kTop) + "\" x2=\"" + fixed(at) +
               "\" y2=\"" + fixed(kTop + kHeight) + "\" stroke=\"#eeeeee\"/>\n";
        svg += "<text x=\"" + fixed(at) + "\" y=\"" + fixed(kTop + kHeight + 16) +
               "\" text-anchor=\"middle\">" + number_text(x) + "</text>\n";
    }
    svg += "<text x=\"" + fixed(kLeft + kWidth / 2) + "\" y=\"" + fixed(kTop + kHeight + 34) +
           "\" text-anchor=\"middle\">" +
           xml_escape(std::string("time since the record was made (") + unit.name + ")") +
           "</text>\n";
    svg += "<rect x=\"" + fixed(kLeft) + "\" y=\"" + fixed(kTop) + "\" width=\"" + fixed(kWidth) +
           "\" height=\"" + fixed(kHeight) + "\" fill=\"none\" stroke=\"#888888\"/>\n";
    const double within_at = static_cast<double>(report.settings.within);
    if (within_at / static_cast<double>(unit.seconds) <= x_max) {
        const double at = x_of(within_at);
        svg += "<line x1=\"" + fixed(at) + "\" y1=\"" + fixed(kTop) + "\" x2=\"" + fixed(at) +
               "\" y2=\"" + fixed(kTop + kHeight) +
               "\" stroke=\"#555555\" stroke-dasharray=\"4 3\"/>\n";
        svg += "<text x=\"" + fixed(at + 4) + "\" y=\"" + fixed(kTop + 12) +
               "\" fill=\"#555555\">" +
               xml_escape("within " + duration_words(report.settings.within)) + "</text>\n";
    }
    // One step line per pair: the share of all runs that arrived by each time.
    constexpr std::size_t kMostSteps = 480;
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        const PairResult& pair = *drawn[i];
        const auto& counts = pair.times.counts;
        std::string path = "M" + fixed(kLeft) + " " + fixed(y_of(0));
        std::string last_y = fixed(y_of(0));
        std::uint64_t seen = 0;
        // A step only where the drawn height changes.
        const auto step_to = [&](double x, std::uint64_t arrived) {
            const std::string y = fixed(y_of(share_of(arrived, result.runs)));
            if (y != last_y) {
                path += " H" + fixed(x) + " V" + y;
                last_y = y;
            }
        };
        if (counts.size() <= kMostSteps) {
            for (const auto& [time, count] : counts) {
                seen += count;
                step_to(x_of(static_cast<double>(time)), seen);
            }
        } else {
            // Too many distinct times to draw each: the curve at evenly spaced times.
            std::size_t next = 0;
            for (std::size_t column = 0; column <= kMostSteps; ++column) {
                const double time = x_max * static_cast<double>(unit.seconds) *
                                    static_cast<double>(column) / kMostSteps;
                while (next < counts.size() && static_cast<double>(counts[next].first) <= time) {
                    seen += counts[next++].second;
                }
                step_to(x_of(time), seen);
            }
        }
        path += " H" + fixed(kLeft + kWidth);
        svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + kColours[i] +
               "\" stroke-width=\"2\"/>\n";
        const double y = legend_top + 18.0 * static_cast<double>(i);
        svg += "<line x1=\"" + fixed(kLeft) + "\" y1=\"" + fixed(y - 4) + "\" x2=\"" +
               fixed(kLeft + 24) + "\" y2=\"" + fixed(y - 4) + "\" stroke=\"" + kColours[i] +
               "\" stroke-width=\"2\"/>\n";
        svg += "<text x=\"" + fixed(kLeft + 32) + "\" y=\"" + fixed(y) + "\">" +
               xml_escape(shortened(pair_name(scenario, targets, pair), 90) + ": " +
                          percent_text(share_of(pair.reached, result.runs))) +
               "</text>\n";
    }
    if (not_drawn > 0) {
        const double y = legend_top + 18.0 * static_cast<double>(drawn.size());
        svg += "<text x=\"" + fixed(kLeft) + "\" y=\"" + fixed(y) + "\" fill=\"#555555\">" +
               xml_escape("and " + std::to_string(not_drawn) + " more not drawn") + "</text>\n";
    }
    if (drawn.empty()) {
        svg += "<text x=\"" + fixed(kLeft + kWidth / 2) + "\" y=\"" + fixed(kTop + kHeight / 2) +
               "\" text-anchor=\"middle\">" + xml_escape("No record reached a target in any run") +
               "</text>\n";
    }
    svg += "</svg>\n";
    return svg;
}

}  // namespace flowsim::io
