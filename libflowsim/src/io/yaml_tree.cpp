#include "yaml_tree.hpp"

#include <algorithm>
#include <istream>
#include <limits>
#include <streambuf>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

namespace flowsim::io::detail {
namespace {

constexpr std::uint8_t kQuoted = 1;
constexpr std::uint8_t kVerbatim = 2;
constexpr std::uint8_t kTagged = 4;

// Growing storage in fixed chunks: no reallocation copies, so the peak while reading is
// what is stored, not twice that.
template <typename T>
class Chunked {
public:
    static constexpr std::size_t kChunk = 4096;

    std::size_t size() const { return size_; }
    T& operator[](std::size_t i) { return chunks_[i / kChunk][i % kChunk]; }
    const T& operator[](std::size_t i) const { return chunks_[i / kChunk][i % kChunk]; }
    void push_back(const T& value) {
        if (size_ % kChunk == 0) {
            chunks_.push_back(std::make_unique<T[]>(kChunk));
        }
        (*this)[size_++] = value;
    }

private:
    std::vector<std::unique_ptr<T[]>> chunks_;
    std::size_t size_ = 0;
};

// A read-only stream over `text`, so that the parser reads it in place.
class TextBuffer : public std::streambuf {
public:
    explicit TextBuffer(std::string_view text) {
        char* begin = const_cast<char*>(text.data());  // never written: no put area
        setg(begin, begin, begin + text.size());
    }
};

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
    return a > std::numeric_limits<std::uint64_t>::max() - b
               ? std::numeric_limits<std::uint64_t>::max()
               : a + b;
}

}  // namespace

struct YamlStorage {
    struct Record {
        std::uint64_t start = 0;  // a scalar's offset in its chunk; a collection's first child
        std::uint32_t count = 0;  // a scalar's length; a collection's children (2 per entry)
        std::uint32_t chunk = 0;  // a scalar's chunk of `text`
        std::uint32_t line = 0;
        std::uint32_t column = 0;
    };
    Chunked<Record> records;
    Chunked<YamlNode::Type> types;
    Chunked<std::uint8_t> flags;
    Chunked<std::uint32_t> children;
    // Scalar values, in chunks growing to kTextChunk bytes (a longer value gets its own).
    static constexpr std::size_t kTextChunk = 1 << 20;
    std::vector<std::string> text;

    std::uint32_t add(YamlNode::Type type, const YAML::Mark& mark) {
        Record record;
        record.line = static_cast<std::uint32_t>(std::max(mark.line, 0));
        record.column = static_cast<std::uint32_t>(std::max(mark.column, 0));
        records.push_back(record);
        types.push_back(type);
        flags.push_back(0);
        return static_cast<std::uint32_t>(records.size() - 1);
    }

    void set_value(std::uint32_t node, const std::string& value) {
        if (text.empty() || text.back().size() + value.size() > text.back().capacity()) {
            const std::size_t grown = text.empty() ? 4096 : 2 * text.back().capacity();
            text.emplace_back();
            text.back().reserve(std::max(std::min(grown, kTextChunk), value.size()));
        }
        Record& record = records[node];
        record.chunk = static_cast<std::uint32_t>(text.size() - 1);
        record.start = text.back().size();
        record.count = static_cast<std::uint32_t>(value.size());
        text.back() += value;
    }
};

YamlTree::YamlTree() : storage_(std::make_unique<YamlStorage>()) {
    storage_->add(YamlNode::Type::kNull, YAML::Mark());  // node 0: the root of no document
}
YamlTree::~YamlTree() = default;
YamlTree::YamlTree(YamlTree&&) noexcept = default;
YamlTree& YamlTree::operator=(YamlTree&&) noexcept = default;

std::size_t YamlTree::node_count() const {
    return storage_->records.size() - 1;
}

YamlNode::Type YamlNode::type() const {
    return storage_->types[index_];
}

std::string_view YamlNode::scalar() const {
    if (!is_scalar()) {
        return {};
    }
    const auto& record = storage_->records[index_];
    return std::string_view(storage_->text[record.chunk]).substr(record.start, record.count);
}

int YamlNode::line() const {
    return static_cast<int>(storage_->records[index_].line);
}

int YamlNode::column() const {
    return static_cast<int>(storage_->records[index_].column);
}

bool YamlNode::quoted() const {
    return (storage_->flags[index_] & kQuoted) != 0;
}

bool YamlNode::verbatim() const {
    return (storage_->flags[index_] & kVerbatim) != 0;
}

bool YamlNode::tagged() const {
    return (storage_->flags[index_] & kTagged) != 0;
}

std::size_t YamlNode::size() const {
    const Type kind = type();
    if (kind != Type::kSequence && kind != Type::kMap) {
        return 0;
    }
    const std::uint32_t count = storage_->records[index_].count;
    return kind == Type::kMap ? count / 2 : count;
}

YamlNode YamlNode::child(std::size_t i) const {
    const auto& record = storage_->records[index_];
    return {*storage_, storage_->children[record.start + i]};
}

