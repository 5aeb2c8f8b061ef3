// One focused test per rule of what a route is (docs/cli.md, `paths`), each on a small
// inline scenario with the expected routes written out by hand as edge-id lists, in the
// fixed order.

#include "flowsim/route_finder.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "flowsim/configuration_view.hpp"
#include "flowsim/io/scenario_loader.hpp"
#include "flowsim/route.hpp"
#include "flowsim/selector.hpp"
#include "support/scenario_text.hpp"

namespace flowsim {
namespace {

using Routes = std::vector<std::string>;

using testing::load;

std::vector<NodeIndex> nodes_named(const Scenario& scenario, std::string_view text) {
    std::vector<SelectorError> errors;
    const Selector selector = parse_selector(text, errors);
    const auto unknown = selector_errors(scenario, selector);
    errors.insert(errors.end(), unknown.begin(), unknown.end());
    for (const SelectorError& error : errors) {
        ADD_FAILURE() << "selector '" << text << "': " << error.message;
    }
    return select_nodes(scenario, selector);
}

/// A question to the route finder, written with ids: `Ask("cam", "tag:ice").data("footage")`.
class Ask {
public:
    Ask(std::string from, std::string to) : from_(std::move(from)), to_(std::move(to)) {}

    Ask& data(std::string kind) {
        data_ = std::move(kind);
        return *this;
    }
    Ask& via(std::string selector) {
        via_ = std::move(selector);
        return *this;
    }
    Ask& avoid(std::string selector) {
        avoid_ = std::move(selector);
        return *this;
    }
    Ask& max_hops(std::size_t hops) {
        max_hops_ = hops;
        return *this;
    }
    Ask& configuration(std::string name) {
        configuration_ = std::move(name);
        return *this;
    }
    Ask& set(std::string parameter, bool value) {
        set_.emplace_back(std::move(parameter), value);
        return *this;
    }
    Ask& as_of(std::string date) {
        as_of_ = std::move(date);
        return *this;
    }
    Ask& min_evidence(Evidence floor) {
        min_evidence_ = floor;
        return *this;
    }
    Ask& without(std::string gate) {
        without_.push_back(std::move(gate));
        return *this;
    }

    ActivitySettings settings(const Scenario& scenario) const {
        ActivitySettings settings;
        if (configuration_) {
            settings.configuration = scenario.find_configuration(*configuration_);
            EXPECT_TRUE(settings.configuration) << "no configuration " << *configuration_;
        }
        for (const auto& [name, value] : set_) {
            const auto parameter = scenario.find_parameter(name);
            EXPECT_TRUE(parameter) << "no parameter " << name;
            if (parameter) {
                settings.settings.emplace_back(*parameter, value);
            }
        }
        if (as_of_) {
            settings.as_of = Date::parse(*as_of_);
            EXPECT_TRUE(settings.as_of) << "bad date " << *as_of_;
        }
        settings.min_evidence = min_evidence_;
        for (const std::string& name : without_) {
            const auto gate = scenario.find_gate(name);
            EXPECT_TRUE(gate) << "no gate " << name;
            if (gate) {
                settings.without.push_back(*gate);
            }
        }
        return settings;
    }

    RouteQuery query(const Scenario& scenario) const {
        RouteQuery query;
        query.from = nodes_named(scenario, from_);
        query.to = nodes_named(scenario, to_);
        if (data_) {
            query.data = scenario.find_data_kind(*data_);
            EXPECT_TRUE(query.data) << "no data kind " << *data_;
        }
        if (via_) {
            query.via = nodes_named(scenario, *via_);
        }
        if (avoid_) {
            query.avoid = nodes_named(scenario, *avoid_);
        }
        query.max_hops = max_hops_;
        return query;
    }

    /// Every route, in the order the finder lists them.
    std::vector<Route> run(const Scenario& scenario, Enumeration* how = nullptr) const {
        const ConfigurationView view(scenario, settings(scenario));
        RouteFinder finder(view, query(scenario));
        std::vector<Route> routes;
        const Enumeration result = finder.enumerate([&](const Route& route) {
            routes.push_back(route);
            return true;
        });
        EXPECT_TRUE(result.completion.complete());
        EXPECT_FALSE(result.completion.timed_out());
        EXPECT_EQ(result.routes, routes.size());
        if (how) {
            *how = result;
        }
        return routes;
    }

    /// Each route as its edge ids, separated by spaces.
    Routes edges(const Scenario& scenario) const {
        Routes result;
        for (const Route& route : run(scenario)) {
            result.push_back(edge_list(scenario, route));
        }
        return result;
    }

    /// Each route as "<start kind>/<arriving kind>: <edge ids>".
    Routes with_data(const Scenario& scenario) const {
        Routes result;
        for (const Route& route : run(scenario)) {
            result.push_back(scenario.data_kinds()[route.data].id + "/" +
                             scenario.data_kinds()[route.arrives_as].id + ": " +
                             edge_list(scenario, route));
        }
        return result;
    }

    bool maybe_reachable(const Scenario& scenario) const {
        const ConfigurationView view(scenario, settings(scenario));
        const RouteFinder finder(view, query(scenario));
        return finder.maybe_reachable();
    }

