#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "flowsim/edge.hpp"

namespace flowsim {

class Scenario;

/// A set of nodes named on the command line or in a question: a node id, `tag:NAME`,
/// `kind:KIND`, or several of these joined by commas (their union).
struct Selector {
    enum class Type { kNode, kTag, kKind };
    struct Term {
        Type type = Type::kNode;
        std::string value;
        std::size_t offset = 0;  ///< byte offset of the term in `text`
    };
    std::string text;
    std::vector<Term> terms;
};

/// A problem with a selector, at a byte offset into its text.
struct SelectorError {
    std::size_t offset = 0;
    std::string message;
};

/// Splits `text` into terms. Syntax errors (an empty term, an unknown prefix such as
/// `tags:`) go to `errors`; the terms that parsed are kept.
Selector parse_selector(std::string_view text, std::vector<SelectorError>& errors);

/// Every name in `selector` that the scenario lacks: an unknown node id, a tag no node
/// carries, a kind that does not exist — each with a "did you mean" hint where one is close.
std::vector<SelectorError> selector_errors(const Scenario& scenario, const Selector& selector);

/// The nodes `selector` names, ascending and distinct. Unknown names select nothing.
std::vector<NodeIndex> select_nodes(const Scenario& scenario, const Selector& selector);

}  // namespace flowsim
