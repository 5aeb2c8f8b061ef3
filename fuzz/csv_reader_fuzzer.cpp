// libFuzzer target: any bytes as a CSV table. Cells must lie inside the input and
// positions must be 1-based.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <flowsim/io/csv_reader.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<flowsim::io::CsvError> errors;
    std::size_t bytes = 0;
    flowsim::io::read_csv(
        text,
        [&](const std::vector<flowsim::io::CsvCell>& cells, std::size_t /*field_count*/) {
            for (const auto& cell : cells) {
                if (cell.line < 1 || cell.column < 1) {
                    std::abort();
                }
                bytes += cell.text.size();
            }
            return true;
        },
        errors);
    if (bytes > size) {
        std::abort();
    }
    return 0;
}