    static std::string edge_list(const Scenario& scenario, const Route& route) {
        std::string text;
        for (const EdgeIndex edge : route.edges) {
            text += (text.empty() ? "" : " ") + scenario.edges()[edge].id;
        }
        return text;
    }

private:
    std::string from_;
    std::string to_;
    std::optional<std::string> data_;
    std::optional<std::string> via_;
    std::optional<std::string> avoid_;
    std::optional<std::size_t> max_hops_;
    std::optional<std::string> configuration_;
    std::vector<std::pair<std::string, bool>> set_;
    std::optional<std::string> as_of_;
    Evidence min_evidence_ = Evidence::kHypothetical;
    std::vector<std::string> without_;
};

// ---- An edge is active when its `when` holds ---------------------------------------------------

constexpr std::string_view kWhen = R"(flowsim: 1
parameters:
  lookup: {default: false}
  sharing: {default: true}
nodes:
  - {id: cam, kind: camera, produces: [plate_read]}
  - {id: pd, kind: local_agency}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {id: cam_pd, from: cam, to: pd, carries: [plate_read]}
  - {id: lookup, from: pd, to: ice, carries: [plate_read], when: lookup}
  - {id: shared, from: pd, to: ice, carries: [plate_read], when: sharing and not lookup}
configurations:
  national: {lookup: true}
)";

TEST(RouteFinder, AnEdgeWhoseWhenIsFalseIsNotOnAnyRoute) {
    const Scenario scenario = load(kWhen);
    EXPECT_EQ(Ask("cam", "tag:ice").edges(scenario), (Routes{"cam_pd shared"}));
    EXPECT_EQ(Ask("cam", "tag:ice").configuration("national").edges(scenario),
              (Routes{"cam_pd lookup"}));
    // Settings apply over the configuration, in order, the last one winning.
    EXPECT_EQ(Ask("cam", "tag:ice").configuration("national").set("lookup", false).edges(scenario),
              (Routes{"cam_pd shared"}));
    EXPECT_EQ(Ask("cam", "tag:ice").set("lookup", true).set("lookup", false).edges(scenario),
              (Routes{"cam_pd shared"}));
    EXPECT_EQ(Ask("cam", "tag:ice").set("sharing", false).edges(scenario), (Routes{}));
}

// ---- An edge is active when it carries the kind ------------------------------------------------

constexpr std::string_view kCarries = R"(flowsim: 1
nodes:
  - {id: cam, kind: camera, produces: [footage]}
  - {id: box, kind: other}
  - {id: pd, kind: local_agency}
  - {id: ice, kind: federal_agency}
edges:
  - {from: cam, to: pd, carries: [footage, plate_read]}
  - {from: box, to: pd, carries: [footage, plate_read]}
  - {id: plates, from: pd, to: ice, carries: [plate_read]}
  - {id: video, from: pd, to: ice, carries: [footage]}
)";

TEST(RouteFinder, AnEdgeMustCarryTheKindItReceives) {
    const Scenario scenario = load(kCarries);
    // The source produces footage.
    EXPECT_EQ(Ask("cam", "ice").with_data(scenario), (Routes{"footage/footage: cam->pd video"}));
    // --data replaces what the source produces.
    EXPECT_EQ(Ask("cam", "ice").data("plate_read").with_data(scenario),
              (Routes{"plate_read/plate_read: cam->pd plates"}));
    // A source that produces nothing starts with every kind; edge ids order before kinds.
    EXPECT_EQ(Ask("box", "ice").with_data(scenario),
              (Routes{"plate_read/plate_read: box->pd plates", "footage/footage: box->pd video"}));
    // An edge that carries both kinds passes either.
    EXPECT_EQ(Ask("cam", "pd").data("plate_read").edges(scenario), (Routes{"cam->pd"}));
    EXPECT_EQ(Ask("cam", "pd").edges(scenario), (Routes{"cam->pd"}));
}

// ---- convert: the kind changes for the edges after ---------------------------------------------

constexpr std::string_view kConvert = R"(flowsim: 1
data:
  hotlist_hit: {label: Hotlist alert}
parameters:
  law_a: {default: false}
  law_b: {default: false}
nodes:
  - {id: cam, kind: camera, produces: [footage]}
  - {id: ocr, kind: platform}
  - {id: ice, kind: federal_agency, tags: [ice]}
  - {id: hot, kind: platform}
  - {id: cbp, kind: federal_agency}
edges:
  # The converting edge itself is tested against the kind entering it (footage).
  - {id: read_plates, from: cam, to: ocr, carries: [footage], convert: {footage: plate_read}}
  - {id: ocr_ice_video, from: ocr, to: ice, carries: [footage]}
  - {id: ocr_ice_plates, from: ocr, to: ice, carries: [plate_read]}
  - {id: match, from: ocr, to: hot, carries: [plate_read], convert: {plate_read: hotlist_hit}}
  - {id: alert_plates, from: hot, to: cbp, carries: [plate_read]}
  - {id: alert, from: hot, to: cbp, carries: [hotlist_hit]}
policies:
  # Looks at the kind entering each edge: read_plates receives footage, so it stays.
  - id: entering
    when: law_a
    deny: {carries: [plate_read], to: {id: ocr}}
  # ocr_ice_plates receives plate_read (converted by the edge before): denied.
  - id: after
    when: law_b
    deny: {carries: [plate_read], from: {id: ocr}}
)";

TEST(RouteFinder, ConvertChangesTheKindForTheEdgesAfter) {
    const Scenario scenario = load(kConvert);
    EXPECT_EQ(Ask("cam", "ice").with_data(scenario),
              (Routes{"footage/plate_read: read_plates ocr_ice_plates"}));
    // Two conversions in a row; the last edge is tested against the twice-converted kind.
    EXPECT_EQ(Ask("cam", "cbp").with_data(scenario),
              (Routes{"footage/hotlist_hit: read_plates match alert"}));
    // Starting with plate_read, read_plates (footage only) lets nothing through.
    EXPECT_EQ(Ask("cam", "ice").data("plate_read").edges(scenario), (Routes{}));
    // Starting at ocr, no conversion has happened yet.
    EXPECT_EQ(Ask("ocr", "ice").data("footage").edges(scenario), (Routes{"ocr_ice_video"}));
}

TEST(RouteFinder, APolicyCarriesLooksAtTheKindEnteringTheEdge) {
    const Scenario scenario = load(kConvert);
    EXPECT_EQ(Ask("cam", "ice").set("law_a", true).edges(scenario),
              (Routes{"read_plates ocr_ice_plates"}));
    EXPECT_EQ(Ask("cam", "ice").set("law_b", true).edges(scenario), (Routes{}));
    EXPECT_EQ(Ask("cam", "cbp").set("law_b", true).edges(scenario), (Routes{}));
}

// ---- Parallel edges make distinct routes -------------------------------------------------------

constexpr std::string_view kParallel = R"(flowsim: 1
nodes:
  - {id: a, kind: camera, produces: [footage]}
  - {id: b, kind: platform}
  - {id: c, kind: federal_agency}
edges:
  - {from: a, to: b, carries: [footage]}
  - {from: b, to: c, carries: [footage]}
  - {from: a, to: b, carries: [footage]}
  - {id: b_c_api, from: b, to: c, carries: [footage]}
)";

TEST(RouteFinder, ParallelEdgesMakeDistinctRoutes) {
    const Scenario scenario = load(kParallel);
    // "a->b" < "a->b#2" (a prefix first); "b->c" < "b_c_api" ('-' is 0x2d, '_' 0x5f).
    EXPECT_EQ(Ask("a", "c").edges(scenario),
              (Routes{"a->b b->c", "a->b b_c_api", "a->b#2 b->c", "a->b#2 b_c_api"}));
}

// ---- No node repeats ---------------------------------------------------------------------------

