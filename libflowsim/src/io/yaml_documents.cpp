#include "yaml_documents.hpp"

#include <sstream>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

namespace flowsim::io::detail {
namespace {

// Records where each document starts and ignores everything else.
class DocumentStarts : public YAML::EventHandler {
public:
    std::vector<YAML::Mark> starts;

    void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&,
                  const std::string&,
                  YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&,
                         const std::string&,
                         YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&,
                    const std::string&,
                    YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

}  // namespace

YamlDocuments scan_documents(const std::string& text) {
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    DocumentStarts handler;
    YamlDocuments result;
    // Three documents are enough to see both a second document and a parser that no
    // longer advances (two documents starting at the same place).
    for (int document = 0; document < 3 && parser.HandleNextDocument(handler); ++document) {
        const auto& starts = handler.starts;
        if (starts.size() >= 2 && starts[starts.size() - 1].pos == starts[starts.size() - 2].pos) {
            result.stuck_at = starts.back();
            return result;
        }
    }
    if (handler.starts.size() >= 2) {
        result.second_document = handler.starts[1];
    }
    return result;
}

}  // namespace flowsim::io::detail
