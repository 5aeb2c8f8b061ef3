// Index types: one per table, never mistaken for another.
#include "flowsim/ids.hpp"

#include <type_traits>
#include <unordered_set>
#include <utility>

#include <gtest/gtest.h>

namespace flowsim {
namespace {

template <typename A, typename B, typename = void>
struct EqualityComparable : std::false_type {};
template <typename A, typename B>
struct EqualityComparable<A, B, std::void_t<decltype(std::declval<A>() == std::declval<B>())>>
    : std::true_type {};

template <typename A, typename B, typename = void>
struct LessComparable : std::false_type {};
template <typename A, typename B>
struct LessComparable<A, B, std::void_t<decltype(std::declval<A>() < std::declval<B>())>>
    : std::true_type {};

// What the compiler refuses: one table's index where another's is expected.
static_assert(!std::is_convertible_v<NodeIndex, EdgeIndex>);
static_assert(!std::is_convertible_v<EdgeIndex, NodeIndex>);
static_assert(!std::is_convertible_v<SourceIndex, DataKindIndex>);
static_assert(!std::is_convertible_v<GateIndex, ParameterIndex>);
static_assert(!std::is_convertible_v<ConfigurationIndex, PolicyIndex>);
static_assert(!std::is_assignable_v<EdgeIndex&, NodeIndex>);
static_assert(!std::is_convertible_v<std::vector<NodeIndex>, std::vector<EdgeIndex>>);
static_assert(!EqualityComparable<NodeIndex, EdgeIndex>::value);
static_assert(!LessComparable<GateIndex, SourceIndex>::value);
// What it allows: the same table's indices, and numbers both ways.
static_assert(EqualityComparable<NodeIndex, NodeIndex>::value);
static_assert(LessComparable<NodeIndex, NodeIndex>::value);
static_assert(std::is_convertible_v<std::uint32_t, NodeIndex>);
static_assert(std::is_convertible_v<NodeIndex, std::uint32_t>);
static_assert(sizeof(NodeIndex) == sizeof(std::uint32_t));

TEST(Index, ComparesHashesAndCountsAsItsNumber) {
    NodeIndex a(3);
    const NodeIndex b(4);
    EXPECT_EQ(a.value(), 3U);
    EXPECT_LT(a, b);
    EXPECT_NE(a, b);
    ++a;
    EXPECT_EQ(a, b);
    const std::unordered_set<NodeIndex> set = {NodeIndex(1), NodeIndex(2), NodeIndex(1)};
    EXPECT_EQ(set.size(), 2U);
}

}  // namespace
}  // namespace flowsim