constexpr std::string_view kCycle = R"(flowsim: 1
nodes:
  - {id: a, kind: camera, produces: [footage]}
  - {id: b, kind: platform}
  - {id: c, kind: local_agency}
  - {id: d, kind: federal_agency}
  - {id: cam, kind: camera, produces: [footage]}
  - {id: ocr, kind: platform}
  - {id: ice, kind: federal_agency}
edges:
  - {from: a, to: b, carries: [footage]}
  - {from: b, to: a, carries: [footage]}
  - {from: b, to: c, carries: [footage]}
  - {from: c, to: a, carries: [footage]}
  - {from: c, to: b, carries: [footage]}
  - {from: c, to: d, carries: [footage]}
  # Reaching ice needs cam twice: once with footage, once with plate_read.
  - {from: cam, to: ocr, carries: [footage], convert: {footage: plate_read}}
  - {from: ocr, to: cam, carries: [plate_read]}
  - {from: cam, to: ice, carries: [plate_read]}
)";

TEST(RouteFinder, NoNodeRepeats) {
    const Scenario scenario = load(kCycle);
    EXPECT_EQ(Ask("a", "d").edges(scenario), (Routes{"a->b b->c c->d"}));
    EXPECT_EQ(Ask("b", "d").edges(scenario), (Routes{"b->c c->d"}));
    // Not even when a conversion would make the second visit useful (maybe_reachable()
    // may say yes here; enumeration must say no).
    EXPECT_EQ(Ask("cam", "ice").edges(scenario), (Routes{}));
    EXPECT_EQ(Ask("cam", "ice").data("plate_read").edges(scenario), (Routes{"cam->ice"}));
}

// ---- A route stops at its first target ---------------------------------------------------------

constexpr std::string_view kTargets = R"(flowsim: 1
nodes:
  - {id: a, kind: camera, produces: [footage]}
  - {id: b, kind: federal_agency, tags: [ice]}
  - {id: c, kind: federal_agency, tags: [ice]}
  - {id: x, kind: platform}
edges:
  - {from: a, to: b, carries: [footage]}
  - {from: b, to: c, carries: [footage]}
  - {from: a, to: c, carries: [footage]}
  - {from: a, to: x, carries: [footage]}
  - {from: x, to: c, carries: [footage]}
)";

TEST(RouteFinder, ARouteStopsAtItsFirstTarget) {
    const Scenario scenario = load(kTargets);
    // a->b->c passes target b before its end: not a route (a->x->c is).
    EXPECT_EQ(Ask("a", "tag:ice").edges(scenario), (Routes{"a->b", "a->c", "a->x x->c"}));
    EXPECT_EQ(Ask("a", "b,c").edges(scenario), (Routes{"a->b", "a->c", "a->x x->c"}));
    // With only c a target, b is an ordinary node on the way.
    EXPECT_EQ(Ask("a", "c").edges(scenario), (Routes{"a->c", "a->b b->c", "a->x x->c"}));
    EXPECT_EQ(Ask("x", "b,c").edges(scenario), (Routes{"x->c"}));
}

TEST(RouteFinder, ASourceInTheTargetSetHasNoRoutes) {
    const Scenario scenario = load(kTargets);
    EXPECT_EQ(Ask("a,b", "b,c").edges(scenario), (Routes{"a->b", "a->c", "a->x x->c"}));
    EXPECT_EQ(Ask("b", "b,c").edges(scenario), (Routes{}));
    EXPECT_EQ(Ask("b", "b").edges(scenario), (Routes{}));
    EXPECT_EQ(Ask("b", "c").edges(scenario), (Routes{"b->c"}));
    // x is both: no route from it; routes from a end at x.
    EXPECT_EQ(Ask("a,x", "x,c").edges(scenario), (Routes{"a->c", "a->x", "a->b b->c"}));
    // Duplicates in the source list are ignored.
    EXPECT_EQ(Ask("a,a", "c").edges(scenario), (Routes{"a->c", "a->b b->c", "a->x x->c"}));
}

// ---- Dates -------------------------------------------------------------------------------------

constexpr std::string_view kDates = R"(flowsim: 1
as_of: 2025-06-01
nodes:
  - {id: a, kind: camera, produces: [footage]}
  - {id: b, kind: federal_agency}
edges:
  - {id: starts_that_day, from: a, to: b, carries: [footage], since: 2025-06-01}
  - {id: starts_next_day, from: a, to: b, carries: [footage], since: 2025-06-02}
  - {id: ends_that_day, from: a, to: b, carries: [footage], until: 2025-06-01}
  - {id: ends_next_day, from: a, to: b, carries: [footage], until: 2025-06-02}
  - {id: window, from: a, to: b, carries: [footage], since: 2025-05-01, until: 2025-06-01}
  - {id: undated, from: a, to: b, carries: [footage]}
)";

std::string without_line(std::string_view text, std::string_view line) {
    std::string result(text);
    const auto at = result.find(line);
    EXPECT_NE(at, std::string::npos);
    if (at != std::string::npos) {
        result.erase(at, line.size());
    }
    return result;
}

TEST(RouteFinder, DatesSinceIsInclusiveUntilIsExclusive) {
    const Scenario scenario = load(kDates);
    // The scenario's as_of, 2025-06-01.
    EXPECT_EQ(Ask("a", "b").edges(scenario),
              (Routes{"ends_next_day", "starts_that_day", "undated"}));
    // --as-of overrides the scenario's as_of.
    EXPECT_EQ(Ask("a", "b").as_of("2025-05-31").edges(scenario),
              (Routes{"ends_next_day", "ends_that_day", "undated", "window"}));
    EXPECT_EQ(Ask("a", "b").as_of("2025-06-02").edges(scenario),
              (Routes{"starts_next_day", "starts_that_day", "undated"}));
    EXPECT_EQ(Ask("a", "b").as_of("2025-04-30").edges(scenario),
              (Routes{"ends_next_day", "ends_that_day", "undated"}));
}

TEST(RouteFinder, WithNoDateAtAllDatesAreNotChecked) {
    const Scenario scenario = load(without_line(kDates, "as_of: 2025-06-01\n"));
    ASSERT_FALSE(scenario.as_of());
    EXPECT_EQ(Ask("a", "b").edges(scenario),
              (Routes{"ends_next_day", "ends_that_day", "starts_next_day", "starts_that_day",
                      "undated", "window"}));
    // --as-of alone is enough to check them.
    EXPECT_EQ(Ask("a", "b").as_of("2025-06-01").edges(scenario),
              (Routes{"ends_next_day", "starts_that_day", "undated"}));
}

