#include "support/scenario_text.hpp"

#include <gtest/gtest.h>

#include <flowsim/io/scenario_loader.hpp>

namespace flowsim::testing {

Scenario load(std::string_view yaml) {
    io::LoadResult result = io::load_scenario(yaml, "test.yaml");
    if (!result.ok()) {
        ADD_FAILURE() << flowsim::io::format_diagnostics(result);
        return Scenario(ScenarioParts{});
    }
    return std::move(*result.scenario);
}

const std::string_view kWriterScenario = R"yaml(flowsim: 1
title: 'Small & "quoted"'
as_of: 2026-01-23
sources:
  audit: {title: Audit, url: "https://example.org/audit"}
data:
  hit: {label: Hit}
parameters:
  on: {default: false}
gates:
  consent: {label: Consent}
nodes:
  - {id: pd, kind: local_agency, label: 'Police <&> "x"', jurisdiction: {state: IL, county: Cook}, tags: [b, a], note: "two\nlines"}
  - {id: cam, kind: camera, produces: [plate_read, footage]}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {id: z, from: pd, to: ice, carries: [plate_read, hit], mechanism: search, when: "on", gates: [consent], status: reported, sources: [audit], likelihood: 0.3, cut_cost: 2, since: 2025-01-01, until: 2026-01-01}
  - {from: cam, to: pd, carries: [plate_read], convert: {plate_read: hit}, note: 'it''s'}
)yaml";

}  // namespace flowsim::testing
