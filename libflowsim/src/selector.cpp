#include "flowsim/selector.hpp"

#include <algorithm>

#include "flowsim/scenario.hpp"
#include "flowsim/spelling.hpp"

namespace flowsim {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

}  // namespace

Selector parse_selector(std::string_view text, std::vector<SelectorError>& errors) {
    Selector selector;
    selector.text = std::string(text);
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::size_t first = start;
        std::size_t last = end;
        while (first < last && is_space(text[first])) {
            ++first;
        }
        while (last > first && is_space(text[last - 1])) {
            --last;
        }
        const std::string_view term = text.substr(first, last - first);
        if (term.empty()) {
            errors.push_back({first, "empty selector term"});
        } else if (const std::size_t colon = term.find(':'); colon == std::string_view::npos) {
            selector.terms.push_back({Selector::Type::kNode, std::string(term), first});
        } else {
            const std::string_view prefix = term.substr(0, colon);
            const std::string_view value = term.substr(colon + 1);
            if (prefix == "tag" || prefix == "kind") {
                if (value.empty()) {
                    errors.push_back({first, "selector '" + std::string(term) + "' names nothing"});
                } else {
                    selector.terms.push_back(
                        {prefix == "tag" ? Selector::Type::kTag : Selector::Type::kKind,
                         std::string(value), first + colon + 1});
                }
            } else {
                errors.push_back(
                    {first, "unknown selector prefix '" + std::string(prefix) + ":'" +
                                did_you_mean(std::string(prefix) + ":", {"tag:", "kind:"}) +
                                "; use a node id, tag:NAME or kind:KIND"});
            }
        }
        start = end + 1;
    }
    return selector;
}

std::vector<SelectorError> selector_errors(const Scenario& scenario, const Selector& selector) {
    std::vector<SelectorError> errors;
    for (const Selector::Term& term : selector.terms) {
        switch (term.type) {
            case Selector::Type::kNode:
                if (!scenario.find_node(term.value)) {
                    std::vector<std::string_view> ids;
                    ids.reserve(scenario.nodes().size());
                    for (const Node& node : scenario.nodes()) {
                        ids.push_back(node.id);
                    }
                    errors.push_back({term.offset, "unknown node '" + term.value + "'" +
                                                       did_you_mean(term.value, ids)});
                }
                break;
            case Selector::Type::kTag:
                if (!std::binary_search(scenario.tags().begin(), scenario.tags().end(),
                                        term.value)) {
                    const std::vector<std::string_view> tags(scenario.tags().begin(),
                                                             scenario.tags().end());
                    errors.push_back({term.offset, "no node has tag '" + term.value + "'" +
                                                       did_you_mean(term.value, tags)});
                }
                break;
            case Selector::Type::kKind:
                if (!parse_node_kind(term.value)) {
                    errors.push_back(
                        {term.offset, "unknown node kind '" + term.value + "'" +
                                          did_you_mean(term.value, node_kind_names())});
                }
                break;
        }
    }
    return errors;
}

std::vector<NodeIndex> select_nodes(const Scenario& scenario, const Selector& selector) {
    std::vector<NodeIndex> result;
    for (const Selector::Term& term : selector.terms) {
        if (term.type == Selector::Type::kNode) {
            if (const auto index = scenario.find_node(term.value)) {
                result.push_back(*index);
            }
            continue;
        }
        const auto kind = parse_node_kind(term.value);
        for (std::size_t i = 0; i < scenario.nodes().size(); ++i) {
            const Node& node = scenario.nodes()[i];
            const bool selected = term.type == Selector::Type::kTag ? node.has_tag(term.value)
                                                                    : kind && node.kind == *kind;
            if (selected) {
                result.push_back(static_cast<NodeIndex>(i));
            }
        }
    }
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

}  // namespace flowsim
