// Who holds each lever of `cut`, and the cheapest set of one holder's levers (cut --holder).
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "flowsim/configuration_view.hpp"
#include "flowsim/cut.hpp"
#include "flowsim/io/scenario_loader.hpp"
#include "flowsim/query_request.hpp"
#include "support/scenario_text.hpp"

namespace flowsim {
namespace {

using testing::load;

// Two routes from the cameras: a search the police department can switch off, and a
// subpoena that the two parties to it can end; the council can end the camera contract.
// More cameras, which produce nothing, only give edges to cameras and police.
constexpr std::string_view kCity = R"(
flowsim: 1
parameters:
  searches: {default: true, lever: police department}
nodes:
  - {id: cams, kind: camera, label: City cameras, produces: [plate_read]}
  - {id: more_cams, kind: camera, label: More cameras}
  - {id: pd, kind: local_agency, label: City police}
  - {id: ice, kind: federal_agency, label: ICE, tags: [ice]}
edges:
  - {id: contract, from: cams, to: pd, carries: [plate_read], cut_cost: 5, lever: City Council}
  - {id: search, from: pd, to: ice, carries: [plate_read], when: searches}
  - {id: subpoena, from: pd, to: ice, carries: [plate_read], cut_cost: 1}
  - {id: upload, from: more_cams, to: pd, carries: [footage], cut_cost: 1}
  - {id: relay, from: more_cams, to: cams, carries: [footage], cut_cost: 1}
)";

EdgeIndex edge_index(const Scenario& scenario, std::string_view id) {
    for (EdgeIndex e = 0; e < scenario.edges().size(); ++e) {
        if (scenario.edges()[e].id == id) {
            return e;
        }
    }
    ADD_FAILURE() << "no edge " << id;
    return 0;
}

Lever edge_lever(const Scenario& scenario, std::string_view id) {
    return {Lever::Type::kEdge, edge_index(scenario, id), false, 1.0};
}

TEST(CutHolder, EachLeverIsHeldByItsLeverTextOrByTheNonCameraEndsOfItsEdge) {
    const Scenario scenario = load(kCity);
    const Lever parameter{Lever::Type::kParameter, 0, false, 1.0};
    EXPECT_EQ(lever_holders(scenario, parameter), (std::vector<std::string>{"police department"}));
    EXPECT_EQ(lever_holders(scenario, edge_lever(scenario, "contract")),
              (std::vector<std::string>{"City Council"}));
    EXPECT_EQ(lever_holders(scenario, edge_lever(scenario, "subpoena")),
              (std::vector<std::string>{"City police", "ICE"}));
    // A camera is no party: its link to the police is the police's to end.
    EXPECT_EQ(lever_holders(scenario, edge_lever(scenario, "upload")),
              (std::vector<std::string>{"City police"}));
    // Between two cameras, both are named rather than nobody.
    EXPECT_EQ(lever_holders(scenario, edge_lever(scenario, "relay")),
              (std::vector<std::string>{"More cameras", "City cameras"}));
}

TEST(CutHolder, HeldByIgnoresCaseButNothingElse) {
    const Scenario scenario = load(kCity);
    const Lever contract = edge_lever(scenario, "contract");
    EXPECT_TRUE(held_by(scenario, contract, "city council"));
    EXPECT_TRUE(held_by(scenario, contract, "CITY COUNCIL"));
    EXPECT_FALSE(held_by(scenario, contract, "city"));
    EXPECT_FALSE(held_by(scenario, contract, "city council "));
    EXPECT_TRUE(held_by(scenario, edge_lever(scenario, "subpoena"), "ice"));
}

TEST(CutHolder, OnlyTheHoldersLeversArePulled) {
    const Scenario scenario = load(kCity);
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, {}, errors);
    ASSERT_TRUE(errors.empty());
    const auto ids = [&](const std::vector<Lever>& levers) {
        std::vector<std::string> names;
        for (const Lever& lever : levers) {
            names.push_back(lever.type == Lever::Type::kParameter
                                ? scenario.parameters()[lever.index].id
                                : scenario.edges()[lever.index].id);
        }
        return names;
    };
    for (const std::size_t exact : {std::size_t{10000}, std::size_t{0}}) {
        CutLimits limits;
        limits.routes_for_exact = exact;  // 0: edges chosen by a graph cut
        const std::string what = "routes_for_exact " + std::to_string(exact);
        // Everyone: the search switched off and the subpoena ended (2) beat the contract (5).
        const CutResult all = find_cut(scenario, query.activity, query.routes, {}, limits);
        ASSERT_TRUE(all.found) << what;
        EXPECT_EQ(all.cost, 2.0) << what;
        EXPECT_EQ(ids(all.levers), (std::vector<std::string>{"searches", "subpoena"})) << what;

        // The council alone: end the camera contract.
        const CutResult council =
            find_cut(scenario, query.activity, query.routes, {}, limits, "city council");
        ASSERT_TRUE(council.found) << what;
        EXPECT_EQ(ids(council.levers), (std::vector<std::string>{"contract"})) << what;
        EXPECT_EQ(ids(council.single_levers), (std::vector<std::string>{"contract"})) << what;
        EXPECT_TRUE(council.verified) << what;

        // The police department alone cannot: the subpoena is not its lever, and the route
        // through it is the one no lever of the department touches.
        const CutResult police =
            find_cut(scenario, query.activity, query.routes, {}, limits, "police department");
        EXPECT_FALSE(police.found) << what;
        EXPECT_TRUE(police.single_levers.empty()) << what;
        ASSERT_EQ(police.unstoppable.size(), 1U) << what;
        EXPECT_EQ(police.unstoppable[0].edges,
                  (std::vector<EdgeIndex>{edge_index(scenario, "contract"),
                                          edge_index(scenario, "subpoena")}))
            << what;
    }
    // available_levers offers only what the holder holds.
    const ConfigurationView view(scenario, query.activity);
    EXPECT_EQ(ids(available_levers(view, "City police")),
              (std::vector<std::string>{"subpoena", "upload"}));
    EXPECT_TRUE(available_levers(view, "nobody").empty());
}

}  // namespace
}  // namespace flowsim

