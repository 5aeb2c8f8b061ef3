#pragma once

#include <optional>
#include <string>

#include <yaml-cpp/mark.h>

namespace flowsim::io::detail {

/// What the YAML stream holds at its top level, read without building any node.
struct YamlDocuments {
    std::optional<YAML::Mark> second_document;  ///< where a second document starts
    /// Where yaml-cpp stopped making progress: it reads a ',' at the top level as an
    /// endless run of empty documents (yaml-cpp 0.7), so YAML::LoadAll never returns.
    std::optional<YAML::Mark> stuck_at;
};

/// Reads the event stream of `text` up to its second document. Throws what yaml-cpp
/// throws for malformed YAML (YAML::ParserException, YAML::DeepRecursion).
YamlDocuments scan_documents(const std::string& text);

}  // namespace flowsim::io::detail
