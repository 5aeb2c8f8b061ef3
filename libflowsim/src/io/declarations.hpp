#pragma once

#include "load_context.hpp"

// The second pass of the loader: what other parts of a scenario refer to.
namespace flowsim::io::detail {

/// Declares, from every opened document, the sources, data kinds (after the built-in
/// footage and plate_read), parameters and gates, then the nodes of YAML files and CSV
/// node tables, so that references may point forwards and across files. Every problem
/// is reported to `context.sink`.
void declare_everything(LoadContext& context);

}  // namespace flowsim::io::detail
