#include "flowsim/io/csv_reader.hpp"

#include <gtest/gtest.h>

namespace flowsim::io {
namespace {

struct Read {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::vector<std::pair<int, int>>> positions;
    std::vector<CsvError> errors;
};

Read read(std::string_view text) {
    Read result;
    read_csv(
        text,
        [&](const std::vector<CsvCell>& cells, std::size_t /*field_count*/) {
            result.rows.emplace_back();
            result.positions.emplace_back();
            for (const CsvCell& cell : cells) {
                result.rows.back().emplace_back(cell.text);
                result.positions.back().emplace_back(cell.line, cell.column);
            }
            return true;
        },
        result.errors);
    return result;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, PlainFieldsAndLineEnds) {
    const Read result = read("id,kind\r\na,camera\n\nb,\n");
    EXPECT_TRUE(result.errors.empty());
    EXPECT_EQ(result.rows, (Rows{{"id", "kind"}, {"a", "camera"}, {"b", ""}}));
    EXPECT_EQ(result.positions[2], (std::vector<std::pair<int, int>>{{4, 1}, {4, 3}}));
}

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
    const Read result = read("a,\"x, \"\"y\"\"\nz\",b\nc,d");
    EXPECT_TRUE(result.errors.empty());
    EXPECT_EQ(result.rows, (Rows{{"a", "x, \"y\"\nz", "b"}, {"c", "d"}}));
    // The quoted field started on line 1; the next field and record count lines after it.
    EXPECT_EQ(result.positions[0][1], (std::pair<int, int>{1, 3}));
    EXPECT_EQ(result.positions[0][2], (std::pair<int, int>{2, 4}));
    EXPECT_EQ(result.positions[1][0], (std::pair<int, int>{3, 1}));
}

TEST(CsvReader, SkipsAByteOrderMark) {
    const Read result = read("\xEF\xBB\xBFid,kind\n");
    EXPECT_EQ(result.rows, (Rows{{"id", "kind"}}));
    EXPECT_EQ(result.positions[0][0], (std::pair<int, int>{1, 1}));
}

TEST(CsvReader, TrailingCommaMakesAnEmptyLastField) {
    EXPECT_EQ(read("a,b,\n").rows, (Rows{{"a", "b", ""}}));
}

TEST(CsvReader, UnterminatedQuoteStopsWithAnError) {
    const Read result = read("a,b\n\"open,c\nd,e\n");
    ASSERT_EQ(result.errors.size(), 1U);
    EXPECT_EQ(result.errors[0].line, 2);
    EXPECT_EQ(result.errors[0].column, 1);
    EXPECT_EQ(result.errors[0].message, "unterminated quoted field");
    EXPECT_EQ(result.rows, (Rows{{"a", "b"}}));
}

TEST(CsvReader, TextAfterAClosingQuoteIsAnErrorAndReadingGoesOn) {
    const Read result = read("\"a\"x,b\nc,d\n");
    ASSERT_EQ(result.errors.size(), 1U);
    EXPECT_EQ(result.errors[0].column, 4);
    EXPECT_EQ(result.rows, (Rows{{"a", "b"}, {"c", "d"}}));
}

TEST(CsvReader, StopsWhenTheHandlerSaysSo) {
    int calls = 0;
    std::vector<CsvError> errors;
    read_csv(
        "a\nb\nc\n", [&](const std::vector<CsvCell>&, std::size_t) { return ++calls < 2; }, errors);
    EXPECT_EQ(calls, 2);
}

// A line of millions of commas must not cost a stored field each (issue 14, item 8): the
// fields past the limit are counted while reading, and the count is handed over.
TEST(CsvReader, FieldsPastTheLimitAreCountedNotKept) {
    std::vector<CsvError> errors;
    std::vector<std::size_t> kept;
    std::vector<std::size_t> counted;
    read_csv(
        "a,b,c\n" + std::string(1'000'000, ',') + "\nx\n",
        [&](const std::vector<CsvCell>& cells, std::size_t field_count) {
            kept.push_back(cells.size());
            counted.push_back(field_count);
            return true;
        },
        errors, /*max_fields=*/4);
    EXPECT_EQ(kept, (std::vector<std::size_t>{3, 4, 1}));
    EXPECT_EQ(counted, (std::vector<std::size_t>{3, 1'000'001, 1}));
}

TEST(CsvReader, ErrorsPastTheLimitAreCountedNotKept) {
    std::string line;
    for (int i = 0; i < 3000; ++i) {
        line += "\"a\"b,";
    }
    std::vector<CsvError> errors;
    const std::size_t found = read_csv(
        line, [](const std::vector<CsvCell>&, std::size_t) { return true; }, errors);
    EXPECT_EQ(found, 3000U);
    EXPECT_EQ(errors.size(), kCsvMaxErrors);
}

TEST(CsvReader, BinaryGarbageNeverHangs) {
    std::string garbage;
    unsigned state = 12345;
    for (int i = 0; i < 200000; ++i) {
        state = state * 1103515245 + 12345;
        garbage += static_cast<char>((state >> 16) & 0xff);
    }
    const Read result = read(garbage);
    EXPECT_LE(result.rows.size(), garbage.size());
}

}  // namespace
}  // namespace flowsim::io