constexpr std::string_view kPolicyDates = R"(flowsim: 1
as_of: 2026-01-23
nodes:
  - {id: cam, kind: camera, produces: [plate_read]}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {id: share, from: cam, to: ice, carries: [plate_read]}
policies:
  - id: moratorium
    since: 2026-01-01
    until: 2026-07-01
    deny: {to: {tags: [ice]}}
)";

TEST(RouteFinder, APolicyDeniesOnlyWhileInForce) {
    const Scenario scenario = load(kPolicyDates);
    EXPECT_EQ(Ask("cam", "ice").edges(scenario), (Routes{}));
    EXPECT_EQ(Ask("cam", "ice").as_of("2025-12-31").edges(scenario), (Routes{"share"}));
    EXPECT_EQ(Ask("cam", "ice").as_of("2026-01-01").edges(scenario), (Routes{}));
    EXPECT_EQ(Ask("cam", "ice").as_of("2026-06-30").edges(scenario), (Routes{}));
    EXPECT_EQ(Ask("cam", "ice").as_of("2026-07-01").edges(scenario), (Routes{"share"}));
    const Scenario undated = load(without_line(kPolicyDates, "as_of: 2026-01-23\n"));
    EXPECT_EQ(Ask("cam", "ice").edges(undated), (Routes{}));  // in force when not checked
}

// ---- Evidence floor ----------------------------------------------------------------------------

constexpr std::string_view kEvidence = R"(flowsim: 1
nodes:
  - {id: a, kind: camera, produces: [footage]}
  - {id: b, kind: federal_agency}
edges:
  - {id: doc, from: a, to: b, carries: [footage], status: documented}
  - {id: rep, from: a, to: b, carries: [footage], status: reported}
  - {id: all, from: a, to: b, carries: [footage], status: alleged}
  - {id: ann, from: a, to: b, carries: [footage], status: announced}
  - {id: hyp, from: a, to: b, carries: [footage], status: hypothetical}
  - {id: none, from: a, to: b, carries: [footage]}
)";

TEST(RouteFinder, AnEdgeBelowTheEvidenceFloorIsInactive) {
    const Scenario scenario = load(kEvidence);
    EXPECT_EQ(Ask("a", "b").edges(scenario), (Routes{"all", "ann", "doc", "hyp", "none", "rep"}));
    EXPECT_EQ(Ask("a", "b").min_evidence(Evidence::kAnnounced).edges(scenario),
              (Routes{"all", "ann", "doc", "rep"}));
    EXPECT_EQ(Ask("a", "b").min_evidence(Evidence::kAlleged).edges(scenario),
              (Routes{"all", "doc", "rep"}));
    EXPECT_EQ(Ask("a", "b").min_evidence(Evidence::kReported).edges(scenario),
              (Routes{"doc", "rep"}));
    EXPECT_EQ(Ask("a", "b").min_evidence(Evidence::kDocumented).edges(scenario), (Routes{"doc"}));
}

// ---- Excluded gates ----------------------------------------------------------------------------

constexpr std::string_view kGates = R"(flowsim: 1
gates:
  warrant: {label: Judge-signed warrant}
  consent: {label: Owner agrees}
nodes:
  - {id: a, kind: camera, produces: [footage]}
  - {id: b, kind: federal_agency}
edges:
  - {id: e_warrant, from: a, to: b, carries: [footage], gates: [warrant]}
  - {id: e_both, from: a, to: b, carries: [footage], gates: [consent, warrant]}
  - {id: e_consent, from: a, to: b, carries: [footage], gates: [consent]}
  - {id: e_free, from: a, to: b, carries: [footage]}
)";

TEST(RouteFinder, AnEdgeWithAnExcludedGateIsInactive) {
    const Scenario scenario = load(kGates);
    EXPECT_EQ(Ask("a", "b").edges(scenario),
              (Routes{"e_both", "e_consent", "e_free", "e_warrant"}));
    EXPECT_EQ(Ask("a", "b").without("warrant").edges(scenario), (Routes{"e_consent", "e_free"}));
    EXPECT_EQ(Ask("a", "b").without("consent").edges(scenario), (Routes{"e_free", "e_warrant"}));
    EXPECT_EQ(Ask("a", "b").without("consent").without("warrant").edges(scenario),
              (Routes{"e_free"}));
}

// ---- Policies: origin, from, to, not -----------------------------------------------------------

constexpr std::string_view kOrigin = R"(flowsim: 1
parameters:
  il_law: {default: true}
nodes:
  - {id: cam_il, kind: camera, produces: [plate_read], jurisdiction: {state: IL}}
  - {id: cam_ca, kind: camera, produces: [plate_read], jurisdiction: {state: CA}}
  - {id: pd_il, kind: local_agency, jurisdiction: {state: IL}}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cam_il, to: pd_il, carries: [plate_read, footage]}
  - {from: cam_ca, to: pd_il, carries: [plate_read]}
  - {from: pd_il, to: ice, carries: [plate_read, footage]}
policies:
  - id: il_alpr_law
    when: il_law
    deny:
      carries: [plate_read]
      origin: {state: IL}
)";

TEST(RouteFinder, APolicyOriginMatchesTheRouteSourceNotTheEdgeTail) {
    const Scenario scenario = load(kOrigin);
    // pd_il -> ice has an Illinois tail, but the route from cam_ca starts in California.
    EXPECT_EQ(Ask("cam_il,cam_ca", "ice").edges(scenario), (Routes{"cam_ca->pd_il pd_il->ice"}));
    EXPECT_EQ(Ask("cam_il,cam_ca", "ice").set("il_law", false).edges(scenario),
              (Routes{"cam_ca->pd_il pd_il->ice", "cam_il->pd_il pd_il->ice"}));
    // A route from pd_il starts in Illinois.
    EXPECT_EQ(Ask("pd_il", "ice").data("plate_read").edges(scenario), (Routes{}));
    // The policy's carries: footage from Illinois is not denied.
    EXPECT_EQ(Ask("cam_il", "ice").data("footage").edges(scenario),
              (Routes{"cam_il->pd_il pd_il->ice"}));
}

