// JSON spelling: strings escaped exactly as before the fast path, numbers the shortest
// %g spelling that reads back, and `paths` listings streamed in blocks byte for byte as
// one route at a time would write them.
#include "flowsim/io/json_writer.hpp"

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "flowsim/configuration_view.hpp"
#include "flowsim/io/route_writer.hpp"
#include "flowsim/query_request.hpp"
#include "flowsim/route_finder.hpp"
#include "support/scenario_text.hpp"

namespace flowsim::io {
namespace {

// json_number as it was first written: printf's %g at 1, 2, ... 17 digits until it
// reads back.
std::string reference_number(double value) {
    if (!std::isfinite(value)) {
        return "null";
    }
    char buffer[32];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
        if (std::strtod(buffer, nullptr) == value) {
            break;
        }
    }
    return buffer;
}

TEST(JsonNumber, MatchesTheShortestPrintfSpelling) {
    for (const double value : {0.0,
                               -0.0,
                               1.0,
                               0.5,
                               0.1,
                               0.0001,
                               0.00001,
                               1e21,
                               1e22,
                               123456.0,
                               1234567.0,
                               0.16 * 0.2,
                               0.3 * 0.3 * 0.3,
                               2.0 / 3.0,
                               5e-324,
                               DBL_MAX,
                               DBL_MIN,
                               -1.5e-7,
                               100.0,
                               1e16,
                               9007199254740993.0}) {
        EXPECT_EQ(json_number(value), reference_number(value)) << value;
    }
    EXPECT_EQ(json_number(NAN), "null");
    EXPECT_EQ(json_number(INFINITY), "null");
    // Route likelihoods are products of two-decimal guesses; also any double at all.
    std::mt19937_64 random(16);
    std::uniform_int_distribution<int> percent(1, 100);
    for (int i = 0; i < 20000; ++i) {
        double product = 1.0;
        for (int hop = i % 7; hop >= 0; --hop) {
            product *= percent(random) / 100.0;
        }
        ASSERT_EQ(json_number(product), reference_number(product)) << product;
        const std::uint64_t bits = random();
        double any = 0;
        std::memcpy(&any, &bits, sizeof any);
        ASSERT_EQ(json_number(any), reference_number(any)) << bits;
    }
}

TEST(JsonString, EscapesOnlyWhatJsonNeeds) {
    EXPECT_EQ(json_string("plain-id_1"), "\"plain-id_1\"");
    EXPECT_EQ(json_string(""), "\"\"");
    EXPECT_EQ(json_string("a\"b\\c\nd\te\rf"), R"("a\"b\\c\nd\te\rf")");
    EXPECT_EQ(json_string(std::string("x\x01y\x7f", 4)), R"("x\u0001y\u007f")");
    EXPECT_EQ(json_string("caf\xc3\xa9 \xe2\x86\x92"), "\"caf\xc3\xa9 \xe2\x86\x92\"");
    std::string appended = "[";
    append_json_string(appended, "\"q\"");
    EXPECT_EQ(appended, R"(["\"q\"")");
}

TEST(PathsWriter, StreamsManyRoutesAsOneAtATime) {
    // Enough routes to cross the writer's block size several times: each must come out
    // as the single route's object, one a line, with nothing lost at a block boundary.
    // A route with a likelihood, a gate, a source and a parameter it depends on.
    const Scenario scenario = testing::load(R"yaml(flowsim: 1
sources:
  audit: {title: Audit}
parameters:
  on: {default: true}
gates:
  consent: {label: Consent}
nodes:
  - {id: cam, kind: camera, produces: [plate_read]}
  - {id: pd, kind: local_agency}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cam, to: pd, carries: [plate_read], likelihood: 0.16}
  - {id: z, from: pd, to: ice, carries: [plate_read], when: "on", gates: [consent], status: reported, sources: [audit], likelihood: 0.3}
)yaml");
    const ConfigurationView view(scenario, {});
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, {}, errors);
    ASSERT_TRUE(errors.empty());
    RouteFinder finder(view, query.routes);
    std::optional<Route> first;
    finder.enumerate([&](const Route& route) {
        first = route;
        return false;
    });
    ASSERT_TRUE(first.has_value());

    const auto listing = [&](std::size_t count) {
        std::ostringstream out;
        PathsWriter writer(out, RouteFormat::kJson, scenario,
                           make_header(view, query, "small.yaml"));
        for (std::size_t i = 0; i < count; ++i) {
            writer.route(*first);
        }
        writer.finish(count, {});
        return out.str();
    };
    const std::string one = listing(1);
    const std::size_t open = one.find("\n {");
    const std::size_t close = one.rfind("}]");
    ASSERT_NE(open, std::string::npos);
    ASSERT_NE(close, std::string::npos);
    const std::string head = one.substr(0, open);
    const std::string object = one.substr(open + 2, close + 1 - (open + 2));
    const std::size_t count = 3 * (std::size_t{1} << 16) / object.size() + 7;
    std::string expected = head;
    for (std::size_t i = 0; i < count; ++i) {
        expected += (i == 0 ? "\n " : ",\n ") + object;
    }
    expected += "], \"reachable\": true, \"route_count\": " + std::to_string(count) +
                ", \"complete\": true}\n";
    EXPECT_EQ(listing(count), expected);
}

}  // namespace
}  // namespace flowsim::io
