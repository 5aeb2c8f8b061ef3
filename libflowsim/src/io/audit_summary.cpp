#include "flowsim/io/audit_summary.hpp"

#include <algorithm>
#include <cmath>

namespace flowsim::io {
namespace {

constexpr double kSmoothing = 10.0;
constexpr double kMinimumGap = 2.0;

double gap(std::int64_t a, std::int64_t b) {
    return (static_cast<double>(b) + kSmoothing) / (static_cast<double>(a) + kSmoothing);
}

std::string month_name(int month) {
    static const char* const names[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
    return month >= 1 && month <= 12 ? names[month - 1] : "?";
}

std::string month_span(const Date& first, const Date& last) {
    const std::string a = month_name(first.month) + " " + std::to_string(first.year);
    const std::string b = month_name(last.month) + " " + std::to_string(last.year);
    if (a == b) {
        return "in " + a;
    }
    if (first.year == last.year) {
        return "between " + month_name(first.month) + " and " + b;
    }
    return "between " + a + " and " + b;
}

std::string times(std::uint64_t count) {
    return count == 1 ? "once" : std::to_string(count) + " times";
}

}  // namespace

const char* scope_id(SearchScope scope) {
    switch (scope) {
        case SearchScope::kOwn:
            return "own";
        case SearchScope::kState:
            return "state";
        case SearchScope::kNational:
            return "national";
        case SearchScope::kUnknown:
            break;
    }
    return "unknown";
}

const char* scope_label(SearchScope scope) {
    switch (scope) {
        case SearchScope::kOwn:
            return "own cameras";
        case SearchScope::kState:
            return "statewide pool";
        case SearchScope::kNational:
            return "national network";
        case SearchScope::kUnknown:
            break;
    }
    return "no camera or unknown";
}

SearchScope ScopeBreaks::scope_of(std::optional<std::int64_t> cameras) const {
    // A search that covered no camera (cameras switched off) reached no scope.
    if (!cameras || *cameras == 0) {
        return SearchScope::kUnknown;
    }
    if (*cameras <= own_max) {
        return SearchScope::kOwn;
    }
    return *cameras <= state_max ? SearchScope::kState : SearchScope::kNational;
}

std::optional<ScopeBreaks> derive_scope_breaks(const CameraHistogram& histogram,
                                               std::optional<std::int64_t> own_cameras) {
    struct Gap {
        double ratio;
        std::int64_t below;
        std::int64_t above;
    };
    std::vector<Gap> gaps;
    std::optional<std::int64_t> previous;
    for (const auto& [count, searches] : histogram) {
        (void)searches;
        if (previous && (!own_cameras || *previous >= *own_cameras)) {
            const double ratio = gap(*previous, count);
            if (ratio >= kMinimumGap) {
                gaps.push_back({ratio, *previous, count});
            }
        }
        previous = count;
    }
    // Widest first; ties to the lower gap, so the result does not depend on order.
    std::sort(gaps.begin(), gaps.end(), [](const Gap& a, const Gap& b) {
        return a.ratio != b.ratio ? a.ratio > b.ratio : a.below < b.below;
    });
    const auto describe = [](const Gap& g) {
        char ratio[32];
        std::snprintf(ratio, sizeof ratio, "%.1f", g.ratio);
        return "no search covered between " + std::to_string(g.below) + " and " +
               std::to_string(g.above) + " cameras (gap x" + ratio + ")";
    };
    ScopeBreaks breaks;
    if (own_cameras) {
        if (gaps.empty()) {
            return std::nullopt;
        }
        breaks.own_max = *own_cameras;
        breaks.state_max = gaps.front().below;
        breaks.how = "own cameras: at most " + std::to_string(*own_cameras) +
                     " (given); statewide pool up to " + std::to_string(breaks.state_max) +
                     ", the widest gap above it: " + describe(gaps.front());
        return breaks;
    }
    if (gaps.size() < 2) {
        return std::nullopt;
    }
    Gap low = gaps[0];
    Gap high = gaps[1];
    if (high.below < low.below) {
        std::swap(low, high);
    }
    breaks.own_max = low.below;
    breaks.state_max = high.below;
    breaks.how =
        "from the data: the camera counts fall in three clusters, split at the two "
        "widest gaps between distinct counts: " +
        describe(low) + "; " + describe(high);
    return breaks;
}

AuditTally::AuditTally(const ReasonClassifier& classifier)
    : classifier_(&classifier), hit_counts_(classifier.categories().size(), 0) {}

void AuditTally::add(const std::string& file, const AuditRow& row) {
    char key[16];
    std::snprintf(key, sizeof key, "%04d-%02d", row.date.year % 10000, row.date.month % 100);
    AuditCounts& month = months_[key];
    if (month.by_category.empty()) {
        month.by_category.assign(classifier_->categories().size(), 0);
    }
    ++month.searches;
    ++searches_;
    const ReasonMatch match = classifier_->classify(row.reason);
    ++month.by_category[match.category];
    if (row.cameras) {
        ++month.cameras[*row.cameras];
        auto [at, inserted] = count_dates_.try_emplace(*row.cameras, row.date, row.date);
        if (!inserted) {
            at->second.first = std::min(at->second.first, row.date);
            at->second.second = std::max(at->second.second, row.date);
        }
    } else {
        ++month.without_cameras;
    }
    if (!first_ || row.date < *first_) {
        first_ = row.date;
    }
    if (!last_ || *last_ < row.date) {
        last_ = row.date;
    }
    if (classifier_->categories()[match.category].listed) {
        if (hit_counts_[match.category]++ < kMaxHits) {
            hits_.push_back({file, row.line, std::string(row.when), row.cameras,
                             std::string(row.reason), std::string(row.agency), match.category,
                             match.pattern});
        }
    }
}

AuditCounts AuditTally::total() const {
    AuditCounts total;
    total.by_category.assign(classifier_->categories().size(), 0);
    for (const auto& [key, month] : months_) {
        (void)key;
        total.searches += month.searches;
        total.without_cameras += month.without_cameras;
        for (std::size_t i = 0; i < month.by_category.size(); ++i) {
            total.by_category[i] += month.by_category[i];
        }
        for (const auto& [count, searches] : month.cameras) {
            total.cameras[count] += searches;
        }
    }
    return total;
}

std::uint64_t AuditTally::hit_count(std::size_t category) const {
    return category < hit_counts_.size() ? hit_counts_[category] : 0;
}

std::uint64_t AuditTally::immigration_hits() const {
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < hit_counts_.size(); ++i) {
        if (classifier_->categories()[i].immigration) {
            count += hit_counts_[i];
        }
    }
    return count;
}

std::vector<std::uint64_t> scope_counts(const AuditCounts& counts,
                                        const std::optional<ScopeBreaks>& breaks) {
    std::vector<std::uint64_t> scopes(kScopeCount, 0);
    scopes[static_cast<int>(SearchScope::kUnknown)] += counts.without_cameras;
    for (const auto& [count, searches] : counts.cameras) {
        const SearchScope scope = breaks ? breaks->scope_of(count) : SearchScope::kUnknown;
        scopes[static_cast<int>(scope)] += searches;
    }
    return scopes;
}

const std::vector<std::string>& scope_mechanisms(SearchScope scope) {
    static const std::vector<std::string> own = {"customer_ownership"};
    static const std::vector<std::string> state = {"statewide_lookup", "in_state_sharing"};
    static const std::vector<std::string> national = {"national_lookup"};
    static const std::vector<std::string> none;
    switch (scope) {
        case SearchScope::kOwn:
            return own;
        case SearchScope::kState:
            return state;
        case SearchScope::kNational:
            return national;
        case SearchScope::kUnknown:
            break;
    }
    return none;
}

std::vector<EdgeGrade> grade_edges(const Scenario& scenario,
                                   NodeIndex agency,
                                   AuditKind kind,
                                   const AuditTally& tally,
                                   const std::optional<ScopeBreaks>& breaks) {
    // Searches, first and last day per scope.
    struct ScopeUse {
        std::uint64_t searches = 0;
        std::optional<Date> first, last;
    };
    ScopeUse use[kScopeCount];
    for (const auto& [count, days] : tally.count_dates()) {
        const SearchScope scope = breaks ? breaks->scope_of(count) : SearchScope::kUnknown;
        ScopeUse& u = use[static_cast<int>(scope)];
        for (const auto& [key, month] : tally.months()) {
            (void)key;
            const auto found = month.cameras.find(count);
            if (found != month.cameras.end()) {
                u.searches += found->second;
            }
        }
        if (!u.first || days.first < *u.first) {
            u.first = days.first;
        }
        if (!u.last || *u.last < days.second) {
            u.last = days.second;
        }
    }
    const auto scope_of_mechanism = [](const std::string& mechanism) {
        for (const SearchScope scope :
             {SearchScope::kOwn, SearchScope::kState, SearchScope::kNational}) {
            const auto& names = scope_mechanisms(scope);
            if (std::find(names.begin(), names.end(), mechanism) != names.end()) {
                return scope;
            }
        }
        return SearchScope::kUnknown;
    };
    // For a Network Audit, the agency's own cameras: tails of its customer_ownership edges.
    std::vector<NodeIndex> sides = {agency};
    if (kind == AuditKind::kNetwork) {
        for (const Edge& edge : scenario.edges()) {
            if (edge.to == agency && edge.mechanism == "customer_ownership") {
                sides.push_back(edge.from);
            }
        }
    }
    const auto is_side = [&](NodeIndex node) {
        return std::find(sides.begin(), sides.end(), node) != sides.end();
    };
    std::vector<EdgeGrade> grades;
    const auto& nodes = scenario.nodes();
    for (EdgeIndex e = 0; e < scenario.edges().size(); ++e) {
        const Edge& edge = scenario.edges()[e];
        const bool into = edge.to == agency;
        const bool out_of =
            is_side(edge.from) && !(kind == AuditKind::kNetwork && edge.to == agency);
        if (!into && !out_of) {
            continue;
        }
        EdgeGrade grade;
        grade.edge = e;
        grade.scope = scope_of_mechanism(edge.mechanism);
        const bool right_direction = kind == AuditKind::kOrganization ? into : out_of;
        const std::string log_kind = kind == AuditKind::kOrganization
                                         ? "a search audit lists searches by " + nodes[agency].label
                                         : "a network audit lists searches of " +
                                               nodes[agency].label + "'s cameras by others";
        if (!right_direction) {
            grade.how = "not graded: " + log_kind + ", so it speaks only to edges " +
                        (kind == AuditKind::kOrganization ? "into" : "out of") +
                        " the agency, never to this one";
            // A search typed for ICE is a lead on an edge to ICE, not proof of it: say
            // how many there are, and leave the grading to a person who reads them.
            if (nodes[edge.to].has_tag("ice")) {
                const std::uint64_t hits = tally.immigration_hits();
                grade.how += hits == 0 ? "; the log holds no immigration-related reason (0 of " +
                                             std::to_string(tally.searches()) + " searches)"
                                       : "; " + std::to_string(hits) +
                                             " searches give an immigration-related reason "
                                             "(listed above): read them before grading it";
            }
            grades.push_back(grade);
            continue;
        }
        if (grade.scope == SearchScope::kUnknown) {
            grade.how = "not graded: mechanism '" + edge.mechanism +
                        "' is none of the lookup mechanisms a camera count speaks to";
            grades.push_back(grade);
            continue;
        }
        if (kind == AuditKind::kNetwork && grade.scope == SearchScope::kOwn) {
            grade.how =
                "not graded: a network audit shows other agencies' searches, not "
                "the agency's use of its own cameras";
            grades.push_back(grade);
            continue;
        }
        const ScopeUse& u = use[static_cast<int>(grade.scope)];
        grade.searches = u.searches;
        grade.first = u.first;
        grade.last = u.last;
        if (!breaks) {
            grade.how = "not graded: the searches could not be put in scopes (see above)";
        } else if (u.searches == 0) {
            grade.how = std::string("no support: no search in the log reached the ") +
                        scope_label(grade.scope) + " (the log cannot show the edge unused)";
        } else {
            grade.supported = true;
            grade.suggested = Evidence::kDocumented;
            const std::string what = grade.scope == SearchScope::kOwn
                                         ? std::string("its own cameras")
                                         : std::string("the ") + scope_label(grade.scope);
            const std::string who = kind == AuditKind::kOrganization
                                        ? nodes[agency].label + " searched " + what
                                        : "other agencies searched " + nodes[agency].label +
                                              "'s cameras through " + what;
            grade.how = who + " " + times(u.searches) + " " + month_span(*u.first, *u.last);
        }
        grades.push_back(grade);
    }
    return grades;
}

}  // namespace flowsim::io
