#include "flowsim/spelling.hpp"

#include <gtest/gtest.h>

namespace flowsim {
namespace {

TEST(Spelling, SuggestsTheClosestCandidate) {
    EXPECT_EQ(closest_match("icee", {"ice", "hsi", "cbp"}), "ice");
    EXPECT_EQ(closest_match("fotage", {"footage", "plate_read"}), "footage");
}

TEST(Spelling, CountsASwapOfNeighboursAsOneEdit) {
    EXPECT_EQ(closest_match("lable", {"label", "tags"}), "label");
}

TEST(Spelling, StaysQuietWhenNothingIsClose) {
    EXPECT_FALSE(closest_match("zzzz", {"ice", "footage"}));
    EXPECT_FALSE(closest_match("", {"a"}));
    EXPECT_EQ(did_you_mean("zzzz", {"ice"}), "");
}

TEST(Spelling, NeverSuggestsTheWordItself) {
    EXPECT_FALSE(closest_match("ice", {"ice"}));
}

TEST(Spelling, BreaksTiesBySortOrder) {
    EXPECT_EQ(closest_match("ab", {"ac", "aa"}), "aa");
    EXPECT_EQ(closest_match("ab", {"aa", "ac"}), "aa");
}

TEST(Spelling, FormatsTheHint) {
    EXPECT_EQ(did_you_mean("icee", {"ice"}), " (did you mean 'ice'?)");
}

}  // namespace
}  // namespace flowsim
