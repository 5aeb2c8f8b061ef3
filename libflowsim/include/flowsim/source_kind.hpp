#pragma once

#include <optional>
#include <string_view>

namespace flowsim {

/// What kind of document a source is. It describes the document, not the site hosting it:
/// a portal's published sharing list is a `record` even when a newspaper hosts the copy.
/// docs/method.md says which statuses each kind can support.
enum class SourceKind {
    kRecord,     ///< the primary record: audit log, contract, letter, sharing list, audit
    kLaw,        ///< statute or bill text
    kFiling,     ///< a court or regulatory filing
    kStatement,  ///< a party's own words: press release, help page, FAQ, letter to reporters
    kNews,       ///< an established outlet's reporting
    kAdvocacy,   ///< an advocacy organisation's publication (ACLU, EFF, ...)
    kSecondary,  ///< a summary or fact-check that repeats other sources
};

/// "record", "law", ...
std::string_view source_kind_name(SourceKind kind);
/// The inverse of source_kind_name; nullopt for anything else.
std::optional<SourceKind> parse_source_kind(std::string_view text);

}  // namespace flowsim
