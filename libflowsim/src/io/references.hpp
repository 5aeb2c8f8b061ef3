#pragma once

#include <flowsim/scenario.hpp>

#include "load_context.hpp"

// The third pass of the loader: everything that refers to declarations.
namespace flowsim::io::detail {

/// Reads, from every opened document, the edges (YAML lists and CSV edge tables) and
/// policies, and from the top file the header, configurations and questions; every
/// reference is checked against the declarations, with a hint when a close name exists.
void resolve_everything(LoadContext& context);

/// Checks the questions' selectors (nodes, tags, kinds) against the built `scenario`.
void check_question_selectors(LoadContext& context, const Scenario& scenario);

}  // namespace flowsim::io::detail
