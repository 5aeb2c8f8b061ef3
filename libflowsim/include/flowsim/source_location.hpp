#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace flowsim {

/// A file's display name, interned: every FileName with the same text points at one
/// shared string that lives as long as the process, so a location is a pointer and two
/// numbers, not a copy of the name per edge. Interning takes a lock and a hash; a loader
/// makes one FileName per file and copies it. Equal names are the same pointer; order is
/// the names' text order, so sorting by file stays deterministic.
class FileName {
public:
    /// The empty name.
    FileName();
    FileName(std::string_view name);  // NOLINT(google-explicit-constructor)
    FileName(const std::string& name) : FileName(std::string_view(name)) {}  // NOLINT
    FileName(const char* name) : FileName(std::string_view(name)) {}         // NOLINT

    const std::string& str() const { return *name_; }
    operator const std::string&() const { return *name_; }  // NOLINT(google-explicit-constructor)
    bool empty() const { return name_->empty(); }
    std::size_t size() const { return name_->size(); }

    friend bool operator==(const FileName& a, const FileName& b) { return a.name_ == b.name_; }
    friend bool operator!=(const FileName& a, const FileName& b) { return a.name_ != b.name_; }
    friend bool operator<(const FileName& a, const FileName& b) {
        return a.name_ != b.name_ && *a.name_ < *b.name_;
    }
    friend bool operator==(const FileName& a, const std::string& b) { return *a.name_ == b; }
    friend bool operator==(const std::string& a, const FileName& b) { return a == *b.name_; }
    friend bool operator!=(const FileName& a, const std::string& b) { return *a.name_ != b; }
    friend bool operator!=(const std::string& a, const FileName& b) { return a != *b.name_; }
    friend bool operator==(const FileName& a, const char* b) { return *a.name_ == b; }
    friend bool operator!=(const FileName& a, const char* b) { return *a.name_ != b; }
    friend std::string operator+(const FileName& a, const std::string& b) { return *a.name_ + b; }
    friend std::string operator+(const std::string& a, const FileName& b) { return a + *b.name_; }
    friend std::string operator+(const FileName& a, const char* b) { return *a.name_ + b; }
    friend std::string operator+(const char* a, const FileName& b) { return a + *b.name_; }
    friend std::ostream& operator<<(std::ostream& out, const FileName& name);

private:
    const std::string* name_;
};

/// A place in an input file, 1-based like GNU diagnostics. `line == 0` means the whole
/// file; `column == 0` means the whole line. `file` is the display name the loader was
/// given, so messages do not depend on the working directory.
struct SourceLocation {
    FileName file;
    int line = 0;
    int column = 0;
};

}  // namespace flowsim
