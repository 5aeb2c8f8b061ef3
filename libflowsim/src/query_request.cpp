#include "flowsim/query_request.hpp"

#include <algorithm>

#include "flowsim/spelling.hpp"

namespace flowsim {
namespace {

template <typename T>
std::vector<std::string_view> ids_of(const std::vector<T>& items) {
    std::vector<std::string_view> ids;
    for (const T& item : items) {
        ids.push_back(item.id);
    }
    return ids;
}

std::vector<NodeIndex> resolve_selector(const Scenario& scenario,
                                        std::string_view text,
                                        std::string_view option,
                                        std::vector<std::string>& errors) {
    std::vector<SelectorError> problems;
    const Selector selector = parse_selector(text, problems);
    for (const SelectorError& error : selector_errors(scenario, selector)) {
        problems.push_back(error);
    }
    for (const SelectorError& problem : problems) {
        errors.push_back(std::string(option) + ": " + problem.message);
    }
    return select_nodes(scenario, selector);
}

}  // namespace

bool has_default_targets(const Scenario& scenario) {
    return std::binary_search(scenario.tags().begin(), scenario.tags().end(), kDefaultTargetTag);
}

std::vector<NodeIndex> producing_nodes(const Scenario& scenario) {
    std::vector<NodeIndex> result;
    for (NodeIndex i = 0; i < scenario.nodes().size(); ++i) {
        if (!scenario.nodes()[i].produces.empty()) {
            result.push_back(i);
        }
    }
    return result;
}

ResolvedQuery resolve_request(const Scenario& scenario,
                              const QueryRequest& request,
                              std::vector<std::string>& errors) {
    ResolvedQuery resolved;
    resolved.configuration_name = "default";
    if (request.configuration) {
        resolved.configuration_name = *request.configuration;
        resolved.activity.configuration = scenario.find_configuration(*request.configuration);
        if (!resolved.activity.configuration) {
            errors.push_back(
                "--config: unknown configuration '" + *request.configuration + "'" +
                did_you_mean(*request.configuration, ids_of(scenario.configurations())));
        }
    }
    for (const std::string& setting : request.settings) {
        const std::size_t equals = setting.find('=');
        const std::string name = setting.substr(0, equals);
        const std::string value = equals == std::string::npos ? "" : setting.substr(equals + 1);
        const auto parameter = scenario.find_parameter(name);
        if (!parameter) {
            errors.push_back("--set: unknown parameter '" + name + "'" +
                             did_you_mean(name, ids_of(scenario.parameters())));
        } else if (value != "true" && value != "false") {
            errors.push_back("--set: expected NAME=true or NAME=false, got '" + setting + "'");
        } else {
            resolved.activity.settings.emplace_back(*parameter, value == "true");
        }
    }
    if (request.min_evidence) {
        if (const auto floor = parse_evidence(*request.min_evidence)) {
            resolved.activity.min_evidence = *floor;
        } else {
            errors.push_back("--min-evidence: unknown status '" + *request.min_evidence +
                             "'; use documented, reported, alleged, announced or hypothetical");
        }
    }
    for (const std::string& gate : request.without) {
        if (const auto index = scenario.find_gate(gate)) {
            resolved.activity.without.push_back(*index);
        } else {
            errors.push_back("--without: unknown gate '" + gate + "'" +
                             did_you_mean(gate, ids_of(scenario.gates())));
        }
    }
    if (request.as_of) {
        resolved.activity.as_of = Date::parse(*request.as_of);
        if (!resolved.activity.as_of) {
            errors.push_back("--as-of: expected a date YYYY-MM-DD, got '" + *request.as_of + "'");
        }
    }
    RouteQuery& routes = resolved.routes;
    if (request.data) {
        routes.data = scenario.find_data_kind(*request.data);
        if (!routes.data) {
            errors.push_back("--data: unknown data kind '" + *request.data + "'" +
                             did_you_mean(*request.data, ids_of(scenario.data_kinds())));
        }
    }
    routes.from = request.from ? resolve_selector(scenario, *request.from, "--from", errors)
                               : producing_nodes(scenario);
    if (request.to || has_default_targets(scenario)) {
        routes.to = resolve_selector(
            scenario, request.to.value_or("tag:" + std::string(kDefaultTargetTag)), "--to", errors);
    } else {
        errors.push_back("the scenario has no node tagged '" + std::string(kDefaultTargetTag) +
                         "', the default target: tag the targets '" +
                         std::string(kDefaultTargetTag) + "', or name them with --to");
    }
    if (request.via) {
        routes.via = resolve_selector(scenario, *request.via, "--via", errors);
    }
    if (request.avoid) {
        routes.avoid = resolve_selector(scenario, *request.avoid, "--avoid", errors);
    }
    routes.max_hops = request.max_hops;
    return resolved;
}

ResolvedQuery resolve_question(const Scenario& scenario, const Question& question) {
    ResolvedQuery resolved;
    resolved.configuration_name =
        question.configuration ? scenario.configurations()[*question.configuration].id : "default";
    resolved.activity.configuration = question.configuration;
    resolved.activity.as_of = question.as_of;
    resolved.activity.min_evidence = question.min_evidence.value_or(Evidence::kHypothetical);
    resolved.activity.without = question.without;
    resolved.routes.data = question.data;
    resolved.routes.from = select_nodes(scenario, question.from);
    resolved.routes.to = select_nodes(scenario, question.to);
    if (question.via) {
        resolved.routes.via = select_nodes(scenario, *question.via);
    }
    if (question.avoid) {
        resolved.routes.avoid = select_nodes(scenario, *question.avoid);
    }
    return resolved;
}

}  // namespace flowsim
