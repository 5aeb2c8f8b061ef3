#include "flowsim/io/reason_classifier.hpp"

#include <algorithm>

namespace flowsim::io {
namespace {

bool word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Calls `on_word` with each word of `text`, lower-cased into `buffer`.
template <typename OnWord>
void for_each_word(std::string_view text, std::string& buffer, OnWord on_word) {
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !word_byte(static_cast<unsigned char>(text[i]))) {
            ++i;
        }
        if (i == text.size()) {
            break;
        }
        buffer.clear();
        while (i < text.size() && word_byte(static_cast<unsigned char>(text[i]))) {
            char c = text[i++];
            if (c >= 'A' && c <= 'Z') {
                c = static_cast<char>(c - 'A' + 'a');
            }
            buffer += c;
        }
        on_word(buffer);
    }
}

bool word_matches(const std::string& pattern, const std::string& word) {
    if (!pattern.empty() && pattern.back() == '*') {
        const std::size_t stem = pattern.size() - 1;
        return word.size() >= stem && word.compare(0, stem, pattern, 0, stem) == 0;
    }
    return pattern == word;
}

struct BuiltIn {
    const char* id;
    const char* label;
    bool immigration;
    bool listed;
    std::vector<const char*> phrases;
};

// The table documented in docs/method.md ("Search-audit logs"). Version
// ReasonClassifier::kTableVersion; change both together.
const std::vector<BuiltIn>& built_in_table() {
    static const std::vector<BuiltIn> table = {
        {"immigration",
         "immigration enforcement (ICE, CBP)",
         true,
         true,
         {"immigration",
          "immigrant",
          "immigrants",
          "undocumented",
          "deport",
          "deported",
          "deportation",
          "deportations",
          "illegal alien",
          "illegal aliens",
          "alien",
          "aliens",
          "ice",
          "i c e",
          "ero",
          "enforcement and removal",
          "enforcement removal operations",
          "hsi",
          "homeland security investigations",
          "homeland security investigation",
          "cbp",
          "customs and border protection",
          "border patrol",
          "usbp",
          "287 g",
          "287g",
          "removal order",
          "immigration detainer"}},
        {"federal_assist",
         "federal agency assist",
         false,
         true,
         {"fbi", "atf", "dea", "usms", "us marshal", "us marshals", "u s marshals",
          "marshals service", "usss", "secret service", "uspis", "postal inspector",
          "postal inspection", "dhs", "homeland security", "federal", "fed assist", "feds",
          "hidta"}},
        {"stolen_vehicle",
         "stolen vehicle",
         false,
         false,
         {"stolen vehicle", "stolen vehicles", "stolen car", "stolen plate", "stolen plates",
          "stolen auto", "stolen truck", "stolen motorcycle", "uuv", "uumv", "auto theft",
          "vehicle theft", "carjacking"}},
        {"missing_person",
         "missing person",
         false,
         false,
         {"missing", "misper", "runaway", "amber alert", "silver alert", "endangered"}},
        {"welfare_check", "welfare check", false, false, {"welfare"}},
        {"person_crime",
         "crime against a person",
         false,
         false,
         {"person crime", "person crimes", "persons crime", "felony person", "homicide", "murder",
          "assault", "shooting", "robbery", "kidnapping", "intimidation", "rape", "sex crime",
          "icac"}},
        {"property_crime",
         "property crime",
         false,
         false,
         {"property crime", "property crimes", "propert*", "proeprty", "theft", "thefts",
          "burglary", "burg", "forgery", "fraud", "financial crime", "crim mis",
          "criminal mischief", "vandalism"}},
        {"traffic",
         "traffic offence",
         false,
         false,
         {"duii", "dui", "reckless", "hit and run", "hit run", "expired license", "traffic"}},
        {"warrant",
         "warrant or wanted person",
         false,
         false,
         {"warrant", "warrants", "warr", "wanted"}},
        {"suspicious_vehicle",
         "suspicious vehicle",
         false,
         false,
         {"suspicious vehicle", "suspect vehicle", "suspicious"}},
        {"test", "test or training", false, false, {"test", "tests", "testing", "training"}},
        {"investigation",
         "\"investigation\" and other non-specific reasons",
         false,
         false,
         {"investigation",
          "investigations",
          "investigative",
          "invest*",
          "inv",
          "inv*",
          "inestigation",
          "ivestigations",
          "criminal investigation",
          "cfs",
          "call for service",
          "police",
          "crime",
          "crimes",
          "atl",
          "follow up",
          "dragnet",
          "drag",
          "pattern of life",
          "case"}},
    };
    return table;
}

}  // namespace

std::vector<std::string> reason_words(std::string_view text) {
    std::vector<std::string> words;
    std::string buffer;
    for_each_word(text, buffer, [&](const std::string& word) { words.push_back(word); });
    return words;
}

void ReasonClassifier::add_category(std::string id,
                                    std::string label,
                                    bool immigration,
                                    bool listed) {
    categories_.push_back({std::move(id), std::move(label), immigration, listed});
}

