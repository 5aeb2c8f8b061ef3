#pragma once

#include <string>

namespace flowsim {

/// A place in an input file, 1-based like GNU diagnostics. `line == 0` means the whole
/// file; `column == 0` means the whole line. `file` is the display name the loader was
/// given, so messages do not depend on the working directory.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
};

}  // namespace flowsim
