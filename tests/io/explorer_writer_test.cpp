// The explorable report: its encodings (base64, the SHA-256 that names its script in the
// Content-Security-Policy), the page loading nothing and running nothing but its own
// script, scenario text kept out of markup and out of the script, the conditions said
// again from pieces for every state, and the same bytes twice. The page in a browser is
// tests/browser/explorer_test.js.
#include "flowsim/io/explorer_writer.hpp"

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "flowsim/io/scenario_loader.hpp"

namespace flowsim::io {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::filesystem::path kFixture =
    std::filesystem::path(FLOWSIM_GOLDEN_DIR) / ".." / "cli" / "cases" / "explore" / "explore.yaml";

std::string hex(const std::string& bytes) {
    static const char kDigits[] = "0123456789abcdef";
    std::string out;
    for (const char c : bytes) {
        out += kDigits[static_cast<unsigned char>(c) >> 4];
        out += kDigits[static_cast<unsigned char>(c) & 15];
    }
    return out;
}

TEST(Base64, EncodesTheRfcVectors) {
    EXPECT_EQ(base64(""), "");
    EXPECT_EQ(base64("f"), "Zg==");
    EXPECT_EQ(base64("fo"), "Zm8=");
    EXPECT_EQ(base64("foo"), "Zm9v");
    EXPECT_EQ(base64("foob"), "Zm9vYg==");
    EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(Sha256, HashesTheFipsVectors) {
    EXPECT_EQ(hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex(sha256("abc")),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(hex(sha256(std::string(1000000, 'a'))),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    // 55, 56 and 64 bytes: the padding's edge cases.
    EXPECT_EQ(hex(sha256(std::string(55, 'a'))),
              "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    EXPECT_EQ(hex(sha256(std::string(56, 'a'))),
              "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    EXPECT_EQ(hex(sha256(std::string(64, 'a'))),
              "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

// The page for `request` on the fixture, with a stand-in diagram; `nearest`, when given,
// gets what blocked_routes says for each state answering no, in state order.
std::string page(const QueryRequest& request = {},
                 std::size_t* states = nullptr,
                 std::vector<std::vector<BlockedRoute>>* nearest = nullptr) {
    LoadResult loaded = load_scenario_file(kFixture.string());
    EXPECT_TRUE(loaded.ok()) << format_diagnostics(loaded.diagnostics, loaded.lines);
    const Scenario& scenario = *loaded.scenario;
    std::vector<std::string> errors;
    const ResolvedQuery query = resolve_request(scenario, request, errors);
    EXPECT_TRUE(errors.empty()) << errors.front();
    const ConfigurationView view(scenario, query.activity);
    const ToggleChoice choice = default_toggles(scenario, 6, 65536);
    ExplorerAnswers answers(scenario, query, make_state_space(view, choice.toggles), "explore.yaml",
                            10);
    const Exploration exploration =
        explore_states(scenario, query, answers.space(), 0, {}, [&](const StateRoutes& state) {
            answers.add(state);
            if (nearest && state.routes.empty()) {
                nearest->push_back(blocked_routes(*state.view, state.query->routes, 10));
            }
        });
    EXPECT_TRUE(exploration.completion.complete());
    if (states) {
        *states = answers.states_added();
    }
    ExplorerPage shown;
    shown.diagram =
        "<?xml version=\"1.0\"?>\n<svg width=\"100pt\" height=\"50pt\" viewBox=\"0 0 100 50\" "
        "xmlns=\"http://www.w3.org/2000/svg\"><g id=\"fs-e-0\" class=\"edge\"/></svg>\n";
    shown.max_states = 65536;
    shown.provenance = {"explore.yaml", "fnv1a64:0", "flowsim test", "flowsim report x"};
    std::ostringstream out;
    write_explorer(out, answers, shown);
    return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t found = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++found;
    }
    return found;
}

TEST(Explorer, HoldsEveryStateOfTheLeversAndDates) {
    std::size_t states = 0;
    const std::string html = page({}, &states);
    // Three levers; five dates at which a link or the law starts or ends: six intervals.
    EXPECT_EQ(states, 48U);
    EXPECT_THAT(html, HasSubstr("\"states\": 48"));
    EXPECT_THAT(html, HasSubstr("This page holds the answers of 48 states"));
    // The parameter that is not a lever is not toggled.
    EXPECT_THAT(html, Not(HasSubstr("\"id\":\"searches_for_ice\"")));
}

TEST(Explorer, RunsOnlyItsOwnScriptAndLoadsNothing) {
    const std::string html = page();
    // Two script elements: the data (never run) and the script the policy names by hash.
    EXPECT_EQ(count(html, "<script"), 2U);
    const std::string open = "<script>";
    const std::size_t begin = html.find(open) + open.size();
    const std::size_t end = html.find("</script>", begin);
    ASSERT_NE(end, std::string::npos);
    const std::string script = html.substr(begin, end - begin);
    EXPECT_THAT(html, HasSubstr("script-src 'sha256-" + base64(sha256(script)) + "'"));
    EXPECT_THAT(html, HasSubstr("default-src 'none'"));
    for (const char* loader : {"<link", "<img", "<iframe", "<object", "<embed", "src=", "url(",
                               "@import", "@font-face", "fetch(", "XMLHttpRequest"}) {
        EXPECT_THAT(html, Not(HasSubstr(loader))) << loader;
    }
}

TEST(Explorer, ScenarioTextNeverEndsTheDataOrBecomesMarkup) {
    const std::string html = page();
    const std::string open = "<script type=\"application/json\" id=\"flowsim-data\">";
    const std::size_t begin = html.find(open);
    ASSERT_NE(begin, std::string::npos);
    const std::size_t end = html.find("</script>", begin);
    const std::string data = html.substr(begin + open.size(), end - begin - open.size());
    // Inside the data, no "<" at all, and no raw U+2028.
    EXPECT_EQ(data.find('<'), std::string::npos);
    EXPECT_EQ(data.find("\xE2\x80\xA8"), std::string::npos);
    EXPECT_THAT(data, HasSubstr("City cameras \\u003cscript\\u003e"));
    EXPECT_THAT(data, HasSubstr("\\u003c/script\\u003e"));
    // In the markup, escaped.
    EXPECT_THAT(html, HasSubstr("<h1>Explorer fixture &lt;/script&gt;&lt;script&gt;alert(&apos;"
                                "title&apos;)&lt;/script&gt; &amp; &lt;b&gt;</h1>"));
    EXPECT_THAT(html, Not(HasSubstr("<script>alert")));
    EXPECT_THAT(html, Not(HasSubstr("<b>")));
    EXPECT_THAT(html, Not(HasSubstr("<i>Someone")));
    EXPECT_THAT(html, HasSubstr("href=\"https://example.org/odd?a=1&amp;b=2\""));
}

TEST(Explorer, SaysEveryAssumptionInEveryState) {
    // Settings of other parameters, gates, avoided nodes, an evidence floor and a date:
    // each state's conditions are said again from pieces, and checked against
    // conditions() while the page is written (which would throw).
    QueryRequest request;
    request.settings = {"searches_for_ice=false", "share_fusion=true"};
    request.without = {"warrant"};
    request.avoid = "other_pd";
    request.min_evidence = "alleged";
    request.as_of = "2025-05-01";
    std::string html;
    EXPECT_NO_THROW(html = page(request));
    EXPECT_THAT(html, HasSubstr("Officers search for ICE: off"));
    EXPECT_THAT(html, HasSubstr("never given: A judge-signed warrant"));
    EXPECT_THAT(html, HasSubstr("facts as of 2025-05-01 (not the scenario's 2026-01-01)"));
}

TEST(Explorer, ExplainsEachNoByItsNearestBlockedRoutesKeptOnce) {
    // Through the fusion centre, the plate reads are blocked by the setting, by the date
    // the share begins and by the law, in some states each.
    QueryRequest request;
    request.from = "cams";
    request.via = "fusion";
    std::vector<std::vector<BlockedRoute>> nearest;
    const std::string html = page(request, nullptr, &nearest);
    ASSERT_FALSE(nearest.empty());
    std::size_t explained = 0;
    for (const std::vector<BlockedRoute>& routes : nearest) {
        ASSERT_FALSE(routes.empty());
        explained += routes.size();
    }
    EXPECT_THAT(html, HasSubstr("\"edges\": [\"cams_to_pd\", \"to_fusion\", \"fusion_to_ice\"]"));
    // What blocks each hop, as `query` says it (blocker_text).
    EXPECT_THAT(html, HasSubstr("\"hop\": \"City police → Fusion centre (share)\", \"edge\": "
                                "\"to_fusion\", \"text\": \"“Share with the fusion centre "
                                "\\u003c/script\\u003e” is off\", \"reason\": \"parameter\""));
    EXPECT_THAT(html, HasSubstr("\"text\": \"not in force on 2025-01-01 (from 2025-03-01)\", "
                                "\"reason\": \"date\""));
    EXPECT_THAT(html, HasSubstr("\"edge\": \"fusion_to_ice\", \"text\": \"the law “The state "
                                "law bars the fusion centre from sharing with ICE "
                                "\\u003c/script\\u003e” ["));
    // Kept once: fewer explanations than the states answering no give between them.
    const std::size_t begin = html.find("\"nearest\": [");
    const std::size_t end = html.find("\"nearest_lists\": [");
    ASSERT_NE(begin, std::string::npos);
    ASSERT_NE(end, std::string::npos);
    const std::size_t kept = count(html.substr(begin, end - begin), "\"path\": ");
    EXPECT_GT(kept, 0U);
    EXPECT_LT(kept, explained);
    EXPECT_THAT(html,
                HasSubstr("<section id=\"blocked\" aria-labelledby=\"blocked-title\" hidden>"));
}

TEST(Explorer, SameInputSameBytes) {
    EXPECT_EQ(page(), page());
}

}  // namespace
}  // namespace flowsim::io
