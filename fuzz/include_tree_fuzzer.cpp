// libFuzzer target: a folder of scenario files that include each other, with symbolic
// links (to each other, in loops, outside the folder, to /proc and /dev), FIFOs, files
// repeated to some size, and small budgets. The loader must never crash or hang; it
// must hand out a scenario exactly when there is no error; a budget that runs out must
// say so (never "invalid", never std::bad_alloc); and nothing of a file outside the
// folder may appear in what it prints, nor a control character.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/utf8.hpp>

#include <fuzzer/FuzzedDataProvider.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

constexpr const char* kSecret = "OUTSIDE-SECRET-5d1c";

const char* const kNames[] = {"top.yaml", "a.yaml",     "b.csv",     "c.yml",
                              "d.csv",    "sub/e.yaml", "sub/f.csv", "g.txt"};
const char* const kLinkNames[] = {"l.yaml", "m.csv", "loop1.yaml", "loop2.yaml", "sub/n.yaml"};
const char* const kTargets[] = {"a.yaml",
                                "b.csv",
                                "sub/e.yaml",
                                "loop2.yaml",
                                "loop1.yaml",
                                "../outside/secret.yaml",
                                "/proc/self/environ",
                                "/dev/zero",
                                "missing.yaml",
                                "sub",
                                "top.yaml",
                                "g.txt"};

// The folder the files are written to, made once per process: <tmp>/tree and, beside
// it, <tmp>/outside/secret.yaml, which no include may read.
const fs::path& base() {
    static const fs::path folder = [] {
        std::string pattern = (fs::temp_directory_path() / "flowsim-include-tree-XXXXXX").string();
        const char* made = ::mkdtemp(pattern.data());
        if (made == nullptr) {
            std::abort();
        }
        const fs::path path(made);
        fs::create_directories(path / "outside");
        std::ofstream(path / "outside" / "secret.yaml") << "flowsim: 1\ntitle: " << kSecret << "\n"
                                                        << kSecret << ": x\n";
        return path;
    }();
    return folder;
}

void write(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

// True when `text` holds a control character or a hidden one (flowsim::is_hidden_control)
// other than a line break or a tab: printed diagnostics must show them as '?'.
bool holds_controls(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const std::size_t length = flowsim::utf8_sequence_length(text, i);
        if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f || length == 0 ||
            (length > 1 && flowsim::is_hidden_control(flowsim::utf8_code_point(text, i, length)))) {
            return true;
        }
        i += length == 0 ? 1 : length;
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    const fs::path tree = base() / "tree";
    std::error_code ignored;
    fs::remove_all(tree, ignored);
    fs::create_directories(tree / "sub");

    flowsim::io::LoadLimits limits;
    if (in.ConsumeBool()) {
        limits.max_input_bytes = in.ConsumeIntegralInRange<std::size_t>(0, 1 << 18);
        limits.max_file_bytes = in.ConsumeIntegralInRange<std::size_t>(0, 1 << 17);
        limits.max_alias_nodes = in.ConsumeIntegralInRange<std::size_t>(0, 5000);
        limits.max_errors = in.ConsumeIntegralInRange<std::size_t>(1, 50);
        limits.max_include_depth = in.ConsumeIntegralInRange<int>(0, 5);
    }
    const bool outside_allowed = in.ConsumeIntegralInRange<int>(0, 7) == 0;
    if (outside_allowed) {
        limits.include_dirs = {(base() / "outside").string()};
    }

    bool secret_written = false;
    const int files = in.ConsumeIntegralInRange<int>(1, 8);
    for (int i = 0; i < files; ++i) {
        const char* name = kNames[in.ConsumeIntegralInRange<std::size_t>(0, std::size(kNames) - 1)];
        const std::string piece = in.ConsumeRandomLengthString(4096);
        const int repeat = in.ConsumeIntegralInRange<int>(1, 64);
        std::string content;
        for (int k = 0; k < repeat && content.size() < (1 << 17); ++k) {
            content += piece;
        }
        secret_written = secret_written || content.find(kSecret) != std::string::npos;
        write(tree / name, content);
    }
    const int specials = in.ConsumeIntegralInRange<int>(0, 4);
    for (int i = 0; i < specials; ++i) {
        const fs::path at =
            tree / kLinkNames[in.ConsumeIntegralInRange<std::size_t>(0, std::size(kLinkNames) - 1)];
        fs::remove(at, ignored);
        if (in.ConsumeIntegralInRange<int>(0, 5) == 0) {
            ::mkfifo(at.c_str(), 0600);  // a reader must not wait for a writer
        } else {
            fs::create_symlink(
                kTargets[in.ConsumeIntegralInRange<std::size_t>(0, std::size(kTargets) - 1)], at,
                ignored);
        }
    }

    const flowsim::io::LoadResult result =
        flowsim::io::load_scenario_file((tree / "top.yaml").string(), limits);
    if (result.ok() == flowsim::has_errors(result.diagnostics)) {
        std::abort();  // accepted with errors, or rejected without saying why
    }
    bool budget_said = false;
    for (const flowsim::Diagnostic& diagnostic : result.diagnostics) {
        budget_said = budget_said || diagnostic.message.rfind("input budget exceeded: ", 0) == 0;
        // Memory running out is a budget, not invalid input (a value may say anything).
        if (diagnostic.message.rfind("invalid YAML: std::bad_alloc", 0) == 0) {
            std::abort();
        }
    }
    if (result.budget_exceeded && (!budget_said || result.ok())) {
        std::abort();
    }
    const std::string printed = flowsim::io::format_diagnostics(result);
    if (!outside_allowed && !secret_written && printed.find(kSecret) != std::string::npos) {
        std::abort();  // a file outside the folder was read and quoted
    }
    if (holds_controls(printed)) {
        std::abort();
    }
    return 0;
}
