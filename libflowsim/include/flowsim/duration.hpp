#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowsim {

/// A length of time in whole seconds: an edge's `delay`, a node's `retention`, an exposure
/// time. Whole seconds keep sums exact, so equal route delays tie exactly.
using Seconds = std::int64_t;

/// The longest duration a scenario or an option may give: 1000 years. Route delays are
/// sums of at most a few million of these, far inside 64 bits.
inline constexpr Seconds kMaxDuration = Seconds{1000} * 365 * 24 * 3600;

/// Why a text is not a duration, at a byte offset into it.
struct DurationError {
    std::size_t offset = 0;
    std::string message;
};

/// Parses a duration as scenarios and options write it: one or more parts NUMBER UNIT,
/// largest unit first (`30m`, `6h`, `3d`, `1d12h`, `1.5d`), units `s`, `m` (minutes), `h`,
/// `d`, `w` (7 days) and `y` (365 days); or `0`. Rounded to whole seconds. Nothing, with
/// `error` set when given, for anything else: no unit, an unknown or repeated unit, a
/// negative value, more than kMaxDuration.
std::optional<Seconds> parse_duration(std::string_view text, DurationError* error = nullptr);

/// The shortest spelling parse_duration reads back as `seconds`: "0", "30m", "3d", "1d12h",
/// "1y2d", with `w` never used (weeks read as days). Negative values are written with '-'.
std::string format_duration(Seconds seconds);

}  // namespace flowsim