namespace flowsim {
namespace {

TEST(CutViews, WithEndedIsTheViewBuiltWithThoseEdgesEnded) {
    const Scenario scenario = testing::load(kCity);
    const ConfigurationView base(scenario, {});
    const std::vector<EdgeIndex> ended{edge_index(scenario, "subpoena")};
    ActivitySettings settings;
    settings.ended = ended;
    const ConfigurationView built(scenario, settings);
    const ConfigurationView derived = base.with_ended(ended);
    for (EdgeIndex e = 0; e < scenario.edges().size(); ++e) {
        EXPECT_EQ(derived.unconditional_kinds(e), built.unconditional_kinds(e)) << e;
        for (DataKindIndex kind = 0; kind < scenario.data_kinds().size(); ++kind) {
            EXPECT_EQ(derived.blockers(e, kind, 0).size(), built.blockers(e, kind, 0).size());
        }
    }
    EXPECT_NE(base.unconditional_kinds(ended[0]), 0U);
    EXPECT_EQ(derived.unconditional_kinds(ended[0]), 0U);
}

TEST(CutViews, EdgeLeversAreInIdOrderPastLongSharedPrefixes) {
    // Ids that agree in their first 16 bytes or more, and ids that are prefixes of others.
    const Scenario scenario = testing::load(R"(
flowsim: 1
nodes:
  - {id: cam, kind: camera, produces: [plate_read]}
  - {id: a, kind: local_agency}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {id: agreement_with_the_county_b, from: cam, to: a, carries: [plate_read], cut_cost: 1}
  - {id: agreement_with_the_county, from: cam, to: a, carries: [plate_read], cut_cost: 1}
  - {id: agreement_with_the_county_a, from: cam, to: a, carries: [plate_read], cut_cost: 1}
  - {id: agreement, from: a, to: ice, carries: [plate_read], cut_cost: 1}
  - {id: 0z, from: a, to: ice, carries: [plate_read], cut_cost: 1}
  - {id: agreemenu, from: a, to: ice, carries: [plate_read], cut_cost: 1}
)");
    const ConfigurationView view(scenario, {});
    std::vector<std::string> ids;
    for (const Lever& lever : available_levers(view)) {
        ids.push_back(scenario.edges()[lever.index].id);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"0z", "agreement", "agreement_with_the_county",
                                             "agreement_with_the_county_a",
                                             "agreement_with_the_county_b", "agreemenu"}));
}

}  // namespace
}  // namespace flowsim