constexpr std::string_view kFromTo = R"(flowsim: 1
nodes:
  - {id: cam, kind: camera, produces: [footage]}
  - {id: pd, kind: local_agency, jurisdiction: {state: IL}}
  - {id: sheriff, kind: state_agency, jurisdiction: {state: IL}}
  - {id: fbi, kind: federal_agency}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cam, to: pd, carries: [footage]}
  - {from: cam, to: sheriff, carries: [footage]}
  - {from: pd, to: ice, carries: [footage]}
  - {from: pd, to: fbi, carries: [footage]}
  - {from: sheriff, to: ice, carries: [footage]}
  - {from: cam, to: ice, carries: [footage]}
policies:
  - id: no_local_to_ice
    deny:
      from: {kind: local_agency}
      to: {tags: [ice]}
)";

TEST(RouteFinder, APolicyFromAndToMatchTheEdgeTailAndHead) {
    const Scenario scenario = load(kFromTo);
    EXPECT_EQ(Ask("cam", "ice,fbi").edges(scenario),
              (Routes{"cam->ice", "cam->pd pd->fbi", "cam->sheriff sheriff->ice"}));
    // Starting at pd changes nothing: from/to look at the edge, not the origin.
    EXPECT_EQ(Ask("pd", "ice,fbi").edges(scenario), (Routes{"pd->fbi"}));
}

constexpr std::string_view kNot = R"(flowsim: 1
parameters:
  in_state_only: {default: false}
  block_il: {default: false}
nodes:
  - {id: cam, kind: camera, produces: [plate_read], jurisdiction: {state: IL}}
  - {id: ice, kind: federal_agency}
  - {id: isp, kind: state_agency, jurisdiction: {state: IL}}
  - {id: chp, kind: state_agency, jurisdiction: {state: CA}}
edges:
  - {from: cam, to: ice, carries: [plate_read]}
  - {from: cam, to: isp, carries: [plate_read]}
  - {from: cam, to: chp, carries: [plate_read]}
policies:
  - id: stay_in_state
    when: in_state_only
    deny: {to: {not: {state: IL}}}
  - id: block_in_state
    when: block_il
    deny: {to: {state: IL}}
)";

TEST(RouteFinder, UnderNotAFieldTheNodeLacksMatches) {
    const Scenario scenario = load(kNot);
    EXPECT_EQ(Ask("cam", "ice,isp,chp").edges(scenario),
              (Routes{"cam->chp", "cam->ice", "cam->isp"}));
    // ice has no state: {state: IL} does not match it, so {not: {state: IL}} does.
    EXPECT_EQ(Ask("cam", "ice,isp,chp").set("in_state_only", true).edges(scenario),
              (Routes{"cam->isp"}));
    EXPECT_EQ(Ask("cam", "ice,isp,chp").set("block_il", true).edges(scenario),
              (Routes{"cam->chp", "cam->ice"}));
}

// ---- avoid and via -----------------------------------------------------------------------------

constexpr std::string_view kAvoidVia = R"(flowsim: 1
nodes:
  - {id: a, kind: camera, produces: [footage]}
  - {id: b, kind: camera, produces: [footage]}
  - {id: m, kind: platform}
  - {id: n, kind: platform}
  - {id: t, kind: federal_agency, tags: [ice]}
  - {id: u, kind: federal_agency, tags: [ice]}
edges:
  - {from: a, to: m, carries: [footage]}
  - {from: m, to: t, carries: [footage]}
  - {from: a, to: n, carries: [footage]}
  - {from: n, to: t, carries: [footage]}
  - {from: n, to: u, carries: [footage]}
  - {from: b, to: m, carries: [footage]}
)";

TEST(RouteFinder, AvoidRemovesNodesAsSourceMiddleOrTarget) {
    const Scenario scenario = load(kAvoidVia);
    EXPECT_EQ(Ask("a,b", "t,u").edges(scenario),
              (Routes{"a->m m->t", "a->n n->t", "a->n n->u", "b->m m->t"}));
    EXPECT_EQ(Ask("a,b", "t,u").avoid("a").edges(scenario), (Routes{"b->m m->t"}));
    EXPECT_EQ(Ask("a,b", "t,u").avoid("m").edges(scenario), (Routes{"a->n n->t", "a->n n->u"}));
    EXPECT_EQ(Ask("a,b", "t,u").avoid("t").edges(scenario), (Routes{"a->n n->u"}));
    EXPECT_EQ(Ask("a,b", "t,u").avoid("m,u").edges(scenario), (Routes{"a->n n->t"}));
    EXPECT_EQ(Ask("a,b", "t,u").avoid("tag:ice").edges(scenario), (Routes{}));
}

TEST(RouteFinder, ViaKeepsRoutesThatTouchOneOfItsNodes) {
    const Scenario scenario = load(kAvoidVia);
    EXPECT_EQ(Ask("a,b", "t,u").via("m").edges(scenario), (Routes{"a->m m->t", "b->m m->t"}));
    // The source and the target count.
    EXPECT_EQ(Ask("a,b", "t,u").via("a").edges(scenario),
              (Routes{"a->m m->t", "a->n n->t", "a->n n->u"}));
    EXPECT_EQ(Ask("a,b", "t,u").via("u").edges(scenario), (Routes{"a->n n->u"}));
    EXPECT_EQ(Ask("a,b", "t,u").via("m,u").edges(scenario),
              (Routes{"a->m m->t", "a->n n->u", "b->m m->t"}));
    EXPECT_EQ(Ask("a,b", "t,u").via("m").avoid("b").edges(scenario), (Routes{"a->m m->t"}));
}

// ---- max_hops ----------------------------------------------------------------------------------

constexpr std::string_view kHops = R"(flowsim: 1
nodes:
  - {id: a, kind: camera, produces: [footage]}
  - {id: b, kind: platform}
  - {id: c, kind: local_agency}
  - {id: d, kind: federal_agency}
edges:
  - {from: a, to: b, carries: [footage]}
  - {from: b, to: c, carries: [footage]}
  - {from: c, to: d, carries: [footage]}
  - {from: a, to: c, carries: [footage]}
  - {from: a, to: d, carries: [footage]}
)";

TEST(RouteFinder, MaxHopsDropsLongerRoutes) {
    const Scenario scenario = load(kHops);
    EXPECT_EQ(Ask("a", "d").edges(scenario), (Routes{"a->d", "a->c c->d", "a->b b->c c->d"}));
    EXPECT_EQ(Ask("a", "d").max_hops(3).edges(scenario),
              (Routes{"a->d", "a->c c->d", "a->b b->c c->d"}));
    EXPECT_EQ(Ask("a", "d").max_hops(2).edges(scenario), (Routes{"a->d", "a->c c->d"}));
    EXPECT_EQ(Ask("a", "d").max_hops(1).edges(scenario), (Routes{"a->d"}));
    EXPECT_EQ(Ask("a", "d").max_hops(0).edges(scenario), (Routes{}));
}

