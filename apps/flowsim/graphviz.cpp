#include "flowsim/graphviz.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

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

std::string missing_dot_message(std::string_view what_needs_it) {
    return std::string(what_needs_it) +
           " needs the 'dot' program of Graphviz, which is not on PATH; install the Debian "
           "package graphviz (apt-get install graphviz)";
}

Rendering render_with_dot(const std::string& dot_path,
                          std::string_view dot_text,
                          std::string_view format) {
    Rendering result;
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
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<std::string> arguments = {"dot", "-T" + std::string(format), "-o", output.string(),
                                          input.string()};
    std::vector<char*> argv;
    for (std::string& argument : arguments) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    pid_t child = 0;
    const int spawned =
        ::posix_spawn(&child, dot_path.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        result.error = "cannot run " + dot_path + ": " + std::strerror(spawned);
        return result;
    }
    int status = 0;
    while (::waitpid(child, &status, 0) == -1) {
        if (errno != EINTR) {
            result.error = std::string("cannot wait for dot: ") + std::strerror(errno);
            return result;
        }
    }
    const std::string messages = read_all(errors);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        result.error = WIFEXITED(status)
                           ? "dot failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")"
                           : "dot was stopped by signal " + std::to_string(WTERMSIG(status));
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
    result.ok = true;
    return result;
}

}  // namespace flowsim::cli
