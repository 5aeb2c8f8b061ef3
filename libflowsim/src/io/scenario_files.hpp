#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "load_context.hpp"

// The first pass of the loader: open the top file and, depth first, every file it
// includes (YAML files and CSV tables, paths relative to the including file).
namespace flowsim::io::detail {

/// Reads a whole file of at most `max_bytes`; on failure returns nothing and says why in
/// `why` ("no such file", "not a regular file", ...).
std::optional<std::string> read_text_file(const std::string& path,
                                          std::size_t max_bytes,
                                          std::string& why);

/// Parses `text`, the top file named `display_name`, and every file it includes, into
/// `context.documents` (top first) and `context.texts`. Include cycles, repeats, files
/// that cannot be read and YAML that cannot be parsed are reported; a CSV table is told
/// by its header (`id,kind` or `from,to`).
void open_scenario(LoadContext& context, std::string text, const std::string& display_name);

}  // namespace flowsim::io::detail
