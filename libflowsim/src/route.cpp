#include "flowsim/route.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
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
    // "r-%08x", written by hand: listings spell one per route.
    auto folded = static_cast<std::uint32_t>((hash >> 32) ^ (hash & 0xffffffffULL));
    std::string id = "r-00000000";
    for (std::size_t i = id.size(); i-- > 2; folded >>= 4) {
        id[i] = "0123456789abcdef"[folded & 0xf];
    }
    return id;
}

RouteSummary summarize(const Scenario& scenario, const Route& route) {
    RouteSummary summary;
    summarize(scenario, route, summary);
    return summary;
}

void summarize(const Scenario& scenario, const Route& route, RouteSummary& summary) {
    summary.evidence = Evidence::kDocumented;
    summary.gates.clear();
    summary.parameters.clear();
    summary.sources.clear();
    summary.likelihood = 1.0;
    for (const EdgeIndex index : route.edges) {
        const Edge& edge = scenario.edges()[index];
        if (static_cast<int>(edge.status) > static_cast<int>(summary.evidence)) {
            summary.evidence = edge.status;
        }
        summary.gates.insert(summary.gates.end(), edge.gates.begin(), edge.gates.end());
        const auto parameters = edge.when.parameters();  // allocates only when it names some
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
}

}  // namespace flowsim
