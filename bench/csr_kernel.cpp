// A tight reference kernel for the side-by-side benchmark (bench/compare.py): counts the
// simple routes of at most H hops from one node to one target on a plain CSR graph, with
// nothing but static distance-to-target pruning. It is what the machine can do for the
// question `flowsim paths --count --max-hops H` asks, without flowsim's data kinds,
// policies, parallel edges or ordering, so flowsim's time is compared against it.
//
//     csr_kernel DIR SOURCE TARGET HOPS...
//
// DIR is a generated network (bench/generate.py): the edge tables edges.csv and
// camera-edges.csv, of which the edges that carry plate_read and whose `when` is empty or
// names a parameter that is true by default are kept (meta.json's parameters). Prints one
// JSON object per hop bound: {"hops", "routes", "seconds"}; load and preprocessing
// times separately. Not part of flowsim: no error handling beyond what a benchmark needs.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "csr_kernel: cannot read %s\n", path.c_str());
        std::exit(2);
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The parameters that are false by default, from meta.json (a flat scan is enough for
// the file bench/generate.py writes: `"name": false`).
std::unordered_set<std::string> false_parameters(const std::string& meta) {
    std::unordered_set<std::string> names;
    const std::size_t start = meta.find("\"parameters\"");
    const std::size_t end = meta.find('}', start);
    std::size_t at = start;
    while ((at = meta.find("false", at)) != std::string::npos && at < end) {
        const std::size_t close = meta.rfind('"', at);
        const std::size_t open = meta.rfind('"', close - 1);
        names.insert(meta.substr(open + 1, close - open - 1));
        at += 5;
    }
    return names;
}

struct Graph {
    std::unordered_map<std::string, std::uint32_t> index;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;

    std::uint32_t node(std::string_view name) {
        const auto [entry, added] =
            index.emplace(std::string(name), static_cast<std::uint32_t>(index.size()));
        return entry->second;
    }

    // Generated tables have no quoted cells, so splitting on commas is exact.
    void read_table(const std::string& text, const std::unordered_set<std::string>& off) {
        std::size_t line_start = text.find('\n') + 1;  // skip the header
        std::vector<std::string_view> cells;
        while (line_start < text.size()) {
            std::size_t line_end = text.find('\n', line_start);
            if (line_end == std::string::npos) {
                line_end = text.size();
            }
            const std::string_view line(text.data() + line_start, line_end - line_start);
            cells.clear();
            std::size_t from = 0;
            for (;;) {
                const std::size_t comma = line.find(',', from);
                cells.push_back(line.substr(from, comma - from));
                if (comma == std::string_view::npos) {
                    break;
                }
                from = comma + 1;
            }
            // from,to,carries,mechanism,when,...
            if (cells.size() >= 5 && cells[2].find("plate_read") != std::string_view::npos &&
                (cells[4].empty() || off.count(std::string(cells[4])) == 0)) {
                edges.emplace_back(node(cells[0]), node(cells[1]));
            }
            line_start = line_end + 1;
        }
    }
};

struct Csr {
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint32_t> targets;

    Csr(std::size_t nodes,
        const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges,
        bool reverse) {
        offsets.assign(nodes + 1, 0);
        for (const auto& [from, to] : edges) {
            ++offsets[(reverse ? to : from) + 1];
        }
        for (std::size_t i = 0; i < nodes; ++i) {
            offsets[i + 1] += offsets[i];
        }
        targets.resize(edges.size());
        std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
        for (const auto& [from, to] : edges) {
            targets[fill[reverse ? to : from]++] = reverse ? from : to;
        }
    }
};

constexpr std::uint32_t kFar = std::numeric_limits<std::uint32_t>::max() / 2;

struct Counter {
    const Csr& out;
    const std::vector<std::uint32_t>& distance;
    std::vector<char> on_route;
    std::uint32_t target;
    std::uint32_t hops;
    std::uint64_t routes = 0;

    void extend(std::uint32_t node, std::uint32_t depth) {
        on_route[node] = 1;
        for (std::uint32_t e = out.offsets[node]; e < out.offsets[node + 1]; ++e) {
            const std::uint32_t next = out.targets[e];
            if (next == target) {
                ++routes;
            } else if (!on_route[next] && depth + 1 + distance[next] <= hops) {
                extend(next, depth + 1);
            }
        }
        on_route[node] = 0;
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: csr_kernel DIR SOURCE TARGET HOPS...\n");
        return 2;
    }
    const std::string dir = argv[1];
    const auto load_start = Clock::now();
    const auto off = false_parameters(read_file(dir + "/meta.json"));
    Graph graph;
    for (const char* table : {"/edges.csv", "/camera-edges.csv"}) {
        graph.read_table(read_file(dir + table), off);
    }
    const auto source = graph.index.find(argv[2]);
    const auto target = graph.index.find(argv[3]);
    if (source == graph.index.end() || target == graph.index.end()) {
        std::fprintf(stderr, "csr_kernel: unknown source or target\n");
        return 2;
    }
    const std::size_t nodes = graph.index.size();
    const double load_seconds = seconds_since(load_start);

    const auto build_start = Clock::now();
    const Csr out(nodes, graph.edges, false);
    const Csr in(nodes, graph.edges, true);
    const double build_seconds = seconds_since(build_start);

    // Fewest hops from every node to the target, by breadth-first search backwards.
    const auto bfs_start = Clock::now();
    std::vector<std::uint32_t> distance(nodes, kFar);
    std::vector<std::uint32_t> queue{target->second};
    distance[target->second] = 0;
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const std::uint32_t node = queue[head];
        for (std::uint32_t e = in.offsets[node]; e < in.offsets[node + 1]; ++e) {
            if (distance[in.targets[e]] == kFar) {
                distance[in.targets[e]] = distance[node] + 1;
                queue.push_back(in.targets[e]);
            }
        }
    }
    const double bfs_seconds = seconds_since(bfs_start);

    std::printf(
        "{\"nodes\": %zu, \"edges\": %zu, \"load_seconds\": %.6f, "
        "\"build_seconds\": %.6f, \"bfs_seconds\": %.6f}\n",
        nodes, graph.edges.size(), load_seconds, build_seconds, bfs_seconds);
    for (int i = 4; i < argc; ++i) {
        const auto hops = static_cast<std::uint32_t>(std::strtoul(argv[i], nullptr, 10));
        Counter counter{out, distance, std::vector<char>(nodes, 0), target->second, hops};
        const auto start = Clock::now();
        if (distance[source->second] <= hops) {
            counter.extend(source->second, 0);
        }
        std::printf("{\"hops\": %u, \"routes\": %llu, \"seconds\": %.9f}\n", hops,
                    static_cast<unsigned long long>(counter.routes), seconds_since(start));
    }
    return 0;
}
