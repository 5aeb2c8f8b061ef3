#include "flowsim/duration.hpp"

#include <cmath>

namespace flowsim {
namespace {

struct Unit {
    char letter;
    Seconds seconds;
};

// Largest first: the order parts must be written in, and the order format_duration uses.
constexpr Unit kUnits[] = {{'y', Seconds{365} * 86400},
                           {'w', Seconds{7} * 86400},
                           {'d', 86400},
                           {'h', 3600},
                           {'m', 60},
                           {'s', 1}};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::optional<Seconds> fail(DurationError* error, std::size_t offset, std::string message) {
    if (error != nullptr) {
        *error = {offset, std::move(message)};
    }
    return std::nullopt;
}

}  // namespace

std::optional<Seconds> parse_duration(std::string_view text, DurationError* error) {
    const std::string_view units = "a duration such as 30m, 6h or 3d (units s, m, h, d, w, y)";
    if (text == "0") {
        return 0;
    }
    if (text.empty()) {
        return fail(error, 0, std::string("expected ") + std::string(units) + ", got nothing");
    }
    if (text[0] == '-') {
        return fail(error, 0, "a duration must not be negative");
    }
    double total = 0;
    std::size_t at = 0;
    std::size_t last_unit = 0;  // index into kUnits of the previous part's unit, plus one
    while (at < text.size()) {
        const std::size_t start = at;
        while (at < text.size() && is_digit(text[at])) {
            ++at;
        }
        const std::size_t whole_end = at;
        if (at < text.size() && text[at] == '.') {
            ++at;
            while (at < text.size() && is_digit(text[at])) {
                ++at;
            }
            if (at == whole_end + 1) {
                return fail(error, at, "expected a digit after the decimal point");
            }
        }
        if (whole_end == start && at < text.size() && text[at] == ' ') {
            return fail(error, at, "a duration has no spaces: write 30d, 1d12h");
        }
        if (whole_end == start) {
            return fail(error, start,
                        std::string("expected ") + std::string(units) + ", got '" +
                            std::string(text.substr(start, 1)) + "'");
        }
        if (at - start > 12) {
            return fail(error, start, "a duration must be at most 1000 years");
        }
        // By hand rather than strtod, which reads the decimal point of the C locale.
        double number = 0;
        double scale = 0.1;
        bool fraction = false;
        for (std::size_t i = start; i < at; ++i) {
            if (text[i] == '.') {
                fraction = true;
            } else if (!fraction) {
                number = number * 10 + (text[i] - '0');
            } else {
                number += (text[i] - '0') * scale;
                scale /= 10;
            }
        }
        if (at == text.size()) {
            return fail(error, at, "a duration needs a unit after its number: s, m, h, d, w or y");
        }
        if (text[at] == ' ') {
            return fail(error, at, "a duration has no spaces: write 30d, 1d12h");
        }
        std::size_t unit = 0;
        while (unit < std::size(kUnits) && kUnits[unit].letter != text[at]) {
            ++unit;
        }
        if (unit == std::size(kUnits)) {
            return fail(error, at,
                        "unknown unit '" + std::string(text.substr(at, 1)) +
                            "'; use s, m, h, d, w (weeks) or y (365 days)");
        }
        if (unit + 1 <= last_unit) {
            return fail(error, at, "units must come largest first, each once (write 1d12h)");
        }
        last_unit = unit + 1;
        total += number * static_cast<double>(kUnits[unit].seconds);
        ++at;
        if (total > static_cast<double>(kMaxDuration)) {
            return fail(error, start, "a duration must be at most 1000 years");
        }
    }
    return static_cast<Seconds>(std::llround(total));
}

std::string format_duration(Seconds seconds) {
    if (seconds == 0) {
        return "0";
    }
    std::string text = seconds < 0 ? "-" : "";
    Seconds rest = seconds < 0 ? -seconds : seconds;
    for (const Unit& unit : kUnits) {
        if (unit.letter == 'w') {
            continue;
        }
        if (rest >= unit.seconds) {
            text += std::to_string(rest / unit.seconds) + unit.letter;
            rest %= unit.seconds;
        }
    }
    return text;
}

}  // namespace flowsim
