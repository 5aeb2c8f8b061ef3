// What a route depends on (issue 13, case 3): every parameter whose flip would remove it,
// through an edge's `when` or a policy's `when`, with the value that keeps it.

#include "flowsim/route_dependencies.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "flowsim/io/scenario_loader.hpp"
#include "flowsim/query_request.hpp"

namespace flowsim {
namespace {

constexpr std::string_view kLaw = R"(flowsim: 1
parameters:
  searches_for_ice: {default: false}
  il_law_enforced: {default: true}
  either_a: {default: true}
  either_b: {default: true}
  unrelated: {default: true}
nodes:
  - {id: il_cams, kind: camera, produces: [plate_read], jurisdiction: {state: IL}}
  - {id: pd, kind: local_agency, jurisdiction: {state: IL}}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {id: cams_pd, from: il_cams, to: pd, carries: [plate_read], when: either_a or either_b}
  - {id: pd_ice, from: pd, to: ice, carries: [plate_read], when: searches_for_ice}
policies:
  - id: il_law
    label: Illinois bars sharing plate reads for immigration enforcement
    when: il_law_enforced and unrelated or not unrelated and il_law_enforced
    deny: {carries: [plate_read], origin: {state: IL}, to: {not: {state: IL}}}
  - id: footage_rule
    when: unrelated
    deny: {carries: [footage]}
)";

std::vector<std::string> describe(const Scenario& scenario,
                                  const std::vector<Dependency>& dependencies) {
    std::vector<std::string> lines;
    for (const Dependency& dependency : dependencies) {
        lines.push_back(
            scenario.parameters()[dependency.parameter].id + " keeps " +
            (dependency.keeps ? "true" : "false") + " via " +
            std::string(dependency_via_name(dependency.via)) +
            (dependency.policy ? " " + scenario.policies()[*dependency.policy].id : std::string()));
    }
    return lines;
}

TEST(RouteDependencies, ALawSwitchedOffIsWhatTheRouteDependsOn) {
    const io::LoadResult loaded = io::load_scenario(kLaw, "law.yaml");
    ASSERT_TRUE(loaded.ok()) << flowsim::io::format_diagnostics(loaded);
    const Scenario& scenario = *loaded.scenario;
    QueryRequest request;
    request.settings = {"il_law_enforced=false", "searches_for_ice=true"};
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, request, errors);
    ASSERT_TRUE(errors.empty());
    const ConfigurationView view(scenario, query.activity);
    RouteFinder finder(view, query.routes);
    std::vector<Route> routes;
    finder.enumerate([&](const Route& route) {
        routes.push_back(route);
        return true;
    });
    ASSERT_EQ(routes.size(), 1U);
    // Not either_a or either_b: flipping one alone leaves the other. Not unrelated: the
    // law's `when` stays false whatever it is. The footage rule denies nothing here.
    EXPECT_EQ(describe(scenario, route_dependencies(view, routes[0])),
              (std::vector<std::string>{
                  "il_law_enforced keeps false via policy il_law",
                  "searches_for_ice keeps true via edge",
              }));
}

}  // namespace
}  // namespace flowsim
