// libFuzzer target: any bytes as a scenario file. The loader must never crash, hang or
// hand out a scenario together with errors.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <flowsim/io/scenario_loader.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // A display name in a folder that does not exist, so includes resolve to nothing.
    const flowsim::io::LoadResult result =
        flowsim::io::load_scenario(text, "/nonexistent-flowsim-fuzz/input.yaml");
    if (result.ok() == flowsim::has_errors(result.diagnostics)) {
        std::abort();  // accepted with errors, or rejected without saying why
    }
    if (!result.ok()) {
        (void)flowsim::io::format_diagnostics(result);
    }
    return 0;
}
