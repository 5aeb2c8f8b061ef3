// The status-versus-source-kind rule of docs/method.md §4, one test per row of its table,
// and the warnings `flowsim check` prints from it.
#include "flowsim/source_support.hpp"

#include <gtest/gtest.h>

namespace flowsim {
namespace {

constexpr SourceKind kAllKinds[] = {
    SourceKind::kRecord, SourceKind::kLaw,      SourceKind::kFiling,   SourceKind::kStatement,
    SourceKind::kNews,   SourceKind::kAdvocacy, SourceKind::kSecondary};

// The kinds that support `status`, as names.
std::vector<std::string_view> supporting(Evidence status) {
    std::vector<std::string_view> names;
    for (const SourceKind kind : kAllKinds) {
        if (kind_supports(kind, status)) {
            names.push_back(source_kind_name(kind));
        }
    }
    return names;
}

using Names = std::vector<std::string_view>;

TEST(KindSupports, DocumentedNeedsARecordLawFilingOrStatement) {
    EXPECT_EQ(supporting(Evidence::kDocumented), (Names{"record", "law", "filing", "statement"}));
}

TEST(KindSupports, ReportedAlsoTakesNewsAndAdvocacy) {
    EXPECT_EQ(supporting(Evidence::kReported),
              (Names{"record", "law", "filing", "statement", "news", "advocacy"}));
}

TEST(KindSupports, AllegedTakesAnyKindEvenSecondaryAlone) {
    EXPECT_EQ(supporting(Evidence::kAlleged),
              (Names{"record", "law", "filing", "statement", "news", "advocacy", "secondary"}));
}

TEST(KindSupports, AnnouncedTakesAnyKind) {
    EXPECT_EQ(supporting(Evidence::kAnnounced),
              (Names{"record", "law", "filing", "statement", "news", "advocacy", "secondary"}));
}

TEST(KindSupports, HypotheticalNeedsNoSource) {
    EXPECT_EQ(supporting(Evidence::kHypothetical),
              (Names{"record", "law", "filing", "statement", "news", "advocacy", "secondary"}));
}

// A scenario of two nodes, the given sources, and one edge per (status, sources) entry.
class SourceSupport : public ::testing::Test {
protected:
    SourceIndex add_source(const std::string& id, std::optional<SourceKind> kind) {
        Source source;
        source.id = id;
        source.title = id;
        source.kind = kind;
        source.where = {"s.yaml", static_cast<int>(parts_.sources.size()) + 1, 3};
        parts_.sources.push_back(source);
        return static_cast<SourceIndex>(parts_.sources.size() - 1);
    }
    void add_edge(const std::string& id, Evidence status, std::vector<SourceIndex> sources) {
        Edge edge;
        edge.id = id;
        edge.from = 0;
        edge.to = 1;
        edge.carries = {kPlateRead};
        edge.status = status;
        edge.sources = std::move(sources);
        edge.where = {"s.yaml", 100 + static_cast<int>(parts_.edges.size()), 5};
        edge.status_where = {"s.yaml", 100 + static_cast<int>(parts_.edges.size()), 20};
        parts_.edges.push_back(edge);
    }
    std::vector<std::string> warnings() {
        parts_.data_kinds = {{"footage", "Footage"}, {"plate_read", "Plate read"}};
        parts_.nodes.resize(2);
        parts_.nodes[0].id = "a";
        parts_.nodes[1].id = "b";
        const Scenario scenario(parts_);
        std::vector<std::string> lines;
        for (const Diagnostic& diagnostic : source_support_warnings(scenario)) {
            EXPECT_EQ(diagnostic.severity, Severity::kWarning);
            lines.push_back(std::to_string(diagnostic.where.line) + ":" +
                            std::to_string(diagnostic.where.column) + " " + diagnostic.message);
        }
        return lines;
    }
    ScenarioParts parts_;
};

using Lines = std::vector<std::string>;

TEST_F(SourceSupport, DocumentedOnNewsOrSecondaryAloneWarns) {
    const SourceIndex news = add_source("news", SourceKind::kNews);
    const SourceIndex summary = add_source("summary", SourceKind::kSecondary);
    const SourceIndex record = add_source("record", SourceKind::kRecord);
    add_edge("weak", Evidence::kDocumented, {news, summary});
    add_edge("strong", Evidence::kDocumented, {news, record});
    EXPECT_EQ(warnings(), (Lines{"100:20 edge 'weak' is documented, which needs a record, law, "
                                 "filing or statement among its sources; it cites news 'news', "
                                 "secondary 'summary'"}));
}

TEST_F(SourceSupport, ReportedOnSecondaryAloneWarns) {
    const SourceIndex summary = add_source("summary", SourceKind::kSecondary);
    const SourceIndex advocacy = add_source("aclu", SourceKind::kAdvocacy);
    add_edge("weak", Evidence::kReported, {summary});
    add_edge("fine", Evidence::kReported, {advocacy});
    EXPECT_EQ(warnings(), (Lines{"100:20 edge 'weak' is reported, which needs a record, law, "
                                 "filing, statement, news or advocacy among its sources; it cites "
                                 "secondary 'summary'"}));
}

TEST_F(SourceSupport, AllegedAndAnnouncedRestOnAnyKind) {
    const SourceIndex summary = add_source("summary", SourceKind::kSecondary);
    add_edge("claimed", Evidence::kAlleged, {summary});
    add_edge("press", Evidence::kAnnounced, {summary});
    EXPECT_EQ(warnings(), Lines{});
}

TEST_F(SourceSupport, HypotheticalNeedsNoSource) {
    add_edge("possible", Evidence::kHypothetical, {});
    EXPECT_EQ(warnings(), Lines{});
}

TEST_F(SourceSupport, AboveHypotheticalWithoutAnySourceWarns) {
    add_edge("bare", Evidence::kAlleged, {});
    EXPECT_EQ(warnings(), (Lines{"100:20 edge 'bare' is alleged but cites no source; cite one, "
                                 "or make it hypothetical"}));
}

TEST_F(SourceSupport, ACitedSourceWithoutKindWarnsOnceAndIsNotJudged) {
    const SourceIndex unknown = add_source("unknown", std::nullopt);
    const SourceIndex news = add_source("news", SourceKind::kNews);
    add_source("uncited", std::nullopt);
    // Documented on news and a source of unknown kind: the unknown one might be a record,
    // so only its missing kind is reported, once for both edges.
    add_edge("first", Evidence::kDocumented, {unknown, news});
    add_edge("second", Evidence::kReported, {unknown});
    EXPECT_EQ(warnings(), (Lines{"1:3 source 'unknown' is cited but has no kind; add one of "
                                 "record, law, filing, statement, news, advocacy, secondary"}));
}

TEST_F(SourceSupport, SourcesCitedOnlyByPoliciesNeedAKindToo) {
    const SourceIndex law = add_source("law", std::nullopt);
    Policy policy;
    policy.id = "p";
    policy.sources = {law};
    parts_.policies.push_back(policy);
    EXPECT_EQ(warnings(), (Lines{"1:3 source 'law' is cited but has no kind; add one of record, "
                                 "law, filing, statement, news, advocacy, secondary"}));
}

TEST_F(SourceSupport, DefaultedStatusPointsAtTheEdge) {
    add_edge("bare", Evidence::kReported, {});
    parts_.edges.back().status_where = {};
    EXPECT_EQ(warnings(), (Lines{"100:5 edge 'bare' is reported but cites no source; cite one, "
                                 "or make it hypothetical"}));
}

}  // namespace
}  // namespace flowsim
