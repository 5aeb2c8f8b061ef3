#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace flowsim::testing {

/// A fresh directory under the system's temporary directory, removed with everything in
/// it when the object goes out of scope.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

    /// Writes `content` to `name` inside the directory and returns the full path.
    std::string write(const std::string& name, std::string_view content) const;

private:
    std::filesystem::path path_;
};

/// The whole content of a file; empty when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace flowsim::testing
