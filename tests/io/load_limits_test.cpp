// What the loader reads, and how much (issue 14, items 5 to 8, 19 and 20): one budget for
// all files, aliases counted, includes confined to the scenario's folder, only regular
// files, no excerpt of a file that is not a scenario file, and excerpts kept although
// each file's text is let go once parsed.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include <flowsim/io/scenario_loader.hpp>

#include "support/temp_dir.hpp"

#include <sys/stat.h>

namespace flowsim::io {
namespace {

namespace fs = std::filesystem;

bool mentions(const LoadResult& result, const std::string& text) {
    return format_diagnostics(result).find(text) != std::string::npos;
}

class LoadLimitsTest : public ::testing::Test {
protected:
    // The diagnostics as printed, with the temporary folder left out of file names.
    std::string printed(const LoadResult& result) const {
        std::string text = format_diagnostics(result);
        const std::string prefix = dir_.path().string() + "/";
        for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix)) {
            text.erase(at, prefix.size());
        }
        return text;
    }
    testing::TempDir dir_;
};

const char* const kNodes =
    "nodes:\n  - {id: cams, kind: camera, produces: [plate_read]}\n"
    "  - {id: ice, kind: federal_agency, tags: [ice]}\n";

TEST_F(LoadLimitsTest, OneBudgetForEveryFileTogether) {
    // Four tables of about 300 bytes each fit a budget of 1,000 bytes one by one, not
    // together: the file that goes past it is named, and nothing is called invalid.
    std::string table = "from,to,carries\n";
    while (table.size() < 300) {
        table += "cams,ice,plate_read\n";
    }
    for (const char* name : {"a.csv", "b.csv", "c.csv", "d.csv"}) {
        dir_.write(name, table);
    }
    const std::string top = dir_.write(
        "top.yaml", std::string("flowsim: 1\ninclude: [a.csv, b.csv, c.csv, d.csv]\n") + kNodes);
    LoadLimits limits;
    limits.max_input_bytes = 1000;
    const LoadResult result = load_scenario_file(top, limits);
    EXPECT_FALSE(result.ok());
    EXPECT_TRUE(result.budget_exceeded);
    const std::string text = printed(result);
    EXPECT_NE(text.find("top.yaml:2:25: error: input budget exceeded: cannot read 'c.csv': "
                        "reading it would take the scenario's files past 1000 bytes in all"),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("invalid"), std::string::npos) << text;
    EXPECT_EQ(text.find("unknown node"), std::string::npos) << text;

    limits.max_input_bytes = 10'000;
    EXPECT_TRUE(load_scenario_file(top, limits).ok());
}

TEST_F(LoadLimitsTest, TheTopFileCountsToo) {
    LoadLimits limits;
    limits.max_input_bytes = 10;
    const LoadResult result =
        load_scenario("flowsim: 1\n# more than ten bytes\n", "x.yaml", limits);
    EXPECT_TRUE(result.budget_exceeded);
    EXPECT_EQ(result.diagnostics.size(), 1U);
    const std::string path = dir_.write("top.yaml", "flowsim: 1\n# more than ten bytes\n");
    EXPECT_TRUE(load_scenario_file(path, limits).budget_exceeded);
}

TEST_F(LoadLimitsTest, TooManyNodesIsABudget) {
    LoadLimits limits;
    limits.max_nodes = 1;
    const LoadResult result = load_scenario(std::string("flowsim: 1\n") + kNodes, "x.yaml", limits);
    EXPECT_TRUE(result.budget_exceeded);
    EXPECT_TRUE(mentions(result, "input budget exceeded: more than 1 nodes"));
}

TEST_F(LoadLimitsTest, AliasesCountTheNodesTheyStandFor) {
    // An anchor of ten tags (11 nodes) used three times stands for 33 nodes.
    const std::string text =
        "flowsim: 1\nnodes:\n"
        "  - {id: a, kind: camera, tags: &t [t0, t1, t2, t3, t4, t5, t6, t7, t8, t9]}\n"
        "  - {id: b, kind: camera, tags: *t}\n  - {id: c, kind: camera, tags: *t}\n"
        "  - {id: d, kind: camera, tags: *t}\n";
    LoadLimits limits;
    limits.max_alias_nodes = 33;
    const LoadResult fits = load_scenario(text, "x.yaml", limits);
    ASSERT_TRUE(fits.ok()) << format_diagnostics(fits);
    EXPECT_EQ(fits.scenario->nodes()[3].tags.size(), 10U);

    limits.max_alias_nodes = 32;
    const LoadResult over = load_scenario(text, "x.yaml", limits);
    EXPECT_TRUE(over.budget_exceeded);
    EXPECT_EQ(format_diagnostics(over),
              "x.yaml:6:33: error: input budget exceeded: aliases stand for more than 32 nodes\n"
              "      - {id: d, kind: camera, tags: *t}\n"
              "                                    ^\n"
              "1 error\n");
}