void ReasonClassifier::add(std::size_t category, std::string_view phrase, std::string origin) {
    ReasonPattern pattern;
    pattern.words = reason_words(phrase);
    // Keep a trailing star on a word: reason_words drops it as punctuation.
    if (!phrase.empty() && phrase.back() == '*' && !pattern.words.empty()) {
        pattern.words.back() += '*';
    }
    if (pattern.words.empty()) {
        return;
    }
    pattern.category = category;
    pattern.text = std::string(phrase);
    pattern.origin = std::move(origin);
    const std::size_t index = patterns_.size();
    const std::string& first = pattern.words.front();
    if (first.back() == '*') {
        prefix_first_.push_back(index);
    } else {
        by_first_word_[first].push_back(index);
    }
    patterns_.push_back(std::move(pattern));
}

ReasonClassifier ReasonClassifier::built_in() {
    ReasonClassifier classifier;
    for (const BuiltIn& row : built_in_table()) {
        classifier.add_category(row.id, row.label, row.immigration, row.listed);
        const std::size_t category = classifier.categories_.size() - 1;
        for (const char* phrase : row.phrases) {
            classifier.add(category, phrase, "built-in");
        }
    }
    classifier.add_category("other", "other (no rule matched)", false, false);
    classifier.add_category("none_given", "none given (empty)", false, false);
    for (std::size_t i = 0; i < classifier.categories_.size(); ++i) {
        classifier.priority_.push_back(i);
    }
    classifier.rank_ = classifier.priority_;
    return classifier;
}

std::size_t ReasonClassifier::find_category(std::string_view id) const {
    for (std::size_t i = 0; i < categories_.size(); ++i) {
        if (categories_[i].id == id) {
            return i;
        }
    }
    return categories_.size();
}

std::size_t ReasonClassifier::other() const {
    return find_category("other");
}

std::size_t ReasonClassifier::none_given() const {
    return find_category("none_given");
}

bool ReasonClassifier::add_patterns(std::string_view text,
                                    const std::string& file,
                                    std::vector<Diagnostic>& diagnostics) {
    const std::size_t before = diagnostics.size();
    int line_number = 0;
    while (!text.empty()) {
        ++line_number;
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        const std::size_t first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos || line[first] == '#') {
            continue;
        }
        const std::size_t colon = line.find(':');
        const auto fail = [&](int column, std::string message) {
            diagnostics.push_back(
                {Severity::kError, {file, line_number, column}, std::move(message)});
        };
        if (colon == std::string_view::npos) {
            fail(static_cast<int>(first) + 1, "expected 'CATEGORY: PATTERN'");
            continue;
        }
        std::string_view id = line.substr(first, colon - first);
        while (!id.empty() && (id.back() == ' ' || id.back() == '\t')) {
            id.remove_suffix(1);
        }
        const bool valid_id = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        });
        if (!valid_id) {
            fail(static_cast<int>(first) + 1,
                 "category '" + std::string(id) + "' must be lower-case letters, digits and '_'");
            continue;
        }
        if (id == "other" || id == "none_given") {
            fail(static_cast<int>(first) + 1,
                 "category '" + std::string(id) + "' takes no patterns: it is what none matches");
            continue;
        }
        std::string_view phrase = line.substr(colon + 1);
        const std::size_t start = phrase.find_first_not_of(" \t");
        phrase = start == std::string_view::npos ? std::string_view{} : phrase.substr(start);
        while (!phrase.empty() && (phrase.back() == ' ' || phrase.back() == '\t')) {
            phrase.remove_suffix(1);
        }
        if (reason_words(phrase).empty()) {
            fail(static_cast<int>(colon) + 2, "the pattern has no word in it");
            continue;
        }
        std::size_t category = find_category(id);
        if (category == categories_.size()) {
            add_category(std::string(id), std::string(id), false, false);
            // New categories are tried before tests and "investigation".
            const std::size_t test = find_category("test");
            const auto at = std::find(priority_.begin(), priority_.end(), test);
            priority_.insert(at, category);
            rank_.assign(categories_.size(), 0);
            for (std::size_t i = 0; i < priority_.size(); ++i) {
                rank_[priority_[i]] = i;
            }
        }
        add(category, phrase, file + ":" + std::to_string(line_number));
    }
    return diagnostics.size() == before;
}

ReasonMatch ReasonClassifier::classify(std::string_view reason) const {
    thread_local std::vector<std::string> words;
    thread_local std::string buffer;
    std::size_t count = 0;
    for_each_word(reason, buffer, [&](const std::string& word) {
        if (count == words.size()) {
            words.emplace_back();
        }
        words[count++] = word;
    });
    if (count == 0) {
        return {none_given(), ReasonMatch::kNoPattern};
    }
    ReasonMatch best{other(), ReasonMatch::kNoPattern};
    std::size_t best_rank = rank_[best.category];
    const auto try_pattern = [&](std::size_t index, std::size_t at) {
        const ReasonPattern& pattern = patterns_[index];
        if (rank_[pattern.category] >= best_rank || at + pattern.words.size() > count) {
            return;
        }
        for (std::size_t k = 0; k < pattern.words.size(); ++k) {
            if (!word_matches(pattern.words[k], words[at + k])) {
                return;
            }
        }
        best = {pattern.category, index};
        best_rank = rank_[pattern.category];
    };
    for (std::size_t at = 0; at < count; ++at) {
        const auto found = by_first_word_.find(words[at]);
        if (found != by_first_word_.end()) {
            for (const std::size_t index : found->second) {
                try_pattern(index, at);
            }
        }
        for (const std::size_t index : prefix_first_) {
            try_pattern(index, at);
        }
    }
    return best;
}

}  // namespace flowsim::io
