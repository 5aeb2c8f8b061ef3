#include "input_files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

namespace flowsim::io::detail {
namespace {

// A checkpoint (a line's number and start) is noted about every this many bytes.
constexpr std::uint64_t kCheckpointBytes = 64 * 1024;
// What an excerpt shows past the column it points at, and a margin.
constexpr std::size_t kQuotedPastColumn = 256;

#ifdef __linux__
constexpr long kProcMagic = 0x9fa0;
constexpr long kSysfsMagic = 0x62656572;
#endif

std::string reason(int error) {
    switch (error) {
        case ENOENT:
        case ENOTDIR:
            return "no such file";
        case ELOOP:
            return "a loop of symbolic links";
        default:
            return std::strerror(error);
    }
}

// An open file descriptor, closed when it goes.
class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return fd_; }
    int release() {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_;
};

// Opens `path` for reading if it is a regular file; -1 and `why` otherwise. Non-blocking,
// so that opening a FIFO does not wait for a writer.
int open_regular(const std::string& path, std::uint64_t& size, std::string& why) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        why = reason(errno);
        return -1;
    }
    Descriptor guard(fd);
    struct stat status {};
    if (::fstat(fd, &status) != 0) {
        why = reason(errno);
        return -1;
    }
    if (S_ISDIR(status.st_mode)) {
        why = "a folder, not a file";
        return -1;
    }
    if (!S_ISREG(status.st_mode)) {
        why = "not a regular file (a device, FIFO or socket)";
        return -1;
    }
#ifdef __linux__
    // Files of /proc and /sys call themselves regular, but are made up as they are read
    // and may never end (/proc/kmsg).
    struct statfs filesystem {};
    if (::fstatfs(fd, &filesystem) == 0 &&
        (filesystem.f_type == kProcMagic || filesystem.f_type == kSysfsMagic)) {
        why = "a file of /proc or /sys, not a scenario file";
        return -1;
    }
#endif
    size = static_cast<std::uint64_t>(status.st_size);
    return guard.release();
}

// Reads the bytes of `fd` at `offset` onwards into `buffer`; the count read, or -1.
ssize_t read_at(int fd, char* buffer, std::size_t size, std::uint64_t offset) {
    ssize_t got = 0;
    do {
        got = ::pread(fd, buffer, size, static_cast<off_t>(offset));
    } while (got < 0 && errno == EINTR);
    return got;
}

// Bytes of a file read in order from any place: from disk in blocks, or from memory.
class ByteSource {
public:
    explicit ByteSource(std::string_view text) : text_(text) {}
    explicit ByteSource(int fd) : fd_(fd), buffer_(kCheckpointBytes) {}

    void seek(std::uint64_t offset) { position_ = offset; }
    /// The next byte, or -1 at the end (or on a read error).
    int next() {
        if (fd_ < 0) {
            return position_ < text_.size() ? static_cast<unsigned char>(text_[position_++]) : -1;
        }
        if (position_ < start_ || position_ >= start_ + length_) {
            const ssize_t got = read_at(fd_, buffer_.data(), buffer_.size(), position_);
            if (got <= 0) {
                return -1;
            }
            start_ = position_;
            length_ = static_cast<std::size_t>(got);
        }
        return static_cast<unsigned char>(buffer_[position_++ - start_]);
    }

private:
    std::string_view text_;
    int fd_ = -1;
    std::vector<char> buffer_;
    std::uint64_t position_ = 0;
    std::uint64_t start_ = 0;
    std::size_t length_ = 0;
};

// Reads the lines `wanted` (line -> how many of its bytes to keep) into `out`, starting
// each from the nearest checkpoint before it.
void read_lines(ByteSource& source,
                const std::vector<std::pair<int, std::uint64_t>>& checkpoints,
                const std::map<int, std::size_t>& wanted,
                std::map<int, std::string>& out) {
    int line = 1;
    std::uint64_t offset = 0;
    for (const auto& [number, keep] : wanted) {
        // The last checkpoint at or before the line, if it is ahead of where we are.
        const auto after =
            std::upper_bound(checkpoints.begin(), checkpoints.end(), number,
                             [](int value, const std::pair<int, std::uint64_t>& point) {
                                 return value < point.first;
                             });
        if (after != checkpoints.begin() && std::prev(after)->first > line) {
            line = std::prev(after)->first;
            offset = std::prev(after)->second;
        }
        source.seek(offset);
        int byte = 0;
        while (line < number && (byte = source.next()) >= 0) {
            ++offset;
            if (byte == '\n') {
                ++line;
            }
        }
        if (line != number) {
            return;  // the file ends first
        }
        std::string text;
        while ((byte = source.next()) >= 0 && byte != '\n') {
            ++offset;
            if (text.size() < keep) {
                text += static_cast<char>(byte);
            }
        }
        if (byte == '\n') {
            ++offset;
            ++line;
        }
        if (!text.empty() && text.back() == '\r') {
            text.pop_back();
        }
        out[number] = std::move(text);
    }
}