// ---- The fixed order ---------------------------------------------------------------------------

constexpr std::string_view kOrder = R"(flowsim: 1
nodes:
  - {id: s, kind: camera, produces: [footage]}
  - {id: z, kind: platform}
  - {id: m, kind: platform}
  - {id: t, kind: federal_agency}
edges:
  - {id: a1, from: s, to: z, carries: [footage]}
  - {id: z9, from: z, to: t, carries: [footage]}
  - {id: b1, from: s, to: m, carries: [footage]}
  - {id: x2, from: m, to: t, carries: [footage]}
  - {id: x10, from: m, to: t, carries: [footage]}
  - {id: m9, from: m, to: t, carries: [footage]}
  - {id: zz_direct, from: s, to: t, carries: [footage]}
)";

TEST(RouteFinder, OrderIsHopsThenNodeIdsThenEdgeIds) {
    const Scenario scenario = load(kOrder);
    // The one-hop route first though its edge id sorts last. Then route B (s, m, t) before
    // route A (s, z, t) though A's first edge id a1 sorts before B's b1. Within B, edge ids
    // as byte strings: "m9" < "x10" < "x2".
    EXPECT_EQ(Ask("s", "t").edges(scenario),
              (Routes{"zz_direct", "b1 m9", "b1 x10", "b1 x2", "a1 z9"}));
}

constexpr std::string_view kNodeOrder = R"(flowsim: 1
nodes:
  - {id: s, kind: camera, produces: [footage]}
  - {id: k_0, kind: platform}
  - {id: k9, kind: platform}
  - {id: k10, kind: platform}
  - {id: k.1, kind: platform}
  - {id: k-2, kind: platform}
  - {id: k, kind: platform}
  - {id: t, kind: federal_agency}
edges:
  - {id: e1, from: s, to: k_0, carries: [footage]}
  - {id: e2, from: k_0, to: t, carries: [footage]}
  - {id: e3, from: s, to: k9, carries: [footage]}
  - {id: e4, from: k9, to: t, carries: [footage]}
  - {id: e5, from: s, to: k10, carries: [footage]}
  - {id: e6, from: k10, to: t, carries: [footage]}
  - {id: e7, from: s, to: k.1, carries: [footage]}
  - {id: e8, from: k.1, to: t, carries: [footage]}
  - {id: e9, from: s, to: k-2, carries: [footage]}
  - {id: f1, from: k-2, to: t, carries: [footage]}
  - {id: f2, from: s, to: k, carries: [footage]}
  - {id: f3, from: k, to: t, carries: [footage]}
)";

TEST(RouteFinder, NodeIdsCompareAsByteStringsOneByOne) {
    const Scenario scenario = load(kNodeOrder);
    // "k" < "k-2" < "k.1" < "k10" < "k9" < "k_0": a prefix first, then bytes
    // ('-' 0x2d < '.' 0x2e < '1' < '9' < '_' 0x5f). Edge ids run the other way.
    EXPECT_EQ(Ask("s", "t").edges(scenario),
              (Routes{"f2 f3", "e9 f1", "e7 e8", "e5 e6", "e3 e4", "e1 e2"}));
}

constexpr std::string_view kSources = R"(flowsim: 1
nodes:
  - {id: src_b, kind: camera, produces: [footage]}
  - {id: src_a, kind: camera, produces: [footage]}
  - {id: t, kind: federal_agency}
edges:
  - {id: a_first, from: src_b, to: t, carries: [footage]}
  - {id: b_second, from: src_a, to: t, carries: [footage]}
)";

TEST(RouteFinder, SourcesOrderByIdNotByPositionInTheFile) {
    const Scenario scenario = load(kSources);
    EXPECT_EQ(Ask("src_b,src_a", "t").edges(scenario), (Routes{"b_second", "a_first"}));
}

constexpr std::string_view kKinds = R"(flowsim: 1
data:
  alpha: {label: Declared after the built-ins}
nodes:
  - {id: box, kind: other}
  - {id: cam, kind: camera, produces: [plate_read, alpha]}
  - {id: t, kind: federal_agency}
edges:
  - {from: box, to: t, carries: [plate_read, footage, alpha], convert: {plate_read: footage}}
  - {from: box, to: t, carries: [footage]}
  - {from: cam, to: t, carries: [plate_read, alpha]}
)";

TEST(RouteFinder, StartingKindIsTheLastKey) {
    const Scenario scenario = load(kKinds);
    // box produces nothing: every kind, ordered by id (alpha is declared after the
    // built-ins but sorts first), after the edge ids.
    EXPECT_EQ(Ask("box", "t").with_data(scenario),
              (Routes{"alpha/alpha: box->t", "footage/footage: box->t",
                      "plate_read/footage: box->t", "footage/footage: box->t#2"}));
    EXPECT_EQ(Ask("cam", "t").with_data(scenario),
              (Routes{"alpha/alpha: cam->t", "plate_read/plate_read: cam->t"}));
    EXPECT_EQ(Ask("box,cam", "t").with_data(scenario),
              (Routes{"alpha/alpha: box->t", "footage/footage: box->t",
                      "plate_read/footage: box->t", "footage/footage: box->t#2",
                      "alpha/alpha: cam->t", "plate_read/plate_read: cam->t"}));
}

// ---- Route ids and summaries -------------------------------------------------------------------

constexpr std::string_view kIds = R"(flowsim: 1
title: Ids
data:
  hot: {label: Hotlist hit}
parameters:
  p: {default: false}
nodes:
  - {id: box, kind: other}
  - {id: mid, kind: platform}
  - {id: t, kind: federal_agency}
edges:
  - {id: direct, from: box, to: t, carries: [footage, plate_read, hot]}
  - {id: gated, from: box, to: mid, carries: [footage], when: p}
  - {id: onward, from: mid, to: t, carries: [footage]}
)";

// The same scenario edited elsewhere: another title, a kind declared before `hot` (so
// every index of `hot` changes), an extra node first and edges listed in another order.
constexpr std::string_view kIdsEdited = R"(flowsim: 1
title: Ids, edited
data:
  aaa: {label: New kind}
  hot: {label: Hotlist hit}
parameters:
  p: {default: true}
nodes:
  - {id: zzz, kind: other}
  - {id: box, kind: other}
  - {id: mid, kind: platform}
  - {id: t, kind: federal_agency}
