#include "flowsim/source_support.hpp"

#include <string>

namespace flowsim {
namespace {

// The kinds that can support `status`, for messages: "a record, law, filing or statement".
std::string kinds_that_support(Evidence status) {
    std::vector<std::string_view> names;
    for (int kind = 0; kind <= static_cast<int>(SourceKind::kSecondary); ++kind) {
        if (kind_supports(static_cast<SourceKind>(kind), status)) {
            names.push_back(source_kind_name(static_cast<SourceKind>(kind)));
        }
    }
    std::string text = "a ";
    for (std::size_t i = 0; i < names.size(); ++i) {
        text += i == 0 ? "" : i + 1 == names.size() ? " or " : ", ";
        text += names[i];
    }
    return text;
}

}  // namespace

bool kind_supports(SourceKind kind, Evidence status) {
    switch (status) {
        case Evidence::kDocumented:
            return kind == SourceKind::kRecord || kind == SourceKind::kLaw ||
                   kind == SourceKind::kFiling || kind == SourceKind::kStatement;
        case Evidence::kReported:
            return kind != SourceKind::kSecondary;
        case Evidence::kAlleged:
        case Evidence::kAnnounced:
        case Evidence::kHypothetical:
            break;
    }
    return true;
}

std::vector<Diagnostic> source_support_warnings(const Scenario& scenario) {
    std::vector<Diagnostic> warnings;
    std::vector<bool> cited(scenario.sources().size(), false);
    for (const Edge& edge : scenario.edges()) {
        for (const SourceIndex source : edge.sources) {
            cited[source] = true;
        }
        if (edge.status == Evidence::kHypothetical) {
            continue;
        }
        const SourceLocation& where = edge.status_where.line > 0 ? edge.status_where : edge.where;
        const std::string status(evidence_name(edge.status));
        if (edge.sources.empty()) {
            warnings.push_back({Severity::kWarning, where,
                                "edge '" + edge.id + "' is " + status +
                                    " but cites no source; cite one, or make it hypothetical"});
            continue;
        }
        bool supported = false;
        std::string kinds;
        for (const SourceIndex index : edge.sources) {
            const Source& source = scenario.sources()[index];
            supported = supported || !source.kind || kind_supports(*source.kind, edge.status);
            if (source.kind) {
                kinds += (kinds.empty() ? "" : ", ") + std::string(source_kind_name(*source.kind)) +
                         " '" + source.id + "'";
            }
        }
        if (!supported) {
            warnings.push_back({Severity::kWarning, where,
                                "edge '" + edge.id + "' is " + status + ", which needs " +
                                    kinds_that_support(edge.status) +
                                    " among its sources; it cites " + kinds});
        }
    }
    for (const Policy& policy : scenario.policies()) {
        for (const SourceIndex source : policy.sources) {
            cited[source] = true;
        }
    }
    for (std::size_t i = 0; i < cited.size(); ++i) {
        const Source& source = scenario.sources()[i];
        if (cited[i] && !source.kind) {
            warnings.push_back({Severity::kWarning, source.where,
                                "source '" + source.id +
                                    "' is cited but has no kind; add one of record, law, filing, "
                                    "statement, news, advocacy, secondary"});
        }
    }
    sort_diagnostics(warnings);
    return warnings;
}

}  // namespace flowsim
