#include "flowsim/selector.hpp"

#include <gtest/gtest.h>

#include <flowsim/scenario.hpp>

namespace flowsim {
namespace {

Scenario three_nodes() {
    ScenarioParts parts;
    const auto add = [&](std::string id, NodeKind kind, std::vector<std::string> tags) {
        Node node;
        node.id = std::move(id);
        node.kind = kind;
        node.tags = std::move(tags);
        parts.nodes.push_back(std::move(node));
    };
    add("cams", NodeKind::kCamera, {"flock"});
    add("ice_ero", NodeKind::kFederalAgency, {"ice"});
    add("hsi", NodeKind::kFederalAgency, {"ice"});
    return Scenario(std::move(parts));
}

Selector parse_ok(std::string_view text) {
    std::vector<SelectorError> errors;
    Selector selector = parse_selector(text, errors);
    EXPECT_TRUE(errors.empty()) << text;
    return selector;
}

TEST(Selector, ParsesTermsWithOffsets) {
    const Selector selector = parse_ok("cams, tag:ice,kind:camera");
    ASSERT_EQ(selector.terms.size(), 3U);
    EXPECT_EQ(selector.terms[0].type, Selector::Type::kNode);
    EXPECT_EQ(selector.terms[1].type, Selector::Type::kTag);
    EXPECT_EQ(selector.terms[1].value, "ice");
    EXPECT_EQ(selector.terms[1].offset, 10U);
    EXPECT_EQ(selector.terms[2].type, Selector::Type::kKind);
}

TEST(Selector, ReportsSyntaxErrors) {
    std::vector<SelectorError> errors;
    parse_selector("a,,tags:ice,tag:", errors);
    ASSERT_EQ(errors.size(), 3U);
    EXPECT_EQ(errors[0].offset, 2U);
    EXPECT_EQ(errors[0].message, "empty selector term");
    EXPECT_EQ(errors[1].message,
              "unknown selector prefix 'tags:' (did you mean 'tag:'?); use a node id, tag:NAME or "
              "kind:KIND");
    EXPECT_EQ(errors[2].message, "selector 'tag:' names nothing");
}

TEST(Selector, SelectsTheUnionAscending) {
    const Scenario scenario = three_nodes();
    EXPECT_EQ(select_nodes(scenario, parse_ok("tag:ice,cams")), (std::vector<NodeIndex>{0, 1, 2}));
    EXPECT_EQ(select_nodes(scenario, parse_ok("kind:federal_agency")),
              (std::vector<NodeIndex>{1, 2}));
    EXPECT_EQ(select_nodes(scenario, parse_ok("hsi,hsi")), (std::vector<NodeIndex>{2}));
}

TEST(Selector, NamesWhatTheScenarioLacks) {
    const Scenario scenario = three_nodes();
    const auto errors = selector_errors(scenario, parse_ok("ice_er,tag:icee,kind:camra"));
    ASSERT_EQ(errors.size(), 3U);
    EXPECT_EQ(errors[0].message, "unknown node 'ice_er' (did you mean 'ice_ero'?)");
    EXPECT_EQ(errors[1].message, "no node has tag 'icee' (did you mean 'ice'?)");
    EXPECT_EQ(errors[2].message, "unknown node kind 'camra' (did you mean 'camera'?)");
    EXPECT_TRUE(selector_errors(scenario, parse_ok("tag:ice")).empty());
}

}  // namespace
}  // namespace flowsim
