#pragma once

#include <optional>
#include <string_view>

namespace flowsim {

/// How well public evidence supports an edge, strongest first. A route's evidence is
/// its weakest edge's.
enum class Evidence { kDocumented, kReported, kAlleged, kAnnounced, kHypothetical };

/// "documented", "reported", ...
std::string_view evidence_name(Evidence evidence);
/// The inverse of evidence_name; nullopt for anything else.
std::optional<Evidence> parse_evidence(std::string_view text);
/// True when `evidence` is at least as strong as `floor`.
bool at_least(Evidence evidence, Evidence floor);

}  // namespace flowsim
