#pragma once

namespace flowsim {

/// The flowsim release, printed by `flowsim --version`.
inline constexpr const char* kVersion = "0.1.0";

/// The scenario format version this release reads (`flowsim: 1`).
inline constexpr int kFormatVersion = 1;

}  // namespace flowsim
