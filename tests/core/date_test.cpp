#include "flowsim/date.hpp"

#include <gtest/gtest.h>

namespace flowsim {
namespace {

TEST(Date, ParsesIsoDates) {
    const auto date = Date::parse("2025-08-25");
    ASSERT_TRUE(date);
    EXPECT_EQ(date->year, 2025);
    EXPECT_EQ(date->month, 8);
    EXPECT_EQ(date->day, 25);
    EXPECT_EQ(date->to_string(), "2025-08-25");
}

TEST(Date, RefusesDaysThatDoNotExist) {
    EXPECT_FALSE(Date::parse("2025-02-29"));
    EXPECT_TRUE(Date::parse("2024-02-29"));
    EXPECT_FALSE(Date::parse("1900-02-29"));
    EXPECT_TRUE(Date::parse("2000-02-29"));
    EXPECT_FALSE(Date::parse("2025-13-01"));
    EXPECT_FALSE(Date::parse("2025-04-31"));
    EXPECT_FALSE(Date::parse("2025-00-10"));
}

TEST(Date, RefusesOtherSpellings) {
    for (const char* text : {"2025-8-25", "25-08-2025", "2025/08/25", "2025-08-25T00:00",
                             " 2025-08-25", "", "abcd-ef-gh", "0000-01-01"}) {
        EXPECT_FALSE(Date::parse(text)) << text;
    }
}

TEST(Date, OrdersChronologically) {
    EXPECT_LT(*Date::parse("2025-08-24"), *Date::parse("2025-08-25"));
    EXPECT_LT(*Date::parse("2024-12-31"), *Date::parse("2025-01-01"));
    EXPECT_FALSE(*Date::parse("2025-08-25") < *Date::parse("2025-08-25"));
}

TEST(DateWindow, UntilIsExclusiveAndNoDateMeansAlways) {
    const DateWindow window{Date::parse("2025-04-10"), Date::parse("2025-08-25")};
    EXPECT_FALSE(window.contains(Date::parse("2025-04-09")));
    EXPECT_TRUE(window.contains(Date::parse("2025-04-10")));
    EXPECT_TRUE(window.contains(Date::parse("2025-08-24")));
    EXPECT_FALSE(window.contains(Date::parse("2025-08-25")));
    EXPECT_TRUE(window.contains(std::nullopt));
    EXPECT_TRUE(DateWindow{}.contains(Date::parse("1999-01-01")));
}

}  // namespace
}  // namespace flowsim
