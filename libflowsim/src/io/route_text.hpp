#pragma once

// Pieces of route output shared by the writers of `query`, `paths`, `likely`, `cut` and
// `diff` (route_writer.cpp, analysis_writer.cpp): route objects in JSON, route blocks and
// numbered sources in text.

#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <flowsim/io/json_writer.hpp>
#include <flowsim/io/route_writer.hpp>
#include <flowsim/route.hpp>
#include <flowsim/scenario.hpp>

namespace flowsim::io::detail {

/// The ids of `nodes`, sorted, without repeats.
std::vector<std::string> node_ids(const Scenario& scenario, const std::vector<NodeIndex>& nodes);

/// The ids of `items[i]` for each i in `indices`, in that order.
template <typename T>
std::vector<std::string> ids_of(const std::vector<T>& items,
                                const std::vector<std::uint32_t>& indices) {
    std::vector<std::string> ids;
    for (const std::uint32_t index : indices) {
        ids.push_back(items[index].id);
    }
    return ids;
}

/// A route as the JSON object of SPEC section 4.
void write_route_object(JsonWriter& json, const Scenario& scenario, const Route& route);

/// "scenario", "configuration", "as_of", "from", "to", "data" of a listing.
void write_header_fields(JsonWriter& json, const QueryHeader& header);

/// "configuration" (its name and every parameter's value) and "as_of" (when a date applies).
void write_settings_fields(JsonWriter& json, const QueryHeader& header);

/// "A", "A and B", "A, B and C", or "12 nodes (A, B, C, ...)", by label.
std::string describe_nodes(const Scenario& scenario, const std::vector<std::string>& ids);

/// "1 route", "2 routes".
std::string plural(std::size_t count, const std::string& noun);

// Numbers sources in the order routes first cite them, for "[1]"-style references.
class SourceNumbers {
public:
    std::size_t number(SourceIndex source) {
        const auto [entry, inserted] = numbers_.emplace(source, order_.size() + 1);
        if (inserted) {
            order_.push_back(source);
        }
        return entry->second;
    }

    void write(std::ostream& out, const Scenario& scenario) const {
        if (order_.empty()) {
            return;
        }
        out << "\nSources\n";
        for (std::size_t i = 0; i < order_.size(); ++i) {
            const Source& source = scenario.sources()[order_[i]];
            out << "  [" << i + 1 << "] " << source.title;
            if (!source.publisher.empty()) {
                out << " — " << source.publisher;
            }
            if (source.date) {
                out << ", " << source.date->to_string();
            }
            if (!source.url.empty()) {
                out << ". " << source.url;
            }
            out << "\n";
        }
    }

private:
    std::map<SourceIndex, std::size_t> numbers_;
    std::vector<SourceIndex> order_;
};

/// The labels of `nodes` joined by arrows.
std::string path_text(const Scenario& scenario, const std::vector<NodeIndex>& nodes);

/// Writes a route for people: its path on the current line (after a number, say), then
/// its id, length, evidence and likelihood, what it depends on and its sources, each
/// line after the first indented by `indent`.
void write_route_block(std::ostream& out,
                       const Scenario& scenario,
                       const Route& route,
                       const QueryHeader& header,
                       SourceNumbers& numbers,
                       const std::string& indent);

/// "configuration: NAME; as of DATE".
std::string conditions(const QueryHeader& header);

}  // namespace flowsim::io::detail
