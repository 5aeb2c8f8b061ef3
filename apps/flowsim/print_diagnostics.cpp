#include "flowsim/print_diagnostics.hpp"

#include <ostream>

namespace flowsim::cli {

void print_diagnostics(std::ostream& out, const io::LoadResult& result) {
    out << format_diagnostics(result.diagnostics, result.texts);
}

}  // namespace flowsim::cli
