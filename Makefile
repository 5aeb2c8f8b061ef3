# The two set-up commands (see README.md): `make demo` and `make test`.
# Both install missing Debian packages first (scripts/install-deps.sh), then configure
# and build with CMake presets. `make` alone builds build/bin/flowsim.

MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# CI gets warnings as errors; a developer's build does not stop on a new warning.
PRESET ?= $(if $(filter true,$(CI)),ci,dev)
SCENARIO ?= scenarios/flock-ring-ice.yaml

.PHONY: all deps configure build build-cli check test demo asan fuzz bench examples clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET) -j $(JOBS)

# Only the command, not the test suite (for `make demo`).
build-cli: configure
	@cmake --build --preset $(PRESET) -j $(JOBS) --target flowsim_cli

# The quick tier for day-to-day work: every test but the slow and the browser ones
# (ctest labels; docs/hacking.md), normal build only. `make test` stays complete.
check: build
	@ctest --preset $(PRESET) -j $(JOBS) -LE 'slow|browser'

# Every test in the normal build, then the unit, golden and CLI tests again under
# AddressSanitizer and UndefinedBehaviorSanitizer (a separate build directory,
# build-asan/). The slow and browser tiers run once, in the normal build: under the
# sanitizers they took most of the test time (docs/hacking.md, "Test labels") and
# exercise the same C++ code as the other tiers, on larger inputs.
test: build
	@ctest --preset $(PRESET) -j $(JOBS)
	@echo
	@echo "flowsim: every test passed in the normal build. Next: the unit, golden and CLI tests"
	@echo "flowsim: built and run again under AddressSanitizer and UBSan in build-asan/ (a full"
	@echo "flowsim: second build, then about 11 minutes of tests on 2 cores)."
	@echo
	@$(MAKE) --no-print-directory asan

# Unit, golden and CLI tests under AddressSanitizer and UndefinedBehaviorSanitizer, in
# build-asan/ (not the slow and browser tiers: see `test`).
asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan -j $(JOBS) -LE 'slow|browser'

# Each libFuzzer target for FUZZ_SECONDS, seeded from scenarios/ and the golden cases.
FUZZ_SECONDS ?= 60
fuzz: deps
	@scripts/install-deps.sh fuzz
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@scripts/run-fuzzers.sh build-fuzz $(FUZZ_SECONDS)

# Benchmarks (not part of `make test`): the networks of bench/generate.py in build/bench/,
# Google Benchmark and the CSR kernel built in build-bench/, then the side-by-side table
# with networkx and igraph (bench/compare.py). Takes a while; docs/performance.md.
bench: deps
	@scripts/install-deps.sh bench
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench -j $(JOBS)
	@bench/run.sh build-bench

# Can Ring footage and Flock plate reads reach ICE? The default scenario's answer,
# with routes and sources (exit status 1 from a "no" is part of the answer, not a failure),
# then its diagram, its report (HTML, and Markdown with the diagram beside it) and the
# explorable page.
demo: build-cli
	@build/bin/flowsim check $(SCENARIO)
	@echo; echo "== Can Ring doorbell footage reach ICE? =="; echo
	@build/bin/flowsim query $(SCENARIO) --from ring_doorbells || [ $$? -eq 1 ]
	@echo; echo "== Can Flock plate reads reach ICE? Every route of up to 4 hops =="; echo
	@build/bin/flowsim paths $(SCENARIO) --from city_flock_cameras --max-hops 4 || [ $$? -eq 1 ]
	@echo; echo "== Illinois plate reads, with the state law enforced =="; echo
	@build/bin/flowsim query $(SCENARIO) --from il_flock_cameras || [ $$? -eq 1 ]
	@echo; echo "== The diagram: every route to ICE in red =="; echo
	@mkdir -p build/demo
	@build/bin/flowsim export $(SCENARIO) --routes --format svg \
		-o build/demo/$(basename $(notdir $(SCENARIO))).svg
	@echo "Wrote build/demo/$(basename $(notdir $(SCENARIO))).svg"
	@echo; echo "== The report: answer, diagram, routes, configuration, sources =="; echo
	@build/bin/flowsim report $(SCENARIO) --format html \
		-o build/demo/$(basename $(notdir $(SCENARIO))).html
	@echo "Wrote build/demo/$(basename $(notdir $(SCENARIO))).html (one self-contained page)"
	@# The Markdown report writes the same diagram beside it, as the .svg above.
	@build/bin/flowsim report $(SCENARIO) --format md \
		-o build/demo/$(basename $(notdir $(SCENARIO))).md
	@echo "Wrote build/demo/$(basename $(notdir $(SCENARIO))).md (showing $(basename $(notdir $(SCENARIO))).svg)"
	@echo; echo "== The explorable page: flip the levers and the date, watch the routes =="; echo
	@build/bin/flowsim report $(SCENARIO) --interactive \
		-o build/demo/$(basename $(notdir $(SCENARIO))).explore.html
	@echo "Wrote build/demo/$(basename $(notdir $(SCENARIO))).explore.html (one self-contained page)"

# The worked examples in docs/examples/: every output shown and every diagram, rebuilt
# from docs/examples/src/ with the flowsim just built (the test docs.examples_up_to_date
# fails when the committed pages no longer match), and the guide's picture of the
# explorable page, docs/explorer.png (not compared: pixels depend on fonts).
examples: build
	@python3 scripts/make-examples.py --flowsim build/bin/flowsim
	@node scripts/make-explorer-screenshot.js --flowsim build/bin/flowsim --out docs/explorer.png

clean:
	rm -rf build build-asan build-fuzz build-bench
