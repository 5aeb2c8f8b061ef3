#pragma once

#include <iosfwd>

#include <flowsim/io/scenario_loader.hpp>

namespace flowsim::cli {

/// Writes the loader's diagnostics GNU style, each with its source line and caret,
/// followed by the error count.
void print_diagnostics(std::ostream& out, const io::LoadResult& result);

}  // namespace flowsim::cli