// For each file, the lines its diagnostics point at, and how much of each to keep.
std::map<std::string, std::map<int, std::size_t>> wanted_lines(
    const std::vector<Diagnostic>& diagnostics) {
    std::map<std::string, std::map<int, std::size_t>> wanted;
    for (const Diagnostic& diagnostic : diagnostics) {
        const SourceLocation& where = diagnostic.where;
        if (where.file.empty() || where.line <= 0 || where.column <= 0) {
            continue;
        }
        std::size_t& keep = wanted[where.file][where.line];
        keep = std::max(keep, static_cast<std::size_t>(where.column) + kQuotedPastColumn);
    }
    return wanted;
}

}  // namespace

bool has_scenario_extension(const std::string& path) {
    const std::size_t dot = path.rfind('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos) {
        return false;
    }
    const std::string extension = path.substr(dot);
    return extension == ".yaml" || extension == ".yml" || extension == ".csv";
}

std::optional<std::string> wide_encoding(std::string_view text) {
    const auto byte = [&](std::size_t i) {
        return i < text.size() ? static_cast<unsigned char>(text[i]) : 0x100U;
    };
    // Byte-order marks first (UTF-32's before UTF-16's, which they begin with).
    if (byte(0) == 0xFF && byte(1) == 0xFE && byte(2) == 0 && byte(3) == 0) {
        return "UTF-32 (little-endian)";
    }
    if (byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF) {
        return "UTF-32 (big-endian)";
    }
    if (byte(0) == 0xFF && byte(1) == 0xFE) {
        return "UTF-16 (little-endian)";
    }
    if (byte(0) == 0xFE && byte(1) == 0xFF) {
        return "UTF-16 (big-endian)";
    }
    // Without a mark: ASCII text in these encodings has NUL bytes in a fixed pattern.
    const auto ascii = [](unsigned value) {
        return value > 0 && value < 0x80;
    };
    if (ascii(byte(0)) && byte(1) == 0 && byte(2) == 0 && byte(3) == 0) {
        return "UTF-32 (little-endian)";
    }
    if (byte(0) == 0 && byte(1) == 0 && byte(2) == 0 && ascii(byte(3))) {
        return "UTF-32 (big-endian)";
    }
    if (ascii(byte(0)) && byte(1) == 0 && ascii(byte(2)) && byte(3) == 0) {
        return "UTF-16 (little-endian)";
    }
    if (byte(0) == 0 && ascii(byte(1)) && byte(2) == 0 && ascii(byte(3))) {
        return "UTF-16 (big-endian)";
    }
    return std::nullopt;
}

std::optional<std::string> InputFiles::budget_problem(std::uint64_t size) const {
    if (size > limits_.max_file_bytes) {
        return "the file is larger than the limit of " + std::to_string(limits_.max_file_bytes) +
               " bytes for one file";
    }
    if (size > limits_.max_input_bytes - std::min(bytes_read_, limits_.max_input_bytes)) {
        return "reading it would take the scenario's files past " +
               std::to_string(limits_.max_input_bytes) + " bytes in all (--max-input-bytes)";
    }
    return std::nullopt;
}

