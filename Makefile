# The two set-up commands (see README.md): `make demo` and `make test`.
# Both install missing Debian packages first (scripts/install-deps.sh), then configure
# and build with CMake presets. `make` alone builds build/bin/flowsim.

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# CI gets warnings as errors; a developer's build does not stop on a new warning.
PRESET ?= $(if $(filter true,$(CI)),ci,dev)
SCENARIO ?= scenarios/flock-ring-ice.yaml

.PHONY: all deps configure build test demo asan clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET) -j $(JOBS)

# Every test twice: the normal build, then under AddressSanitizer and
# UndefinedBehaviorSanitizer (a separate build directory, build-asan/).
test: build
	@ctest --preset $(PRESET) -j $(JOBS)
	@$(MAKE) --no-print-directory asan

# Unit and CLI tests under AddressSanitizer and UndefinedBehaviorSanitizer, in build-asan/.
asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan -j $(JOBS)

demo: build
	@build/bin/flowsim check $(SCENARIO) --verbose

clean:
	rm -rf build build-asan
