#include "flowsim/graphviz.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "flowsim/interruption.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace flowsim::cli {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A directory only this process uses, removed with everything in it at the end.
class ScratchDirectory {
public:
    ScratchDirectory() {
        std::string pattern = (fs::temp_directory_path() / "flowsim-XXXXXX").string();
        if (::mkdtemp(pattern.data()) != nullptr) {
            path_ = pattern;
        }
    }
    ~ScratchDirectory() {
        std::error_code ignored;
        if (!path_.empty()) {
            fs::remove_all(path_, ignored);
        }
    }
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;

    bool ok() const { return !path_.empty(); }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

Rendering stopped(Completion stop) {
    Rendering result;
    result.completion = stop;
    result.error = std::string(stop.timed_out() ? "the time limit" : "an interruption") +
                   " stopped Graphviz's dot before the diagram was laid out";
    return result;
}

}  // namespace

std::optional<std::string> find_on_path(std::string_view program) {
    const char* path = std::getenv("PATH");
    if (path == nullptr) {
        return std::nullopt;
    }
    const std::string_view directories = path;
    std::size_t start = 0;
    while (start <= directories.size()) {
        const std::size_t end = std::min(directories.find(':', start), directories.size());
        // An empty entry means the current directory, as the shell reads it.
        const std::string directory(directories.substr(start, end - start));
        const fs::path candidate = fs::path(directory.empty() ? "." : directory) / program;
        struct stat status {};
        if (::stat(candidate.c_str(), &status) == 0 && S_ISREG(status.st_mode) &&
            ::access(candidate.c_str(), X_OK) == 0) {
            return candidate.string();
        }
        start = end + 1;
    }
    return std::nullopt;
}

std::string too_large_to_lay_out(std::size_t nodes) {
    return "the diagram has " + std::to_string(nodes) + " nodes, more than the " +
           std::to_string(kMaxLaidOutNodes) +
           " Graphviz can lay out in reasonable time and memory; narrow it with "
           "--routes-only (with --from, --to or --max-hops), or fold it with --collapse-by "
           "state or --collapse-by kind";
}

std::string missing_dot_message(std::string_view what_needs_it) {
    return std::string(what_needs_it) +
           " needs the 'dot' program of Graphviz, which is not on PATH; install the Debian "
           "package graphviz (apt-get install graphviz)";
}

Rendering render_with_dot(const std::string& dot_path,
                          std::string_view dot_text,
                          std::string_view format,
                          const DotLimits& limits) {
    Rendering result;
    // From here to the end, a second Ctrl-C cannot end flowsim at once: it would leave dot
    // running in its own process group and the scratch directory behind. The wait below
    // looks at the flag every 10 ms and cleans up.
    const CatchEveryInterruption catching;
    if (const Completion stop = limits.stop.check(); stop.cut_short()) {
        return stopped(stop);
    }
    ScratchDirectory scratch;
    if (!scratch.ok()) {
        result.error = std::string("cannot make a temporary directory: ") + std::strerror(errno);
        return result;
    }
    const fs::path input = scratch.path() / "diagram.dot";
    const fs::path output = scratch.path() / ("diagram." + std::string(format));
    const fs::path errors = scratch.path() / "dot.err";
    {
        std::ofstream file(input, std::ios::binary);
        file.write(dot_text.data(), static_cast<std::streamsize>(dot_text.size()));
        if (!file.flush()) {
            result.error = "cannot write " + input.string();
            return result;
        }
    }
    // Everything the child needs is made before fork: after it, only system calls.
    std::vector<std::string> arguments = {"dot", "-T" + std::string(format), "-o", output.string(),
                                          input.string()};
    std::vector<char*> argv;
    for (std::string& argument : arguments) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    const std::string errors_path = errors.string();
    const rlim_t memory = static_cast<rlim_t>(limits.memory_mib) << 20;
    const pid_t child = ::fork();
    if (child < 0) {
        result.error = "cannot run " + dot_path + ": " + std::strerror(errno);
        return result;
    }
    if (child == 0) {
        // Its own process group, so that it and anything it starts can be killed at once
        // (and a Ctrl-C at the terminal reaches flowsim, which decides).
        ::setpgid(0, 0);
        if (memory != 0) {
            const struct rlimit cap = {memory, memory};
            ::setrlimit(RLIMIT_AS, &cap);
        }
        const int in = ::open("/dev/null", O_RDONLY);
        const int out = ::open("/dev/null", O_WRONLY);
        const int err = ::open(errors_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0 || err < 0 || ::dup2(in, STDIN_FILENO) < 0 ||
            ::dup2(out, STDOUT_FILENO) < 0 || ::dup2(err, STDERR_FILENO) < 0) {
            ::_exit(127);
        }
        ::execv(dot_path.c_str(), argv.data());
        ::_exit(127);
    }
    ::setpgid(child, child);  // also here, so that the group exists before any kill
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(child, &status, WNOHANG);
        if (done == child) {
            break;
        }
        if (done < 0 && errno != EINTR) {
            ::kill(-child, SIGKILL);
            result.error = std::string("cannot wait for dot: ") + std::strerror(errno);
            return result;
        }
        const Completion stop = limits.stop.check();
        if (stop.cut_short()) {
            ::kill(-child, SIGKILL);
            while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
            }
            return stopped(stop);
        }
        if (limits.on_wait) {
            limits.on_wait();
        }
        const struct timespec pause = {0, 10'000'000};  // 10 ms
        ::nanosleep(&pause, nullptr);
    }
    ::kill(-child, SIGKILL);  // anything dot left behind in its group
    const std::string messages = read_all(errors);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        result.error = WIFEXITED(status)
                           ? "dot failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")"
                           : "dot was stopped by signal " + std::to_string(WTERMSIG(status));
        if (memory != 0) {
            result.error += "; it may have run out of its " + std::to_string(limits.memory_mib) +
                            " MiB of memory (--dot-memory), or narrow the diagram";
        }
    } else if (!messages.empty()) {
        result.error = "dot printed warnings, so the diagram may be wrong";
    }
    if (!messages.empty()) {
        result.error += ":\n" + messages;
    }
    if (!result.error.empty()) {
        return result;
    }
    result.bytes = read_all(output);
    if (result.bytes.empty()) {
        result.error = "dot exited without writing the diagram";
        return result;
    }
    result.ok = true;
    return result;
}

}  // namespace flowsim::cli
