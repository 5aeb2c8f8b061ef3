#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <type_traits>

namespace flowsim {

/// A position in one of the scenario's tables (nodes, edges, sources, ...). Each table
/// has its own type: a node index is never passed, assigned or stored where an edge index
/// is expected (that would take two user-defined conversions, which C++ never chains
/// implicitly), and indices of different tables do not compare.
///
/// It converts to and from its number implicitly, so that `scenario.nodes()[node]`,
/// loop counters and the route engine's arithmetic read as they did when indices were
/// plain integers; value() says "the number" where that is the point.
template <typename Tag>
class Index {
public:
    constexpr Index() = default;
    // NOLINTNEXTLINE(google-explicit-constructor)
    constexpr Index(std::uint32_t value) : value_(value) {}

    constexpr std::uint32_t value() const { return value_; }
    // NOLINTNEXTLINE(google-explicit-constructor)
    constexpr operator std::uint32_t() const { return value_; }

    constexpr Index& operator++() {
        ++value_;
        return *this;
    }

private:
    std::uint32_t value_ = 0;
};

// Indices of the same table compare as their numbers (through the conversion); indices
// of different tables never compare.
template <typename A, typename B, typename = std::enable_if_t<!std::is_same_v<A, B>>>
bool operator==(Index<A>, Index<B>) = delete;
template <typename A, typename B, typename = std::enable_if_t<!std::is_same_v<A, B>>>
bool operator!=(Index<A>, Index<B>) = delete;
template <typename A, typename B, typename = std::enable_if_t<!std::is_same_v<A, B>>>
bool operator<(Index<A>, Index<B>) = delete;
template <typename A, typename B, typename = std::enable_if_t<!std::is_same_v<A, B>>>
bool operator<=(Index<A>, Index<B>) = delete;
template <typename A, typename B, typename = std::enable_if_t<!std::is_same_v<A, B>>>
bool operator>(Index<A>, Index<B>) = delete;
template <typename A, typename B, typename = std::enable_if_t<!std::is_same_v<A, B>>>
bool operator>=(Index<A>, Index<B>) = delete;

using NodeIndex = Index<struct NodeTag>;
using EdgeIndex = Index<struct EdgeTag>;
using SourceIndex = Index<struct SourceTag>;
using DataKindIndex = Index<struct DataKindTag>;
using GateIndex = Index<struct GateTag>;
using ParameterIndex = Index<struct ParameterTag>;
using ConfigurationIndex = Index<struct ConfigurationTag>;
using PolicyIndex = Index<struct PolicyTag>;

}  // namespace flowsim

template <typename Tag>
struct std::hash<flowsim::Index<Tag>> {
    std::size_t operator()(flowsim::Index<Tag> index) const noexcept {
        return std::hash<std::uint32_t>{}(index.value());
    }
};
