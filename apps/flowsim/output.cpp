#include "flowsim/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>
#include <streambuf>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace flowsim::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kTemporaryAttempts = 100;

bool same_file(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

std::string what_it_is(mode_t mode) {
    if (S_ISDIR(mode)) {
        return "a directory";
    }
    if (S_ISBLK(mode)) {
        return "a block device";
    }
    if (S_ISSOCK(mode)) {
        return "a socket";
    }
    return "not a regular file";
}

std::string random_suffix() {
    std::random_device device;
    std::uniform_int_distribution<unsigned long long> digits(0, 0xffffffffffffULL);
    char text[16];
    std::snprintf(text, sizeof text, "%012llx", digits(device));
    return text;
}

}  // namespace

// Writes to a file descriptor through a buffer, and remembers the first failed write's
// errno; after it, everything is discarded.
class Output::Buffer : public std::streambuf {
public:
    explicit Buffer(int fd) : fd_(fd), data_(std::size_t{1} << 16) { reset(); }

    int error() const { return error_; }

    bool drain() {
        const char* at = pbase();
        auto left = static_cast<std::size_t>(pptr() - pbase());
        while (left > 0 && error_ == 0) {
            const ssize_t written = ::write(fd_, at, left);
            if (written < 0) {
                if (errno != EINTR) {
                    error_ = errno;
                }
                continue;
            }
            at += written;
            left -= static_cast<std::size_t>(written);
        }
        reset();
        return error_ == 0;
    }

protected:
    int_type overflow(int_type ch) override {
        if (!drain()) {
            return traits_type::eof();
        }
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    void reset() { setp(data_.data(), data_.data() + data_.size()); }

    int fd_;
    std::vector<char> data_;
    int error_ = 0;
};

Output::Output(std::string path, const std::vector<std::string>& loaded_files)
    : path_(std::move(path)) {
    if (path_.empty()) {
        fd_ = STDOUT_FILENO;
    } else {
        struct stat target {};
        const bool exists = ::stat(path_.c_str(), &target) == 0;
        if (!exists && errno != ENOENT) {
            fail_open(std::strerror(errno), false);
            return;
        }
        final_ = path_;
        if (exists) {
            for (const std::string& file : loaded_files) {
                struct stat loaded {};
                if (::stat(file.c_str(), &loaded) == 0 && same_file(loaded, target)) {
                    std::cerr << "flowsim: error: -o " << path_ << " would overwrite " << file
                              << ", which the scenario was loaded from; name another file\n";
                    ok_ = false;
                    refused_ = true;
                    return;
                }
            }
            if (S_ISCHR(target.st_mode) || S_ISFIFO(target.st_mode)) {
                // A device or a pipe is written as it is: replacing it would break it.
                fd_ = ::open(path_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
                if (fd_ < 0) {
                    fail_open(std::strerror(errno), false);
                    return;
                }
            } else if (!S_ISREG(target.st_mode)) {
                fail_open(what_it_is(target.st_mode), true);
                return;
            } else {
                struct stat link {};
                if (::lstat(path_.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
                    // Replace what the link points to, and keep the link.
                    std::error_code error;
                    final_ = fs::canonical(path_, error).string();
                    if (error) {
                        fail_open(error.message(), false);
                        return;
                    }
                }
            }
        }
        if (fd_ < 0) {
            const fs::path final_path(final_);
            const fs::path folder = final_path.parent_path();
            const std::string name = final_path.filename().string();
            for (int attempt = 0; attempt < kTemporaryAttempts && fd_ < 0; ++attempt) {
                const std::string candidate =
                    (folder / ("." + name + "." + random_suffix() + ".tmp")).string();
                // Exclusive and never through a link: a name planted beforehand makes this
                // attempt fail, and the next one picks another.
                fd_ = ::open(candidate.c_str(),
                             O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0666);
                if (fd_ >= 0) {
                    temporary_ = candidate;
                    remove_on_kill_ = std::make_unique<RemoveOnKill>(temporary_.c_str());
                } else if (errno != EEXIST) {
                    break;
                }
            }
            if (fd_ < 0) {
                fail_open(std::strerror(errno), false);
                return;
            }
            if (exists) {
                ::fchmod(fd_, target.st_mode & 07777);  // best effort: keep the file's mode
            }
        }
    }
    buffer_ = std::make_unique<Buffer>(fd_);
    stream_ = std::make_unique<std::ostream>(buffer_.get());
}

Output::~Output() {
    if (fd_ >= 0 && fd_ != STDOUT_FILENO) {
        ::close(fd_);
    }
    if (!temporary_.empty() && !committed_) {
        ::unlink(temporary_.c_str());
    }
}

void Output::fail_open(const std::string& why, bool refused) {
    std::cerr << "flowsim: error: cannot write " << describe() << ": " << why << "\n";
    ok_ = false;
    refused_ = refused;
}

std::string Output::describe() const {
    return path_.empty() ? std::string("to stdout") : "'" + path_ + "'";
}

std::ostream& Output::stream() {
    if (!stream_) {
        // Only after ok() said false; a command that writes anyway writes nowhere.
        static std::ostream nowhere(nullptr);
        return nowhere;
    }
    return *stream_;
}

bool Output::failed() const {
    return buffer_ && buffer_->error() != 0;
}

bool Output::commit() {
    if (!ok_) {
        return false;
    }
    buffer_->drain();
    int error = buffer_->error();
    if (fd_ != STDOUT_FILENO) {
        if (::close(fd_) != 0 && error == 0) {
            error = errno;
        }
        fd_ = -1;
    }
    if (error == 0 && !temporary_.empty() && ::rename(temporary_.c_str(), final_.c_str()) != 0) {
        error = errno;
    }
    if (error != 0) {
        std::cerr << "flowsim: error: cannot write " << describe() << ": " << std::strerror(error)
                  << "\n";
        return false;  // the destructor removes the temporary file
    }
    committed_ = true;
    return true;
}

}  // namespace flowsim::cli
