#pragma once

namespace flowsim::io {

// The style and the script of an explorable report (explorer_writer): inline in the page,
// which loads nothing. The script reads the page's data (docs/cli.md, "The explorer's
// data") and only looks answers up and draws them; the Content-Security-Policy names it
// by its SHA-256, so no other script can run.

extern const char* const kExplorerStyle;
extern const char* const kExplorerScript;

}  // namespace flowsim::io
