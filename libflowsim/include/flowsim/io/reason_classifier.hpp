#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <flowsim/diagnostic.hpp>

namespace flowsim::io {

/// A category of search reasons ("stolen vehicle", "immigration enforcement").
struct ReasonCategory {
    std::string id;            ///< [a-z_]+, e.g. "stolen_vehicle"
    std::string label;         ///< "stolen vehicle"
    bool immigration = false;  ///< its matches are immigration-related hits
    bool listed = false;       ///< every match is printed with its row for checking
};

/// One rule: a phrase of whole words; a word ending in '*' matches any word that starts
/// with what precedes the star ("invest*"). `origin` is "built-in" or "FILE:LINE".
struct ReasonPattern {
    std::vector<std::string> words;
    std::size_t category = 0;
    std::string text;
    std::string origin;
};

/// Which category a reason falls in, and the pattern that put it there.
struct ReasonMatch {
    std::size_t category = 0;
    std::size_t pattern = kNoPattern;  ///< kNoPattern: "other" or "none given"
    static constexpr std::size_t kNoPattern = static_cast<std::size_t>(-1);
};

/// Classifies the free-text reason of a search. The reason is cut into words: runs of
/// ASCII letters and digits (and bytes from 0x80 up), lower-cased; everything else
/// (spaces, '+', punctuation, brackets) separates words. A pattern matches when its
/// words appear consecutively: never inside a word, so "police" does not contain "ice"
/// and the alert "E287021" is not "287(g)" (which is the words "287 g", or "287g").
/// Categories are tried in table order, first match wins: immigration before federal
/// assist before specific crimes before the non-specific "investigation" and tests.
/// A reason no pattern matches is "other"; an empty one, "none given".
class ReasonClassifier {
public:
    /// Version of the built-in table; bumped whenever a pattern or category changes.
    static constexpr int kTableVersion = 1;

    /// The documented built-in table (docs/method.md, "Search-audit logs").
    static ReasonClassifier built_in();

    /// Adds the patterns of a user's file: one `CATEGORY: PATTERN` a line, `#` comments,
    /// blank lines ignored. CATEGORY is a built-in id or a new one ([a-z0-9_]+), which is
    /// tried after the built-in specific categories, before tests and "investigation". Every
    /// bad line becomes a diagnostic; false when there are any.
    bool add_patterns(std::string_view text,
                      const std::string& file,
                      std::vector<Diagnostic>& diagnostics);

    ReasonMatch classify(std::string_view reason) const;

    const std::vector<ReasonCategory>& categories() const { return categories_; }
    const std::vector<ReasonPattern>& patterns() const { return patterns_; }
    /// The category every reason that no pattern matches falls in; and "none given".
    std::size_t other() const;
    std::size_t none_given() const;
    /// Categories in the order they are tried (indices into categories()).
    const std::vector<std::size_t>& priority() const { return priority_; }

private:
    void add_category(std::string id, std::string label, bool immigration, bool listed);
    void add(std::size_t category, std::string_view phrase, std::string origin);
    std::size_t find_category(std::string_view id) const;

    std::vector<ReasonCategory> categories_;
    std::vector<std::size_t> priority_;
    std::vector<std::size_t> rank_;  // rank_[category] = position in priority_
    std::vector<ReasonPattern> patterns_;
    std::unordered_map<std::string, std::vector<std::size_t>> by_first_word_;
    std::vector<std::size_t> prefix_first_;  // patterns whose first word ends in '*'
};

/// The words of `text` as the classifier cuts them.
std::vector<std::string> reason_words(std::string_view text);

}  // namespace flowsim::io
