#include "flowsim/duration.hpp"

#include <gtest/gtest.h>

namespace flowsim {
namespace {

constexpr Seconds kDay = 86400;

TEST(Duration, ReadsEveryUnitAndCompoundParts) {
    EXPECT_EQ(parse_duration("0"), 0);
    EXPECT_EQ(parse_duration("45s"), 45);
    EXPECT_EQ(parse_duration("30m"), 1800);
    EXPECT_EQ(parse_duration("6h"), 6 * 3600);
    EXPECT_EQ(parse_duration("3d"), 3 * kDay);
    EXPECT_EQ(parse_duration("2w"), 14 * kDay);
    EXPECT_EQ(parse_duration("5y"), 5 * 365 * kDay);
    EXPECT_EQ(parse_duration("1d12h"), kDay + 12 * 3600);
    EXPECT_EQ(parse_duration("1.5d"), kDay + 12 * 3600);
    EXPECT_EQ(parse_duration("0d"), 0);
    EXPECT_EQ(parse_duration("1000y"), kMaxDuration);
}

TEST(Duration, SaysWhatIsWrongAndWhere) {
    const auto error_of = [](std::string_view text) {
        DurationError error;
        EXPECT_FALSE(parse_duration(text, &error).has_value()) << text;
        return std::to_string(error.offset) + ": " + error.message;
    };
    EXPECT_EQ(error_of("3"), "1: a duration needs a unit after its number: s, m, h, d, w or y");
    EXPECT_EQ(error_of("3x"), "1: unknown unit 'x'; use s, m, h, d, w (weeks) or y (365 days)");
    EXPECT_EQ(error_of("-2d"), "0: a duration must not be negative");
    EXPECT_EQ(error_of("1h2d"), "3: units must come largest first, each once (write 1d12h)");
    EXPECT_EQ(error_of("1d1d"), "3: units must come largest first, each once (write 1d12h)");
    EXPECT_EQ(error_of("1.d"), "2: expected a digit after the decimal point");
    EXPECT_EQ(error_of("soon"),
              "0: expected a duration such as 30m, 6h or 3d (units s, m, h, d, w, y), got 's'");
    EXPECT_EQ(error_of(""),
              "0: expected a duration such as 30m, 6h or 3d (units s, m, h, d, w, y), got "
              "nothing");
    EXPECT_EQ(error_of("30 days"), "2: a duration has no spaces: write 30d, 1d12h");
    EXPECT_EQ(error_of("1d 2h"), "2: a duration has no spaces: write 30d, 1d12h");
    EXPECT_EQ(error_of("1001y"), "0: a duration must be at most 1000 years");
    EXPECT_EQ(error_of("99999999999999d"), "0: a duration must be at most 1000 years");
}

TEST(Duration, WritesTheShortestSpellingThatReadsBack) {
    EXPECT_EQ(format_duration(0), "0");
    EXPECT_EQ(format_duration(1800), "30m");
    EXPECT_EQ(format_duration(3 * kDay), "3d");
    EXPECT_EQ(format_duration(14 * kDay), "14d");
    EXPECT_EQ(format_duration(kDay + 12 * 3600 + 5), "1d12h5s");
    EXPECT_EQ(format_duration(366 * kDay), "1y1d");
    for (const Seconds seconds :
         {Seconds{1}, Seconds{59}, Seconds{3661}, 90 * kDay, kMaxDuration}) {
        EXPECT_EQ(parse_duration(format_duration(seconds)), seconds);
    }
}

}  // namespace
}  // namespace flowsim