edges:
  - {id: onward, from: mid, to: t, carries: [footage]}
  - {id: extra, from: zzz, to: t, carries: [footage]}
  - {id: gated, from: box, to: mid, carries: [footage], when: p}
  - {id: direct, from: box, to: t, carries: [footage, plate_read, hot]}
)";

std::vector<std::pair<std::string, std::string>> ids_of(const Scenario& scenario, const Ask& ask) {
    std::vector<std::pair<std::string, std::string>> result;
    for (const Route& route : ask.run(scenario)) {
        const std::string id = route_id(scenario, route);
        EXPECT_EQ(summarize(scenario, route).id, id);
        EXPECT_EQ(id.size(), 10U) << id;
        EXPECT_EQ(id.rfind("r-", 0), 0U) << id;
        EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 2), std::string::npos) << id;
        result.emplace_back(
            scenario.data_kinds()[route.data].id + ": " + Ask::edge_list(scenario, route), id);
    }
    return result;
}

TEST(RouteFinder, RouteIdsAreStableAcrossConfigurationsAndEdits) {
    const Scenario scenario = load(kIds);
    const auto off = ids_of(scenario, Ask("box", "t"));
    ASSERT_EQ(off.size(), 3U);
    EXPECT_EQ(off[0].first, "footage: direct");
    EXPECT_EQ(off[1].first, "hot: direct");
    EXPECT_EQ(off[2].first, "plate_read: direct");
    // Same edges, other starting kind: another id.
    EXPECT_EQ(std::set<std::string>({off[0].second, off[1].second, off[2].second}).size(), 3U);

    const auto on = ids_of(scenario, Ask("box", "t").set("p", true));
    ASSERT_EQ(on.size(), 4U);
    EXPECT_EQ(on[0], off[0]);
    EXPECT_EQ(on[1], off[1]);
    EXPECT_EQ(on[2], off[2]);
    EXPECT_EQ(on[3].first, "footage: gated onward");
    EXPECT_EQ(
        std::set<std::string>({on[0].second, on[1].second, on[2].second, on[3].second}).size(), 4U);

    // Edits elsewhere in the file change no id.
    const Scenario edited = load(kIdsEdited);
    EXPECT_NE(edited.find_data_kind("hot"), scenario.find_data_kind("hot"));
    EXPECT_EQ(ids_of(edited, Ask("box", "t")), on);
}

constexpr std::string_view kSummary = R"(flowsim: 1
sources:
  zed: {title: Z}
  abc: {title: A}
parameters:
  zz: {default: true}
  aa: {default: true}
gates:
  warrant: {label: W}
  consent: {label: C}
nodes:
  - {id: a, kind: camera, produces: [footage]}
  - {id: b, kind: platform}
  - {id: c, kind: federal_agency}
edges:
  - {from: a, to: b, carries: [footage], status: documented, likelihood: 0.5,
     when: zz or aa, gates: [warrant], sources: [zed]}
  - {from: b, to: c, carries: [footage], status: alleged, likelihood: 0.25,
     when: zz, gates: [consent, warrant], sources: [abc, zed]}
)";

TEST(RouteFinder, SummaryIsTheWeakestStatusTheUnionsAndTheProduct) {
    const Scenario scenario = load(kSummary);
    const std::vector<Route> routes = Ask("a", "c").run(scenario);
    ASSERT_EQ(routes.size(), 1U);
    const RouteSummary summary = summarize(scenario, routes[0]);
    EXPECT_EQ(summary.evidence, Evidence::kAlleged);
    const auto ids = [](const auto& items, const auto& indices) {
        std::vector<std::string> result;
        for (const auto index : indices) {
            result.push_back(items[index].id);
        }
        return result;
    };
    EXPECT_EQ(ids(scenario.gates(), summary.gates),
              (std::vector<std::string>{"consent", "warrant"}));
    EXPECT_EQ(ids(scenario.parameters(), summary.parameters),
              (std::vector<std::string>{"aa", "zz"}));
    EXPECT_EQ(ids(scenario.sources(), summary.sources), (std::vector<std::string>{"abc", "zed"}));
    EXPECT_DOUBLE_EQ(summary.likelihood.value_or(-1), 0.125);
}

// Four parallel routes a -> b -> c: two with every likelihood known, two with an edge
// that has none (issue 13, case 7: an edge without an estimate is unknown, not certain).
constexpr const char* kUnknownLikelihood = R"(flowsim: 1
nodes:
  - {id: a, kind: camera, produces: [footage]}
  - {id: b, kind: platform}
  - {id: c, kind: federal_agency}
edges:
  - {id: ab1, from: a, to: b, carries: [footage], likelihood: 0.5}
  - {id: ab2, from: a, to: b, carries: [footage]}
  - {id: bc1, from: b, to: c, carries: [footage], likelihood: 0.1}
  - {id: bc2, from: b, to: c, carries: [footage], likelihood: 0.9}
)";

TEST(RouteFinder, AnEdgeWithoutALikelihoodMakesTheRouteLikelihoodUnknown) {
    const Scenario scenario = load(kUnknownLikelihood);
    ASSERT_EQ(scenario.edges()[1].id, "ab2");
    EXPECT_FALSE(scenario.edges()[1].likelihood.has_value());
    const std::vector<Route> routes = Ask("a", "c").run(scenario);
    ASSERT_EQ(routes.size(), 4U);
    // ab1 bc1, ab1 bc2, ab2 bc1, ab2 bc2
    EXPECT_DOUBLE_EQ(summarize(scenario, routes[0]).likelihood.value_or(-1), 0.05);
    EXPECT_DOUBLE_EQ(summarize(scenario, routes[1]).likelihood.value_or(-1), 0.45);
    EXPECT_FALSE(summarize(scenario, routes[2]).likelihood.has_value());
    EXPECT_FALSE(summarize(scenario, routes[3]).likelihood.has_value());
}

TEST(RouteFinder, MostLikelyRanksKnownLikelihoodsFirstThenUnknownInTheFixedOrder) {
    const Scenario scenario = load(kUnknownLikelihood);
    const Ask ask("a", "c");
    const ConfigurationView view(scenario, ask.settings(scenario));
    for (std::size_t k = 1; k <= 5; ++k) {
        RouteFinder finder(view, ask.query(scenario));
        std::vector<std::string> got;
        const Enumeration result = finder.most_likely(k, [&](const Route& route) {
            std::string text;
            for (const EdgeIndex edge : route.edges) {
                text += (text.empty() ? "" : " ") + scenario.edges()[edge].id;
            }
            got.push_back(text);
            return true;
        });
        EXPECT_TRUE(result.completion.complete());
        std::vector<std::string> wanted = {"ab1 bc2", "ab1 bc1", "ab2 bc1", "ab2 bc2"};
        wanted.resize(std::min<std::size_t>(k, 4));
        EXPECT_EQ(got, wanted) << "k = " << k;
    }
}

