#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flowsim {

/// A calendar date (proleptic Gregorian), as scenarios write them: YYYY-MM-DD.
struct Date {
    int year = 0;
    int month = 0;
    int day = 0;

    /// Parses exactly "YYYY-MM-DD" with a day that exists in that month; nothing else.
    static std::optional<Date> parse(std::string_view text);
    /// "YYYY-MM-DD".
    std::string to_string() const;
};

bool operator<(const Date& a, const Date& b);
bool operator==(const Date& a, const Date& b);
inline bool operator!=(const Date& a, const Date& b) {
    return !(a == b);
}
inline bool operator<=(const Date& a, const Date& b) {
    return !(b < a);
}

/// The day before `date` (0001-01-01 itself: there is none before it).
Date previous_day(const Date& date);

/// A validity window: in force on dates `since <= d < until`; a missing end is open.
struct DateWindow {
    std::optional<Date> since;
    std::optional<Date> until;

    /// True when `date` lies inside the window; with no date, always true (dates are
    /// not checked when neither --as-of nor the scenario's as_of gives one).
    bool contains(const std::optional<Date>& date) const;
};

}  // namespace flowsim
