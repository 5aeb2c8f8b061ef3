#include "flowsim/print_diagnostics.hpp"

#include <ostream>

namespace flowsim::cli {

void print_diagnostics(std::ostream& out, const io::LoadResult& result) {
    out << io::format_diagnostics(result);
}

}  // namespace flowsim::cli
