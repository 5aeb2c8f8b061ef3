// The order in which a scenario lists its nodes and edges must not change the routes or
// their order: shuffle both lists of every shipped scenario and compare.
#include <algorithm>
#include <filesystem>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/query_request.hpp>
#include <flowsim/route_finder.hpp>

#include "support/temp_dir.hpp"

namespace flowsim {
namespace {

namespace fs = std::filesystem;

// Every route under every configuration (and the defaults), by ids, in order.
std::vector<std::string> all_routes(const Scenario& scenario) {
    std::vector<std::string> lines;
    std::vector<std::optional<std::string>> configurations = {std::nullopt};
    for (const Configuration& configuration : scenario.configurations()) {
        configurations.emplace_back(configuration.id);
    }
    for (const auto& configuration : configurations) {
        QueryRequest request;
        request.configuration = configuration;
        std::vector<std::string> errors;
        const ResolvedQuery query = resolve_request(scenario, request, errors);
        EXPECT_TRUE(errors.empty());
        const ConfigurationView view(scenario, query.activity);
        RouteFinder finder(view, query.routes);
        finder.enumerate([&](const Route& route) {
            std::string line =
                configuration.value_or("default") + ": " + scenario.data_kinds()[route.data].id;
            for (const EdgeIndex edge : route.edges) {
                line += " " + scenario.edges()[edge].id;
            }
            lines.push_back(line);
            return true;
        });
    }
    return lines;
}

std::vector<std::string> shipped_scenarios() {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(FLOWSIM_SCENARIOS_DIR)) {
        if (entry.path().extension() == ".yaml") {
            files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

TEST(Shuffle, NodeAndEdgeOrderDoesNotChangeRoutes) {
    const testing::TempDir dir;
    for (const std::string& file : shipped_scenarios()) {
        SCOPED_TRACE(file);
        const io::LoadResult original = io::load_scenario_file(file);
        ASSERT_TRUE(original.ok());
        if (YAML::LoadFile(file)["include"]) {
            continue;  // included parts would need copying too; the top file is enough here
        }
        const std::vector<std::string> expected = all_routes(*original.scenario);
        EXPECT_FALSE(expected.empty());
        for (unsigned seed = 1; seed <= 5; ++seed) {
            std::mt19937 random(seed);
            // A fresh copy each time: yaml-cpp's node assignment shares nodes, and a
            // shared node would be written out as an alias.
            const YAML::Node root = YAML::LoadFile(file);
            // Give every edge its id explicitly: default ids ("a->b#2") follow file order.
            const YAML::Node edges = root["edges"];
            for (std::size_t i = 0; i < edges.size(); ++i) {
                YAML::Node edge = edges[i];
                edge["id"] = original.scenario->edges()[i].id;
            }
            YAML::Node reordered_root(YAML::NodeType::Map);
            for (const auto& entry : root) {
                const std::string key = entry.first.as<std::string>();
                if (key != "nodes" && key != "edges") {
                    reordered_root[key] = YAML::Clone(entry.second);
                    continue;
                }
                // Shuffle positions, not nodes: assigning one YAML::Node to another
                // rebinds what both refer to, so std::shuffle would merge them.
                std::vector<std::size_t> order(entry.second.size());
                std::iota(order.begin(), order.end(), 0);
                std::shuffle(order.begin(), order.end(), random);
                YAML::Node shuffled(YAML::NodeType::Sequence);
                for (const std::size_t position : order) {
                    shuffled.push_back(YAML::Clone(entry.second[position]));
                }
                reordered_root[key] = shuffled;
            }
            const std::string path = dir.write("shuffled.yaml", YAML::Dump(reordered_root));
            const io::LoadResult reordered = io::load_scenario_file(path);
            ASSERT_TRUE(reordered.ok()) << flowsim::io::format_diagnostics(reordered);
            EXPECT_EQ(all_routes(*reordered.scenario), expected) << "seed " << seed;
        }
    }
}

}  // namespace
}  // namespace flowsim
