#pragma once

#include <string>
#include <string_view>

#include "load_context.hpp"

// The first pass of the loader: open the top file and, depth first, every file it
// includes (YAML files and CSV tables, paths relative to the including file).
namespace flowsim::io::detail {

/// Parses `text`, the top file named `display_name`, and every file it includes, into
/// `context.documents` (top first); YAML files become trees and their text is let go,
/// CSV tables keep theirs until read. Includes are confined to the top file's folder and
/// `limits.include_dirs`; include cycles, repeats, files that cannot be read, files in
/// UTF-16 or UTF-32, and YAML that cannot be parsed are reported; a CSV table is told by
/// its header (`id,kind` or `from,to`). `owned`, when given, holds `text` and is let go
/// once the top file's tree is built.
void open_scenario(LoadContext& context,
                   std::string_view text,
                   const std::string& display_name,
                   std::string* owned = nullptr);

}  // namespace flowsim::io::detail