std::optional<std::string> InputFiles::read(const std::string& path,
                                            const std::string& display,
                                            ReadFailure& failure) {
    std::uint64_t size = 0;
    const int fd = open_regular(path, size, failure.why);
    if (fd < 0) {
        return std::nullopt;
    }
    Descriptor guard(fd);
    if (auto problem = budget_problem(size)) {
        failure = {true, std::move(*problem)};
        return std::nullopt;
    }
    // The size may change while reading: read to the end, but never past a budget.
    std::string text;
    text.resize(static_cast<std::size_t>(size) + 1);
    std::size_t length = 0;
    for (;;) {
        if (length == text.size()) {
            if (auto problem = budget_problem(length + 1)) {
                failure = {true, std::move(*problem)};
                return std::nullopt;
            }
            text.resize(std::max<std::size_t>(2 * text.size(), 4096));
        }
        const ssize_t got = read_at(fd, &text[length], text.size() - length, length);
        if (got < 0) {
            failure.why = reason(errno);
            return std::nullopt;
        }
        if (got == 0) {
            break;
        }
        length += static_cast<std::size_t>(got);
    }
    text.resize(length);
    text.shrink_to_fit();
    if (auto problem = budget_problem(length)) {
        failure = {true, std::move(*problem)};
        return std::nullopt;
    }
    add({display, path, {}, length, {}}, text);
    return text;
}

bool InputFiles::add_in_memory(const std::string& display,
                               std::string_view text,
                               ReadFailure& failure) {
    if (auto problem = budget_problem(text.size())) {
        failure = {true, std::move(*problem)};
        return false;
    }
    add({display, {}, text, text.size(), {}}, text);
    return true;
}

void InputFiles::add(File file, std::string_view text) {
    bytes_read_ += text.size();
    const auto mix = [this](std::string_view bytes) {
        for (const char c : bytes) {
            hash_ ^= static_cast<unsigned char>(c);
            hash_ *= 1099511628211ULL;
        }
    };
    mix(std::to_string(text.size()) + ":");
    mix(text);
    int line = 1;
    std::uint64_t next = kCheckpointBytes;
    for (std::size_t at = text.find('\n'); at != std::string_view::npos;
         at = text.find('\n', at + 1)) {
        ++line;
        if (at + 1 >= next) {
            file.checkpoints.emplace_back(line, at + 1);
            next = at + 1 + kCheckpointBytes;
        }
    }
    files_.push_back(std::move(file));
}

SourceLines InputFiles::quote(const std::vector<Diagnostic>& diagnostics) const {
    SourceLines lines;
    for (const auto& entry : wanted_lines(diagnostics)) {
        const std::string& display = entry.first;
        const std::map<int, std::size_t>& wanted = entry.second;
        const auto file = std::find_if(files_.begin(), files_.end(),
                                       [&](const File& f) { return f.display == display; });
        if (file == files_.end()) {
            continue;
        }
        if (file->path.empty()) {
            ByteSource source(file->text);
            read_lines(source, file->checkpoints, wanted, lines[display]);
            continue;
        }
        if (!has_scenario_extension(file->path)) {
            continue;  // never quote a file that is not a scenario file
        }
        std::uint64_t size = 0;
        std::string why;
        const int fd = open_regular(file->path, size, why);
        if (fd < 0) {
            continue;
        }
        Descriptor guard(fd);
        if (size != file->size) {
            continue;  // changed since it was read: its lines would not be the ones meant
        }
        ByteSource source(fd);
        read_lines(source, file->checkpoints, wanted, lines[display]);
    }
    return lines;
}

std::vector<std::string> InputFiles::display_names() const {
    std::set<std::string> names;
    for (const File& file : files_) {
        names.insert(file.display);
    }
    return {names.begin(), names.end()};
}

std::string InputFiles::content_hash() const {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "fnv1a64:%016llx", static_cast<unsigned long long>(hash_));
    return buffer;
}

void quote_missing_lines(const std::vector<Diagnostic>& diagnostics, SourceLines& lines) {
    for (auto& [display, wanted] : wanted_lines(diagnostics)) {
        const auto known = lines.find(display);
        if (known != lines.end()) {
            for (auto line = wanted.begin(); line != wanted.end();) {
                line = known->second.count(line->first) != 0 ? wanted.erase(line) : std::next(line);
            }
        }
        if (wanted.empty() || !has_scenario_extension(display)) {
            continue;
        }
        std::uint64_t size = 0;
        std::string why;
        const int fd = open_regular(display, size, why);
        if (fd < 0) {
            continue;
        }
        Descriptor guard(fd);
        ByteSource source(fd);
        read_lines(source, {}, wanted, lines[display]);
    }
}

}  // namespace flowsim::io::detail
