#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <flowsim/source_location.hpp>

namespace flowsim::io::detail {

/// The ids declared so far of one sort (nodes, sources, ...) with their positions and
/// where each was first declared, for duplicate and unknown-reference messages.
class IdTable {
public:
    /// Declares `id`; when it already exists, returns where it was first declared.
    std::optional<SourceLocation> add(const std::string& id,
                                      std::uint32_t index,
                                      const SourceLocation& where) {
        const auto [entry, inserted] = entries_.emplace(id, Entry{index, where});
        if (!inserted) {
            return entry->second.where;
        }
        names_.clear();  // recomputed on the next names() call
        return std::nullopt;
    }

    std::optional<std::uint32_t> find(const std::string& id) const {
        const auto entry = entries_.find(id);
        if (entry == entries_.end()) {
            return std::nullopt;
        }
        return entry->second.index;
    }

    /// Records an id that was written but could not be declared (it is misspelt, say),
    /// so that references to it are not reported a second time.
    void add_broken(const std::string& id) { broken_.push_back(id); }

    /// Records that some declarations could not be read at all (a section of the wrong
    /// shape, an entry without an id): any unknown reference may then be a consequence.
    void mark_incomplete() { incomplete_ = true; }

    /// Whether an unknown reference to `id` is worth reporting.
    bool worth_reporting(const std::string& id) const {
        return !incomplete_ && std::find(broken_.begin(), broken_.end(), id) == broken_.end();
    }

    /// Every declared id, for "did you mean" hints. Valid until the next add().
    const std::vector<std::string_view>& names() const {
        if (names_.size() != entries_.size()) {
            names_.clear();
            names_.reserve(entries_.size());
            for (const auto& entry : entries_) {
                names_.push_back(entry.first);
            }
        }
        return names_;
    }

private:
    struct Entry {
        std::uint32_t index;
        SourceLocation where;
    };
    std::unordered_map<std::string, Entry> entries_;
    std::vector<std::string> broken_;
    bool incomplete_ = false;
    mutable std::vector<std::string_view> names_;
};

}  // namespace flowsim::io::detail
