// How work ended: the merge order and the one stop check.
#include "flowsim/completion.hpp"

#include <atomic>

#include <gtest/gtest.h>

namespace flowsim {
namespace {

TEST(Completion, MergeKeepsTheStrongestEnding) {
    Completion whole;
    EXPECT_TRUE(whole.complete());
    whole.merge(Completion{});
    EXPECT_TRUE(whole.complete());
    whole.merge(Completion::limited());
    EXPECT_FALSE(whole.complete());
    EXPECT_FALSE(whole.cut_short());
    whole.merge(Completion::interrupted_now());
    EXPECT_TRUE(whole.interrupted());
    whole.merge(Completion::timed_out_now());
    EXPECT_TRUE(whole.timed_out());
    EXPECT_TRUE(whole.cut_short());
    whole.merge(Completion::interrupted_now()).merge(Completion::limited());
    EXPECT_EQ(whole, Completion::timed_out_now());
}

TEST(StopCondition, CheckSaysWhyToStop) {
    EXPECT_TRUE(StopCondition{}.check().complete());
    StopCondition stop(StopCondition::Clock::now() - std::chrono::seconds(1));
    EXPECT_TRUE(stop.check().timed_out());
    std::atomic<bool> flag{false};
    stop.interrupted = &flag;
    EXPECT_TRUE(stop.check().timed_out());
    flag = true;
    EXPECT_TRUE(stop.check().interrupted());
    stop.deadline.reset();
    EXPECT_TRUE(stop.check().interrupted());
    flag = false;
    EXPECT_TRUE(stop.check().complete());
}

}  // namespace
}  // namespace flowsim
