#include "flowsim/io/listing_writer.hpp"

#include <algorithm>

#include <flowsim/io/json_writer.hpp>

namespace flowsim::io {
namespace {

void write_text(std::ostream& out, const Listings& listings) {
    bool first = true;
    for (const auto& [list, items] : listings) {
        out << (first ? "" : "\n") << scenario_list_name(list) << " (" << items.size() << ")"
            << (items.empty() ? "\n" : ":\n");
        first = false;
        std::size_t width = 0;
        for (const ListedItem& item : items) {
            width = std::max(width, item.id.size());
        }
        for (const ListedItem& item : items) {
            std::string line = "  " + item.id;
            std::string rest = item.label == item.id ? "" : item.label;
            std::string details;
            for (const auto& [name, text] : item.details) {
                details += (details.empty() ? "" : "; ") + name + ": " + text;
            }
            if (!details.empty()) {
                rest += (rest.empty() ? "" : "  ") + ("(" + details + ")");
            }
            if (!rest.empty()) {
                line += std::string(width - item.id.size() + 2, ' ') + rest;
            }
            out << line << "\n";
        }
    }
}

void write_json(std::ostream& out, std::string_view scenario, const Listings& listings) {
    JsonWriter json(out);
    json.begin_object();
    json.key("scenario").value(scenario);
    for (const auto& [list, items] : listings) {
        json.key(scenario_list_name(list)).begin_array(true);
        for (const ListedItem& item : items) {
            json.begin_object();
            json.key("id").value(item.id);
            if (!item.label.empty() && item.label != item.id) {
                json.key("label").value(item.label);
            }
            for (const auto& [name, text] : item.details) {
                json.key(name).value(text);
            }
            json.end_object();
        }
        json.end_array();
    }
    json.end_object();
    out << "\n";
}

}  // namespace

void write_listings(std::ostream& out,
                    RouteFormat format,
                    std::string_view scenario,
                    const Listings& listings) {
    if (format == RouteFormat::kJson) {
        write_json(out, scenario, listings);
    } else {
        write_text(out, listings);
    }
}

}  // namespace flowsim::io
