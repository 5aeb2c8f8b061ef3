#include "flowsim/policy.hpp"

#include <gtest/gtest.h>

namespace flowsim {
namespace {

Node make_node(std::string id,
               NodeKind kind,
               std::optional<std::string> state,
               std::vector<std::string> tags = {}) {
    Node node;
    node.id = std::move(id);
    node.kind = kind;
    node.jurisdiction.state = std::move(state);
    node.tags = std::move(tags);
    return node;
}

TEST(Matcher, EmptyMatchesEverything) {
    EXPECT_TRUE(Matcher{}.matches(make_node("a", NodeKind::kCamera, std::nullopt), 0));
}

TEST(Matcher, EveryGivenFieldMustMatchAndListsMatchAny) {
    Matcher matcher;
    matcher.kinds = {NodeKind::kLocalAgency, NodeKind::kStateAgency};
    matcher.states = {"IL", "CA"};
    EXPECT_TRUE(matcher.matches(make_node("pd", NodeKind::kLocalAgency, "IL"), 0));
    EXPECT_TRUE(matcher.matches(make_node("sp", NodeKind::kStateAgency, "CA"), 0));
    EXPECT_FALSE(matcher.matches(make_node("pd", NodeKind::kLocalAgency, "TX"), 0));
    EXPECT_FALSE(matcher.matches(make_node("cam", NodeKind::kCamera, "IL"), 0));
}

TEST(Matcher, AMissingFieldDoesNotMatchButDoesUnderNot) {
    Matcher in_illinois;
    in_illinois.states = {"IL"};
    const Node federal = make_node("ice", NodeKind::kFederalAgency, std::nullopt);
    EXPECT_FALSE(in_illinois.matches(federal, 0));

    Matcher outside_illinois;
    outside_illinois.negated = std::make_shared<const Matcher>(in_illinois);
    EXPECT_TRUE(outside_illinois.matches(federal, 0));
    EXPECT_FALSE(outside_illinois.matches(make_node("pd", NodeKind::kLocalAgency, "IL"), 0));
}

TEST(Matcher, TagsMatchAnyAndIdsByIndex) {
    Matcher matcher;
    matcher.tags = {"ice", "cbp"};
    EXPECT_TRUE(
        matcher.matches(make_node("hsi", NodeKind::kFederalAgency, std::nullopt, {"ice"}), 3));
    EXPECT_FALSE(
        matcher.matches(make_node("fbi", NodeKind::kFederalAgency, std::nullopt, {"doj"}), 3));
    Matcher by_id;
    by_id.ids = {3};
    EXPECT_TRUE(by_id.matches(make_node("x", NodeKind::kOther, std::nullopt), 3));
    EXPECT_FALSE(by_id.matches(make_node("x", NodeKind::kOther, std::nullopt), 4));
}

}  // namespace
}  // namespace flowsim
