#include "flowsim/route.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace flowsim {
namespace {

// Sorts indices into `items` by the id of the item each names, and removes repeats.
template <typename Tag, typename T>
void sort_by_id(std::vector<Index<Tag>>& indices, const std::vector<T>& items) {
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    std::sort(indices.begin(), indices.end(),
              [&](Index<Tag> a, Index<Tag> b) { return items[a].id < items[b].id; });
}

}  // namespace

double likelihood_cost(std::optional<double> likelihood) {
    if (!likelihood) {
        return std::numeric_limits<double>::infinity();
    }
    return *likelihood >= 1.0 ? 0.0 : -std::log(*likelihood);
}

std::string route_id(const Scenario& scenario, const Route& route) {
    // FNV-1a over "kind|edge|edge|...", folded to 32 bits.
    std::uint64_t hash = 14695981039346656037ULL;
    const auto mix = [&](std::string_view text) {
        for (const char c : text) {
            hash ^= static_cast<unsigned char>(c);
            hash *= 1099511628211ULL;
        }
    };
    mix(scenario.data_kinds()[route.data].id);
    for (const EdgeIndex edge : route.edges) {
        mix("|");
        mix(scenario.edges()[edge].id);
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "r-%08x",
                  static_cast<unsigned>((hash >> 32) ^ (hash & 0xffffffffULL)));
    return buffer;
}

RouteSummary summarize(const Scenario& scenario, const Route& route) {
    RouteSummary summary;
    for (const EdgeIndex index : route.edges) {
        const Edge& edge = scenario.edges()[index];
        if (static_cast<int>(edge.status) > static_cast<int>(summary.evidence)) {
            summary.evidence = edge.status;
        }
        summary.gates.insert(summary.gates.end(), edge.gates.begin(), edge.gates.end());
        const auto parameters = edge.when.parameters();
        summary.parameters.insert(summary.parameters.end(), parameters.begin(), parameters.end());
        summary.sources.insert(summary.sources.end(), edge.sources.begin(), edge.sources.end());
        if (summary.likelihood && edge.likelihood) {
            *summary.likelihood *= *edge.likelihood;
        } else {
            summary.likelihood.reset();
        }
    }
    sort_by_id(summary.gates, scenario.gates());
    sort_by_id(summary.parameters, scenario.parameters());
    sort_by_id(summary.sources, scenario.sources());
    summary.id = route_id(scenario, route);
    return summary;
}

}  // namespace flowsim
