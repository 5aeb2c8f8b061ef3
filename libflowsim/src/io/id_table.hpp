#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <flowsim/ids.hpp>
#include <flowsim/source_location.hpp>

namespace flowsim::io::detail {

/// Counts occurrences of 64-bit keys (node pairs) in a flat open-addressing table: one
/// probe sequence in one array per count, where a node-based hash map allocates per key
/// and chases pointers. For naming the millions of id-less edges of a national network.
class PairCounter {
public:
    /// Adds one occurrence of `key` and returns how many there are now.
    int add(std::uint64_t key) {
        if ((size_ + 1) * 2 > slots_.size()) {
            grow();
        }
        Slot& slot = find_slot(slots_, key);
        if (slot.count == 0) {
            slot.key = key;
            ++size_;
        }
        return ++slot.count;
    }

private:
    struct Slot {
        std::uint64_t key = 0;
        int count = 0;  // 0: empty
    };

    // splitmix64's finaliser: spreads node pairs over the whole table.
    static std::uint64_t mix(std::uint64_t key) {
        key = (key ^ (key >> 30)) * 0xbf58476d1ce4e5b9ULL;
        key = (key ^ (key >> 27)) * 0x94d049bb133111ebULL;
        return key ^ (key >> 31);
    }

    static Slot& find_slot(std::vector<Slot>& slots, std::uint64_t key) {
        const std::size_t mask = slots.size() - 1;  // the size is a power of two
        std::size_t at = mix(key) & mask;
        while (slots[at].count != 0 && slots[at].key != key) {
            at = (at + 1) & mask;
        }
        return slots[at];
    }

    void grow() {
        std::vector<Slot> bigger(slots_.empty() ? 1024 : slots_.size() * 2);
        for (const Slot& slot : slots_) {
            if (slot.count != 0) {
                find_slot(bigger, slot.key) = slot;
            }
        }
        slots_ = std::move(bigger);
    }

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

/// Positions resolved in an IdTable: plain numbers until they are stored, when they
/// become the index type of the table they were looked up in.
class IndexList : public std::vector<std::uint32_t> {
public:
    IndexList(std::vector<std::uint32_t> values)  // NOLINT(google-explicit-constructor)
        : std::vector<std::uint32_t>(std::move(values)) {}

    template <typename Tag>
    operator std::vector<Index<Tag>>() const {  // NOLINT(google-explicit-constructor)
        return {begin(), end()};
    }
};

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
