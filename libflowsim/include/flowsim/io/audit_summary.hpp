#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <flowsim/configuration_view.hpp>
#include <flowsim/date.hpp>
#include <flowsim/io/reason_classifier.hpp>
#include <flowsim/io/search_audit_reader.hpp>
#include <flowsim/scenario.hpp>

namespace flowsim::io {

/// How far a search reached, from the number of cameras it covered.
enum class SearchScope { kOwn, kState, kNational, kUnknown };
constexpr int kScopeCount = 4;
/// "own", "state", "national", "unknown".
const char* scope_id(SearchScope scope);
/// "own cameras", "statewide pool", "national network", "no camera or unknown" (a
/// search of 0 cameras, or a log without camera counts).
const char* scope_label(SearchScope scope);

/// The camera counts that end each scope: a search of 1 to `own_max` cameras stayed
/// within the agency's own (the lowest cluster), at most `state_max` reached the
/// statewide pool, more reached the national network. `how` says how they were chosen.
struct ScopeBreaks {
    std::int64_t own_max = 0;
    std::int64_t state_max = 0;
    std::string how;

    SearchScope scope_of(std::optional<std::int64_t> cameras) const;
};

/// Searches per distinct camera count.
using CameraHistogram = std::map<std::int64_t, std::uint64_t>;

/// The breaks between the three clusters of camera counts. Counts of one pool cluster
/// tightly (the pool grows and shrinks a little from day to day) and pools differ many
/// times over, so the breaks are the two widest gaps between consecutive distinct counts
/// a and b, measured as (b + 10) / (a + 10) (the +10 keeps 1 -> 2 cameras from looking
/// like a new pool); a gap counts only when that ratio is at least 2. With `own_cameras`
/// the first break is there and only the second is looked for. Nothing when there are
/// not enough gaps (then every search's scope is unknown, and the caller says why).
std::optional<ScopeBreaks> derive_scope_breaks(const CameraHistogram& histogram,
                                               std::optional<std::int64_t> own_cameras);

/// A search whose reason fell in a listed category (immigration, federal assist).
struct AuditHit {
    std::string file;
    int line = 0;
    std::string when;
    std::optional<std::int64_t> cameras;
    std::string reason;
    std::string agency;
    std::size_t category = 0;
    std::size_t pattern = 0;
};

/// Counts for one month (or for the whole log).
struct AuditCounts {
    std::uint64_t searches = 0;
    std::vector<std::uint64_t> by_category;  ///< indexed like the classifier's categories
    CameraHistogram cameras;
    std::uint64_t without_cameras = 0;
};

/// What a search-audit log says, accumulated row by row in memory that does not grow
/// with the number of rows: counts per month, a histogram of camera counts, and the
/// first kMaxHits hits of each listed category.
class AuditTally {
public:
    explicit AuditTally(const ReasonClassifier& classifier);

    void add(const std::string& file, const AuditRow& row);

    const ReasonClassifier& classifier() const { return *classifier_; }
    /// Keyed "YYYY-MM", in order.
    const std::map<std::string, AuditCounts>& months() const { return months_; }
    AuditCounts total() const;
    std::uint64_t searches() const { return searches_; }
    const std::optional<Date>& first_date() const { return first_; }
    const std::optional<Date>& last_date() const { return last_; }
    /// Listed hits in the order read, at most kMaxHits per category; hit_count() counts all.
    const std::vector<AuditHit>& hits() const { return hits_; }
    std::uint64_t hit_count(std::size_t category) const;
    std::uint64_t immigration_hits() const;
    /// First and last day seen for each distinct camera count.
    const std::map<std::int64_t, std::pair<Date, Date>>& count_dates() const {
        return count_dates_;
    }

    static constexpr std::size_t kMaxHits = 1000;

private:
    const ReasonClassifier* classifier_;
    std::map<std::string, AuditCounts> months_;
    std::uint64_t searches_ = 0;
    std::optional<Date> first_, last_;
    std::vector<AuditHit> hits_;
    std::vector<std::uint64_t> hit_counts_;
    std::map<std::int64_t, std::pair<Date, Date>> count_dates_;
};

/// Searches per scope for a set of counts.
std::vector<std::uint64_t> scope_counts(const AuditCounts& counts,
                                        const std::optional<ScopeBreaks>& breaks);

/// Whose searches a log lists. An Organization Audit (and the portal's export) lists
/// searches BY the agency: data flowed from the pools to it. A Network Audit lists
/// searches OF the agency's cameras by others: data flowed out of it.
enum class AuditKind { kOrganization, kNetwork };

/// What the log says about one edge of the agency's node.
struct EdgeGrade {
    EdgeIndex edge = 0;
    SearchScope scope = SearchScope::kUnknown;
    std::uint64_t searches = 0;
    std::optional<Date> first, last;  ///< of the searches in that scope
    bool supported = false;           ///< the log shows the edge in use, in its direction
    std::string how;                  ///< a sentence: why it is or is not supported
    Evidence suggested = Evidence::kHypothetical;  ///< meaningful when supported
};

/// The mechanisms (docs/method.md) by which each scope's data reaches an agency.
const std::vector<std::string>& scope_mechanisms(SearchScope scope);

/// Grades the edges of `agency` that the log can speak to: for an Organization Audit the
/// edges INTO the agency whose mechanism belongs to a scope (customer_ownership for its
/// own cameras, statewide_lookup or in_state_sharing for the state pool, national_lookup
/// for the national network); for a Network Audit the edges OUT of the agency, and out of
/// the cameras that feed it by customer_ownership, with a state or national mechanism.
/// Edges of the node in the other direction are listed as not graded by this log.
std::vector<EdgeGrade> grade_edges(const Scenario& scenario,
                                   NodeIndex agency,
                                   AuditKind kind,
                                   const AuditTally& tally,
                                   const std::optional<ScopeBreaks>& breaks);

}  // namespace flowsim::io