// ---- The route as a value, and stopping early --------------------------------------------------

TEST(RouteFinder, ARouteNamesItsSourceTargetNodesAndKinds) {
    const Scenario scenario = load(kConvert);
    const std::vector<Route> routes = Ask("cam", "ice").run(scenario);
    ASSERT_EQ(routes.size(), 1U);
    const Route& route = routes[0];
    EXPECT_EQ(scenario.nodes()[route.source].id, "cam");
    EXPECT_EQ(scenario.nodes()[route.target].id, "ice");
    ASSERT_EQ(route.nodes.size(), 3U);
    EXPECT_EQ(scenario.nodes()[route.nodes[0]].id, "cam");
    EXPECT_EQ(scenario.nodes()[route.nodes[1]].id, "ocr");
    EXPECT_EQ(scenario.nodes()[route.nodes[2]].id, "ice");
    EXPECT_EQ(route.hops(), 2U);
    EXPECT_EQ(scenario.data_kinds()[route.data].id, "footage");
    EXPECT_EQ(scenario.data_kinds()[route.arrives_as].id, "plate_read");
}

TEST(RouteFinder, TheCallbackCanStopTheEnumeration) {
    const Scenario scenario = load(kParallel);
    const Ask ask("a", "c");
    const ConfigurationView view(scenario, ask.settings(scenario));
    RouteFinder finder(view, ask.query(scenario));
    Routes seen;
    const Enumeration result = finder.enumerate([&](const Route& route) {
        seen.push_back(Ask::edge_list(scenario, route));
        return seen.size() < 2;
    });
    EXPECT_EQ(seen, (Routes{"a->b b->c", "a->b b_c_api"}));
    EXPECT_EQ(result.routes, 2U);
    EXPECT_FALSE(result.completion.complete());
    EXPECT_FALSE(result.completion.timed_out());
}

TEST(RouteFinder, MaybeReachableIsFalseOnlyWithoutRoutes) {
    const Scenario scenario = load(kAvoidVia);
    EXPECT_TRUE(Ask("a", "t").maybe_reachable(scenario));
    // Nothing leaves t, and nothing at all reaches b.
    EXPECT_FALSE(Ask("t", "a").maybe_reachable(scenario));
    EXPECT_FALSE(Ask("a", "b").maybe_reachable(scenario));
    EXPECT_FALSE(Ask("a", "t").avoid("m,n").maybe_reachable(scenario));
    EXPECT_FALSE(Ask("a", "t").data("plate_read").maybe_reachable(scenario));
}

// ---- Dead ends behind the route cost nothing ---------------------------------------------------

// A chain c0 -> c1 -> ... -> c30 (the target). Each chain node ci also leads into a region
// of kRegionLayers layers, two nodes wide, every node of a layer joined to both nodes of the
// next: 2^kRegionLayers ways through. The region's last layer leads back to ci and to c0,
// nodes already on any route that reaches the region, so from inside a region the target
// can be reached only through the route's own earlier nodes. Every region node reaches the
// target in the graph; none does on a route. Exactly one route exists.
constexpr int kChain = 30;
constexpr int kRegionLayers = 700;  // 2,800 edges per region, 84,000 in all

std::string dead_end_scenario() {
    std::string yaml = "flowsim: 1\nnodes:\n";
    for (int i = 0; i <= kChain; ++i) {
        yaml += "  - {id: c" + std::to_string(i) +
                ", kind: " + (i == 0 ? "camera, produces: [footage]" : "other") + "}\n";
    }
    const auto region_node = [](int chain, int layer, char side) {
        return "r" + std::to_string(chain) + "_" + std::to_string(layer) + side;
    };
    for (int i = 0; i < kChain; ++i) {
        for (int layer = 0; layer < kRegionLayers; ++layer) {
            for (const char side : {'a', 'b'}) {
                yaml += "  - {id: " + region_node(i, layer, side) + ", kind: other}\n";
            }
        }
    }
    yaml += "edges:\n";
    const auto edge = [&](const std::string& from, const std::string& to) {
        yaml += "  - {from: " + from + ", to: " + to + ", carries: [footage]}\n";
    };
    for (int i = 0; i < kChain; ++i) {
        const std::string here = "c" + std::to_string(i);
        edge(here, "c" + std::to_string(i + 1));
        edge(here, region_node(i, 0, 'a'));
        edge(here, region_node(i, 0, 'b'));
        for (int layer = 0; layer + 1 < kRegionLayers; ++layer) {
            for (const char from : {'a', 'b'}) {
                for (const char to : {'a', 'b'}) {
                    edge(region_node(i, layer, from), region_node(i, layer + 1, to));
                }
            }
        }
        for (const char side : {'a', 'b'}) {
            edge(region_node(i, kRegionLayers - 1, side), here);
            if (i > 0) {
                edge(region_node(i, kRegionLayers - 1, side), "c0");
            }
        }
    }
    return yaml;
}

TEST(RouteFinder, DeadEndsBehindTheRouteAreNotExplored) {
    const Scenario scenario = load(dead_end_scenario());
    ASSERT_GT(scenario.edges().size(), 80'000U);
    const std::string target = "c" + std::to_string(kChain);
    // No max_hops. A finder that explores the regions would not finish; this one must,
    // and find exactly the chain.
    const std::vector<Route> routes = Ask("c0", target).run(scenario);
    ASSERT_EQ(routes.size(), 1U);
    std::string expected;
    for (int i = 0; i < kChain; ++i) {
        expected += (i ? " " : "") + ("c" + std::to_string(i)) + "->c" + std::to_string(i + 1);
    }
    EXPECT_EQ(Ask::edge_list(scenario, routes[0]), expected);
    EXPECT_EQ(routes[0].hops(), static_cast<std::size_t>(kChain));
    // The regions are dead ends only because of the route: in the graph, every region
    // node reaches the target.
    EXPECT_TRUE(Ask("r5_0a", target).maybe_reachable(scenario));
    EXPECT_TRUE(Ask("r0_0b", target).maybe_reachable(scenario));
}

}  // namespace
}  // namespace flowsim
