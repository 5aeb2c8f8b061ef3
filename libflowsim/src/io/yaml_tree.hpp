#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/mark.h>

// A YAML document read from yaml-cpp's event parser into a compact tree: 24 bytes per
// node, scalars in one pool, aliases shared (never copied). yaml-cpp's own node tree
// costs about 70 times the file's bytes; this one a few times (docs/performance.md).
namespace flowsim::io::detail {

struct YamlStorage;

/// One node of a YamlTree: a handle, cheap to copy, valid while its tree lives (moving
/// the tree keeps it valid).
class YamlNode {
public:
    enum class Type : std::uint8_t { kNull, kScalar, kSequence, kMap };

    YamlNode(const YamlStorage& storage, std::uint32_t index) : storage_(&storage), index_(index) {}

    Type type() const;
    bool is_null() const { return type() == Type::kNull; }
    bool is_scalar() const { return type() == Type::kScalar; }
    bool is_sequence() const { return type() == Type::kSequence; }
    bool is_map() const { return type() == Type::kMap; }

    /// A scalar's value; "" for other nodes.
    std::string_view scalar() const;
    /// 0-based line and column of the node's first byte (yaml-cpp's mark).
    int line() const;
    int column() const;
    /// True for a scalar written in quotes.
    bool quoted() const;
    /// True for a scalar whose value is written verbatim on one line (plain, or quoted
    /// without escapes), so that byte i of the value sits at column() + i (after the
    /// quote).
    bool verbatim() const;
    /// True for a scalar written with a local YAML tag (`!name`), which a scenario never
    /// means: its value is then the tag as written, then the text after it, if any
    /// (`when: !law` holds "!law"), so that a message can show it.
    bool tagged() const;

    /// Items of a sequence, or entries of a mapping; 0 for a scalar or null.
    std::size_t size() const;
    /// Item `i` of a sequence.
    YamlNode item(std::size_t i) const { return child(i); }
    /// Key and value of entry `i` of a mapping.
    YamlNode key(std::size_t i) const { return child(2 * i); }
    YamlNode value(std::size_t i) const { return child(2 * i + 1); }

    /// Range over the items of a sequence (`for (YamlNode item : node.items())`).
    class Items;
    Items items() const;
    /// Range over the entries of a mapping (`for (const auto entry : node.entries())`).
    class Entries;
    Entries entries() const;

private:
    YamlNode child(std::size_t i) const;

    const YamlStorage* storage_;
    std::uint32_t index_;
};

/// Index-based iteration over a node's children, for range-for.
template <typename Value, Value (*kAt)(const YamlNode&, std::size_t)>
class ChildRange {
public:
    class iterator {
    public:
        iterator(const YamlNode& node, std::size_t at) : node_(node), at_(at) {}
        Value operator*() const { return kAt(node_, at_); }
        iterator& operator++() {
            ++at_;
            return *this;
        }
        bool operator!=(const iterator& other) const { return at_ != other.at_; }

    private:
        YamlNode node_;
        std::size_t at_;
    };
    explicit ChildRange(const YamlNode& node) : node_(node) {}
    iterator begin() const { return {node_, 0}; }
    iterator end() const { return {node_, node_.size()}; }

private:
    YamlNode node_;
};

inline YamlNode item_at(const YamlNode& node, std::size_t i) {
    return node.item(i);
}
/// One entry of a mapping.
struct YamlEntry {
    YamlNode key;
    YamlNode value;
};

inline YamlEntry entry_at(const YamlNode& node, std::size_t i) {
    return {node.key(i), node.value(i)};
}
class YamlNode::Items : public ChildRange<YamlNode, &item_at> {
    using ChildRange::ChildRange;
};
class YamlNode::Entries : public ChildRange<YamlEntry, &entry_at> {
    using ChildRange::ChildRange;
};
inline YamlNode::Items YamlNode::items() const {
    return Items(*this);
}
inline YamlNode::Entries YamlNode::entries() const {
    return Entries(*this);
}

/// Thrown while reading when the aliases of a document stand for more nodes than the
/// budget allows; `mark` is the alias that went over.
struct YamlBudgetExceeded : std::runtime_error {
    YamlBudgetExceeded(const std::string& message, const YAML::Mark& at)
        : std::runtime_error(message), mark(at) {}
    YAML::Mark mark;
};

/// Thrown for an alias inside the node its anchor names (a cycle); `mark` is the alias.
struct YamlAliasCycle : std::runtime_error {
    explicit YamlAliasCycle(const YAML::Mark& at)
        : std::runtime_error("an alias inside the node it refers to"), mark(at) {}
    YAML::Mark mark;
};

/// A YAML document as a tree of YamlNodes. Move-only; nodes refer into it.
class YamlTree {
public:
    YamlTree();
    ~YamlTree();
    YamlTree(YamlTree&&) noexcept;
    YamlTree& operator=(YamlTree&&) noexcept;

    /// The document's root; a null node when the document is empty.
    YamlNode root() const { return {*storage_, root_}; }
    /// Nodes stored (each alias's target once).
    std::size_t node_count() const;

private:
    friend class TreeBuilder;
    std::unique_ptr<YamlStorage> storage_;
    std::uint32_t root_ = 0;
};

/// What reading a YAML stream gives: the first document as a tree, and what the stream
/// holds besides.
struct YamlDocument {
    YamlTree tree;
    std::optional<YAML::Mark> second_document;  ///< where a second document starts
    /// Where yaml-cpp stopped making progress: it reads a ',' at the top level as an
    /// endless run of empty documents (yaml-cpp 0.7), so reading would never end.
    std::optional<YAML::Mark> stuck_at;
    /// The nodes aliases stand for, counted so far (with those of earlier files).
    std::uint64_t alias_nodes = 0;
};

/// Reads `text` with yaml-cpp's event parser (no copy of the text, no yaml-cpp node
/// tree): the first document becomes the tree, later ones are only scanned. Every use
/// of an alias counts the nodes it stands for, on top of `alias_nodes` (those of the
/// files read before), against `max_alias_nodes`. Throws what yaml-cpp throws for
/// malformed YAML (YAML::ParserException, YAML::DeepRecursion), YamlBudgetExceeded,
/// YamlAliasCycle and std::bad_alloc.
YamlDocument read_yaml(std::string_view text,
                       std::uint64_t max_alias_nodes,
                       std::uint64_t alias_nodes = 0);

}  // namespace flowsim::io::detail