TEST_F(LoadLimitsTest, AliasesAreCountedAcrossFiles) {
    // 22 nodes in each file: within a budget of 40 one by one, not together.
    const auto nodes = [](const std::string& prefix) {
        return "nodes:\n  - {id: " + prefix +
               "a, kind: camera, tags: &t [t0, t1, t2, t3, t4, t5, t6, t7, t8, t9]}\n"
               "  - {id: " +
               prefix + "b, kind: camera, tags: *t}\n  - {id: " + prefix +
               "c, kind: camera, tags: *t}\n";
    };
    dir_.write("part.yaml", nodes("p"));
    const std::string path =
        dir_.write("top.yaml", "flowsim: 1\ninclude: [part.yaml]\n" + nodes("t"));
    LoadLimits limits;
    limits.max_alias_nodes = 44;
    const LoadResult fits = load_scenario_file(path, limits);
    EXPECT_TRUE(fits.ok()) << printed(fits);
    limits.max_alias_nodes = 40;
    const LoadResult result = load_scenario_file(path, limits);
    EXPECT_TRUE(result.budget_exceeded);
    EXPECT_NE(printed(result).find("part.yaml:4:34: error: input budget exceeded: aliases stand "
                                   "for more than 40 nodes"),
              std::string::npos)
        << printed(result);
}

TEST_F(LoadLimitsTest, NestedAliasesAreCountedExpanded) {
    // Each level holds ten uses of the one below: 10^30 nodes in a few hundred bytes.
    std::string text = "flowsim: 1\ndescription: &a0 [x, x, x, x, x, x, x, x, x, x]\nsources:\n";
    for (int level = 1; level < 30; ++level) {
        text += "  s" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
        for (int k = 0; k < 10; ++k) {
            text += (k ? ", *a" : "*a") + std::to_string(level - 1);
        }
        text += "]\n";
    }
    const LoadResult result = load_scenario(text, "bomb.yaml");
    EXPECT_TRUE(result.budget_exceeded);
    EXPECT_TRUE(mentions(result, "aliases stand for more than 1000000 nodes"));
}

TEST_F(LoadLimitsTest, AnAliasInsideItsOwnAnchorIsACycle) {
    const LoadResult result = load_scenario("flowsim: 1\nnodes: &a [*a]\n", "x.yaml");
    EXPECT_FALSE(result.ok());
    EXPECT_FALSE(result.budget_exceeded);
    EXPECT_TRUE(mentions(result,
                         "x.yaml:2:12: error: invalid YAML: an alias inside the node it "
                         "refers to"));
}

TEST_F(LoadLimitsTest, IncludesStayUnderTheScenarioFolder) {
    fs::create_directories(dir_.path() / "scenario");
    dir_.write("shared/nodes.csv", "id,kind\ncams,camera\n");
    const std::string top = dir_.write("scenario/top.yaml",
                                       "flowsim: 1\ninclude: [../shared/nodes.csv]\n"
                                       "nodes: [{id: ice, kind: federal_agency, tags: [ice]}]\n");
    const LoadResult refused = load_scenario_file(top);
    EXPECT_FALSE(refused.ok());
    EXPECT_FALSE(refused.budget_exceeded);
    EXPECT_EQ(printed(refused),
              "scenario/top.yaml:2:11: error: cannot include '../shared/nodes.csv': it leads "
              "outside the scenario's folder; includes may reach only files under the folder of "
              "the top-level scenario (or a folder allowed with --include-dir)\n"
              "    include: [../shared/nodes.csv]\n"
              "              ^\n"
              "1 error\n");

    LoadLimits limits;
    limits.include_dirs = {(dir_.path() / "shared").string()};
    const LoadResult allowed = load_scenario_file(top, limits);
    EXPECT_TRUE(allowed.ok()) << printed(allowed);
}

TEST_F(LoadLimitsTest, AbsolutePathsAndLinksOutsideAreRefused) {
    fs::create_directories(dir_.path() / "s");
    fs::create_symlink("/proc/self/environ", dir_.path() / "s" / "environ.yaml");
    fs::create_symlink("/etc/passwd", dir_.path() / "s" / "passwd.csv");
    const std::string top = dir_.write(
        "s/top.yaml", "flowsim: 1\ninclude: [environ.yaml, passwd.csv, /etc/hosts.yaml]\n");
    const LoadResult result = load_scenario_file(top);
    EXPECT_FALSE(result.ok());
    const std::string text = printed(result);
    EXPECT_NE(text.find("cannot include 'environ.yaml': it leads outside"), std::string::npos);
    EXPECT_NE(text.find("cannot include 'passwd.csv': it leads outside"), std::string::npos);
    EXPECT_NE(text.find("cannot include '/etc/hosts.yaml': it leads outside"), std::string::npos);
    EXPECT_EQ(text.find("root:"), std::string::npos) << text;
    EXPECT_EQ(text.find("PATH="), std::string::npos) << text;
}

