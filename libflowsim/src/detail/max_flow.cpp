#include "max_flow.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>

namespace flowsim::detail {

MinimumCut minimum_cut(std::size_t vertices,
                       const std::vector<Arc>& arcs,
                       std::uint32_t source,
                       std::uint32_t sink) {
    using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
    using Graph = boost::adjacency_list<
        boost::vecS, boost::vecS, boost::directedS, boost::no_property,
        boost::property<
            boost::edge_capacity_t, std::int64_t,
            boost::property<boost::edge_residual_capacity_t, std::int64_t,
                            boost::property<boost::edge_reverse_t, Traits::edge_descriptor>>>>;
    Graph graph(vertices);
    auto capacity = boost::get(boost::edge_capacity, graph);
    auto reverse = boost::get(boost::edge_reverse, graph);
    auto residual = boost::get(boost::edge_residual_capacity, graph);
    std::vector<Graph::edge_descriptor> forward_of(arcs.size());
    for (std::size_t i = 0; i < arcs.size(); ++i) {
        // Each arc gets a reverse arc of capacity 0, as push-relabel requires.
        const auto forward = boost::add_edge(arcs[i].from, arcs[i].to, graph).first;
        const auto backward = boost::add_edge(arcs[i].to, arcs[i].from, graph).first;
        capacity[forward] = arcs[i].capacity;
        capacity[backward] = 0;
        reverse[forward] = backward;
        reverse[backward] = forward;
        forward_of[i] = forward;
    }
    MinimumCut cut;
    cut.capacity = boost::push_relabel_max_flow(graph, source, sink);

    std::vector<char> source_side(vertices, 0);
    std::vector<Graph::vertex_descriptor> stack{source};
    source_side[source] = 1;
    while (!stack.empty()) {
        const auto at = stack.back();
        stack.pop_back();
        for (auto [it, end] = boost::out_edges(at, graph); it != end; ++it) {
            const auto head = boost::target(*it, graph);
            if (residual[*it] > 0 && !source_side[head]) {
                source_side[head] = 1;
                stack.push_back(head);
            }
        }
    }
    for (std::size_t i = 0; i < arcs.size(); ++i) {
        if (source_side[arcs[i].from] && !source_side[arcs[i].to]) {
            cut.cut_arcs.push_back(i);
        }
    }
    return cut;
}

}  // namespace flowsim::detail
