#include "flowsim/source_location.hpp"

#include <mutex>
#include <ostream>
#include <unordered_set>

namespace flowsim {
namespace {

// Every name interned so far. A node-based set: the strings never move, so pointers to
// them stay valid. Never destroyed, so a FileName in a static object stays valid at exit
// (a program names a bounded number of files).
struct NamePool {
    std::mutex mutex;
    std::unordered_set<std::string> names;
};

NamePool& pool() {
    static NamePool* const names = new NamePool;
    return *names;
}

const std::string& empty_name() {
    static const std::string* const empty = new std::string;
    return *empty;
}

}  // namespace

FileName::FileName() : name_(&empty_name()) {}

FileName::FileName(std::string_view name) : name_(&empty_name()) {
    if (name.empty()) {
        return;
    }
    NamePool& names = pool();
    const std::lock_guard<std::mutex> lock(names.mutex);
    name_ = &*names.names.emplace(name).first;
}

std::ostream& operator<<(std::ostream& out, const FileName& name) {
    return out << *name.name_;
}

}  // namespace flowsim
