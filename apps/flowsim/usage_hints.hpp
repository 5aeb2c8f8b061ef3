#pragma once

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace flowsim::cli {

/// After CLI11 refused the command line `argv` given to `app`: a message that names the
/// mistake and the nearest valid word (spelling.hpp), when the mistake is an unknown
/// command ("unknown command 'quer'; did you mean 'query'?") or an option the chosen
/// command does not have ("query: unknown option '--form'; did you mean '--format'?").
/// Nothing for any other mistake: CLI11's own message then stands.
std::optional<std::string> usage_hint(const CLI::App& app, int argc, const char* const* argv);

}  // namespace flowsim::cli
