#pragma once

#include <vector>

#include "flowsim/diagnostic.hpp"
#include "flowsim/evidence.hpp"
#include "flowsim/scenario.hpp"
#include "flowsim/source_kind.hpp"

namespace flowsim {

/// Whether one source of kind `kind` is enough to support an edge at `status`
/// (docs/method.md §4): `documented` needs a record, law, filing or statement;
/// `reported` also accepts news and advocacy; `alleged` and `announced` accept any kind;
/// `hypothetical` needs no source, so every kind supports it.
bool kind_supports(SourceKind kind, Evidence status);

/// The warnings `flowsim check` gives about sources, sorted:
/// - an edge above `hypothetical` that cites no source (at its `status`);
/// - an edge whose status no cited source's kind supports (at its `status`); an edge
///   citing a source without a kind is not judged, since that source might be enough;
/// - a source cited by an edge or a policy that has no `kind` (at its id, once).
/// Whether a `statement` speaks about the party's own product or practice (the only case
/// in which it supports `documented`) is for a person to judge, not this check.
std::vector<Diagnostic> source_support_warnings(const Scenario& scenario);

}  // namespace flowsim