// Builds the tree from the parser's events. Only the first document is kept; later
// ones are scanned for where they start.
class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(YamlTree& tree,
                std::string_view text,
                std::uint64_t max_alias_nodes,
                std::uint64_t alias_nodes)
        : storage_(*tree.storage_),
          tree_(tree),
          text_(text),
          max_alias_nodes_(max_alias_nodes),
          alias_nodes_(alias_nodes) {}

    std::uint64_t alias_nodes() const { return alias_nodes_; }

    std::vector<YAML::Mark> document_starts;

    void OnDocumentStart(const YAML::Mark& mark) override { document_starts.push_back(mark); }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (building()) {
            finish(storage_.add(YamlNode::Type::kNull, mark), anchor, 1);
        }
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (!building()) {
            return;
        }
        const Anchor& target = anchors_.at(anchor - 1);
        if (!target.done) {
            throw YamlAliasCycle(mark);
        }
        alias_nodes_ = saturating_add(alias_nodes_, target.expanded);
        if (alias_nodes_ > max_alias_nodes_) {
            throw YamlBudgetExceeded(
                "aliases stand for more than " + std::to_string(max_alias_nodes_) + " nodes", mark);
        }
        add_child(target.node, target.expanded);
    }

    void OnScalar(const YAML::Mark& mark,
                  const std::string& tag,
                  YAML::anchor_t anchor,
                  const std::string& written) override {
        if (!building()) {
            return;
        }
        // A local tag (`!law`; yaml-cpp spells `!!str` "tag:yaml.org,...", no tag "?" and
        // `!` alone "!") is kept in the value, for the loader to refuse with its text.
        const bool tagged = tag.size() > 1 && tag[0] == '!';
        const std::string value = tagged ? tag + (written.empty() ? "" : " " + written) : written;
        const std::uint32_t node = storage_.add(YamlNode::Type::kScalar, mark);
        storage_.set_value(node, value);
        std::uint8_t flags = tagged ? kTagged : 0;
        if (mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < text_.size()) {
            const auto pos = static_cast<std::size_t>(mark.pos);
            const bool quoted = text_[pos] == '"' || text_[pos] == '\'';
            const std::size_t start = pos + (quoted ? 1 : 0);
            const bool verbatim =
                value.find('\n') == std::string::npos && text_.substr(start, value.size()) == value;
            flags |= static_cast<std::uint8_t>((quoted ? kQuoted : 0) | (verbatim ? kVerbatim : 0));
        }
        storage_.flags[node] = flags;
        finish(node, anchor, 1);
    }

    void OnSequenceStart(const YAML::Mark& mark,
                         const std::string& /*tag*/,
                         YAML::anchor_t anchor,
                         YAML::EmitterStyle::value /*style*/) override {
        open(YamlNode::Type::kSequence, mark, anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark,
                    const std::string& /*tag*/,
                    YAML::anchor_t anchor,
                    YAML::EmitterStyle::value /*style*/) override {
        open(YamlNode::Type::kMap, mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Open {
        std::uint32_t node;
        std::size_t first_pending;  // where its children start in pending_
        std::uint64_t expanded;     // nodes it stands for, with aliases expanded
        YAML::anchor_t anchor;
    };
    struct Anchor {
        std::uint32_t node = 0;
        std::uint64_t expanded = 0;
        bool done = false;
    };

    bool building() const { return document_starts.size() == 1; }

    void open(YamlNode::Type type, const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (!building()) {
            return;
        }
        const std::uint32_t node = storage_.add(type, mark);
        if (anchor != YAML::NullAnchor) {
            anchor_slot(anchor) = {node, 0, false};
        }
        open_.push_back({node, pending_.size(), 1, anchor});
    }

    void close() {
        if (!building()) {
            return;
        }
        const Open done = open_.back();
        open_.pop_back();
        auto& record = storage_.records[done.node];
        record.start = storage_.children.size();
        record.count = static_cast<std::uint32_t>(pending_.size() - done.first_pending);
        for (std::size_t i = done.first_pending; i < pending_.size(); ++i) {
            storage_.children.push_back(pending_[i]);
        }
        pending_.resize(done.first_pending);
        finish(done.node, done.anchor, done.expanded);
    }

    // A node is complete: remember its anchor, then hang it under the open collection.
    void finish(std::uint32_t node, YAML::anchor_t anchor, std::uint64_t expanded) {
        if (anchor != YAML::NullAnchor) {
            anchor_slot(anchor) = {node, expanded, true};
        }
        add_child(node, expanded);
    }

    void add_child(std::uint32_t node, std::uint64_t expanded) {
        if (open_.empty()) {
            tree_.root_ = node;
            return;
        }
        pending_.push_back(node);
        open_.back().expanded = saturating_add(open_.back().expanded, expanded);
    }

    Anchor& anchor_slot(YAML::anchor_t anchor) {
        if (anchors_.size() < anchor) {
            anchors_.resize(anchor);
        }
        return anchors_[anchor - 1];
    }

    YamlStorage& storage_;
    YamlTree& tree_;
    std::string_view text_;
    std::uint64_t max_alias_nodes_;
    std::uint64_t alias_nodes_;
    std::vector<Open> open_;
    std::vector<std::uint32_t> pending_;
    std::vector<Anchor> anchors_;  // by anchor number - 1
};

YamlDocument read_yaml(std::string_view text,
                       std::uint64_t max_alias_nodes,
                       std::uint64_t alias_nodes) {
    YamlDocument result;
    TextBuffer buffer(text);
    std::istream stream(&buffer);
    YAML::Parser parser(stream);
    TreeBuilder builder(result.tree, text, max_alias_nodes, alias_nodes);
    // Three documents are enough to see both a second document and a parser that no
    // longer advances (two documents starting at the same place).
    for (int document = 0; document < 3 && parser.HandleNextDocument(builder); ++document) {
        const auto& starts = builder.document_starts;
        if (starts.size() >= 2 && starts[starts.size() - 1].pos == starts[starts.size() - 2].pos) {
            result.stuck_at = starts.back();
            result.alias_nodes = builder.alias_nodes();
            return result;
        }
    }
    if (builder.document_starts.size() >= 2) {
        result.second_document = builder.document_starts[1];
    }
    result.alias_nodes = builder.alias_nodes();
    return result;
}

}  // namespace flowsim::io::detail