TEST_F(LoadLimitsTest, OnlyRegularFilesAreRead) {
    // A FIFO would block a reader for ever; a device never ends.
    ASSERT_EQ(::mkfifo((dir_.path() / "pipe.yaml").c_str(), 0600), 0);
    fs::create_directories(dir_.path() / "folder.yaml");
    const std::string top =
        dir_.write("top.yaml", "flowsim: 1\ninclude: [pipe.yaml, folder.yaml]\n");
    const LoadResult result = load_scenario_file(top);
    const std::string text = printed(result);
    EXPECT_NE(text.find("cannot read 'pipe.yaml': not a regular file (a device, FIFO or socket)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("cannot read 'folder.yaml': a folder, not a file"), std::string::npos)
        << text;

    EXPECT_TRUE(mentions(load_scenario_file("/dev/zero"), "not a regular file"));
    EXPECT_TRUE(
        mentions(load_scenario_file(dir_.path().string() + "/pipe.yaml"), "not a regular file"));
}

TEST_F(LoadLimitsTest, FilesOfProcAreNotScenarioFiles) {
    const LoadResult result = load_scenario_file("/proc/self/environ");
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(format_diagnostics(result),
              "/proc/self/environ: error: cannot read '/proc/self/environ': a file of /proc or "
              "/sys, not a scenario file\n1 error\n");
}

TEST_F(LoadLimitsTest, ALinkLoopIsNamedAsSuch) {
    fs::create_symlink("b.yaml", dir_.path() / "a.yaml");
    fs::create_symlink("a.yaml", dir_.path() / "b.yaml");
    const std::string top = dir_.write("top.yaml", "flowsim: 1\ninclude: [a.yaml]\n");
    EXPECT_NE(
        printed(load_scenario_file(top)).find("cannot read 'a.yaml': a loop of symbolic links"),
        std::string::npos);
    EXPECT_TRUE(
        mentions(load_scenario_file(dir_.path().string() + "/a.yaml"), "a loop of symbolic links"));
}

TEST_F(LoadLimitsTest, NoExcerptFromAFileThatIsNotAScenarioFile) {
    // A file named other than .yaml/.yml/.csv may be anything: its lines are not quoted.
    const std::string notes = dir_.write("notes.txt", "flowsim: 1\nsecret: hunter2\n");
    const LoadResult result = load_scenario_file(notes);
    EXPECT_FALSE(result.ok());
    const std::string text = format_diagnostics(result);
    EXPECT_NE(text.find("unknown key 'secret'"), std::string::npos) << text;
    EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
}

TEST_F(LoadLimitsTest, ExcerptsAreReadAgainFarIntoALargeFile) {
    // The text is let go once parsed; the line is found again from the line starts kept
    // every 64 KiB, past several of them.
    std::string table = "from,to,carries\n";
    for (int row = 0; row < 20000; ++row) {
        table += row == 15000 ? "cams,icee,plate_read\n" : "cams,ice,plate_read\n";
    }
    dir_.write("edges.csv", table);
    const std::string top =
        dir_.write("top.yaml", std::string("flowsim: 1\ninclude: [edges.csv]\n") + kNodes);
    const LoadResult result = load_scenario_file(top);
    EXPECT_EQ(printed(result),
              "edges.csv:15002:6: error: edge 'cams->icee' names unknown node 'icee' (did you "
              "mean 'ice'?)\n"
              "    cams,icee,plate_read\n"
              "         ^\n"
              "1 error\n");
}

TEST_F(LoadLimitsTest, TheCountOfErrorsNotListedComesLastAndAddsUp) {
    std::string text = "flowsim: 1\nnodes:\n";
    for (int i = 0; i < 30; ++i) {
        text += "  - {id: n" + std::to_string(i) + ", kind: nope}\n";
    }
    LoadLimits limits;
    limits.max_errors = 10;
    const LoadResult result = load_scenario(text, "many.yaml", limits);
    EXPECT_EQ(result.diagnostics.size(), 10U);
    EXPECT_EQ(result.unlisted_errors, 20U);
    const std::string printed = format_diagnostics(result);
    const std::string tail = "\n20 more errors not listed\n30 errors\n";
    ASSERT_GT(printed.size(), tail.size());
    EXPECT_EQ(printed.substr(printed.size() - tail.size()), tail) << printed;
}

TEST_F(LoadLimitsTest, ARowOfManyCommasIsCountedNotStored) {
    dir_.write("edges.csv", "from,to,carries\n" + std::string(200'000, ',') + "\n");
    const std::string top =
        dir_.write("top.yaml", std::string("flowsim: 1\ninclude: [edges.csv]\n") + kNodes);
    EXPECT_NE(printed(load_scenario_file(top)).find("row has 200001 fields, the header has 3"),
              std::string::npos);
}

}  // namespace
}  // namespace flowsim::io
