# Convenience wrapper around CMake. The real build is CMakeLists.txt.
#
#   make            same as make build
#   make build      configure and build in build/ (warnings are errors)
#   make demo       a gap report of one sample person, and the team's HTML report
#   make test       build, then run every test with ctest
#   make test-asan  build in build-asan/ with ASan+UBSan and run the tests
#   make test-tsan  build in build-tsan/ with ThreadSanitizer and run the
#                   tests labelled threads
#   make test-valgrind  build in build/ and run the C tests (label c) under
#                   valgrind's memcheck: any error or definite leak fails
#   make fuzz       build the libFuzzer targets with clang (ASan+UBSan) in
#                   build-fuzz/ and run each for FUZZ_SECONDS (default 60);
#                   fails on a crash, leaving it in build-fuzz/crashes/<name>/
#   make bench      build optimised in build-bench/ and run the benchmarks
#                   (bench/run.py): one table of figures, ratios and
#                   targets; BENCH_ARGS=--quick for a short run
#   make install    install build/ to $(PREFIX) (default /usr/local), DESTDIR honoured
#   make clean      remove the build directories
#   make deps       install the Debian packages the build and tests need

PREFIX ?= /usr/local
DESTDIR ?=
CMAKE ?= cmake
CTEST ?= ctest
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

BUILD_DIR := build
ASAN_DIR := build-asan
TSAN_DIR := build-tsan
FUZZ_DIR := build-fuzz
BENCH_DIR := build-bench
BENCH_ARGS ?=
FUZZ_SECONDS ?= 60
VALGRIND ?= valgrind
VALGRIND_OPTIONS ?= --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
FRAMEWORK := frameworks/sols-community-relations.yaml
DEMO_PROFILE := examples/profiles/branch-manager.yaml
DEMO_PERSON := examples/assessments/wren-folio-manager.yaml
DEMO_TEAM := examples/assessments/*-manager.yaml
DEMO_DIR := $(BUILD_DIR)/demo

.PHONY: all build deps demo test test-asan test-tsan test-valgrind fuzz bench install clean

all: build

deps:
	tools/install-deps.sh

build: deps
	$(CMAKE) -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCF_WERROR=ON
	$(CMAKE) --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(BUILD_DIR)/competency validate --verbose $(FRAMEWORK)
	$(BUILD_DIR)/competency gap $(FRAMEWORK) $(DEMO_PROFILE) $(DEMO_PERSON)
	@mkdir -p $(DEMO_DIR)
	$(BUILD_DIR)/competency team --format html -o $(DEMO_DIR)/team.html \
	    $(FRAMEWORK) $(DEMO_PROFILE) $(DEMO_TEAM)
	@echo
	@echo "The team report (heat map, bench strength, ranking) is in $(DEMO_DIR)/team.html:"
	@echo "open it in a web browser; it needs no network."

test: build
	$(CTEST) --test-dir $(BUILD_DIR) --output-on-failure

# Release: -O3, no assertions. The tests are not built there; make test
# runs the benchmarks' correctness checks on small sizes. run.py runs with
# the Python the binding was built for (CMake's Python3_EXECUTABLE).
bench: deps
	$(CMAKE) -S . -B $(BENCH_DIR) -DCMAKE_BUILD_TYPE=Release -DCF_WERROR=ON \
	    -DCF_BUILD_TESTS=OFF -DCF_BUILD_EXAMPLES=OFF
	$(CMAKE) --build $(BENCH_DIR) -j $(JOBS)
	"$$(sed -n 's/^Python3_EXECUTABLE:[A-Z]*=//p' $(BENCH_DIR)/CMakeCache.txt)" \
	    bench/run.py --build $(BENCH_DIR) $(BENCH_ARGS)

test-asan: deps
	$(CMAKE) -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DCF_WERROR=ON -DCF_SANITIZE=ON
	$(CMAKE) --build $(ASAN_DIR) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(CTEST) --test-dir $(ASAN_DIR) --output-on-failure -LE install

test-tsan: deps
	$(CMAKE) -S . -B $(TSAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DCF_WERROR=ON -DCF_TSAN=ON
	$(CMAKE) --build $(TSAN_DIR) -j $(JOBS)
	TSAN_OPTIONS=halt_on_error=1 \
	$(CTEST) --test-dir $(TSAN_DIR) --output-on-failure -L threads

# ctest's memcheck mode runs each test as valgrind OPTIONS -- COMMAND, with
# the test's arguments, directory and environment; the test fails when
# valgrind exits with 1. (It warns that there is no DartConfiguration.tcl:
# that file only matters for sending results to a dashboard.)
test-valgrind: build
	$(CTEST) --test-dir $(BUILD_DIR) -T memcheck -L '^c$$' -j $(JOBS) \
	    --output-on-failure \
	    --overwrite MemoryCheckCommand="$$(command -v $(VALGRIND))" \
	    --overwrite MemoryCheckCommandOptions="$(VALGRIND_OPTIONS)"

fuzz: deps
	tools/install-deps.sh --clang
	CC=clang $(CMAKE) -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DCF_WERROR=ON -DCF_SANITIZE=ON -DCF_FUZZ=ON -DCF_BUILD_TESTS=OFF \
	    -DCF_BUILD_CLI=OFF -DCF_BUILD_EXAMPLES=OFF -DCF_BUILD_PYTHON=OFF \
	    -DCF_BUILD_LUA=OFF
	$(CMAKE) --build $(FUZZ_DIR) -j $(JOBS)
	fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

install: build
	$(CMAKE) -S . -B $(BUILD_DIR) -DCMAKE_INSTALL_PREFIX=$(PREFIX)
	$(CMAKE) --build $(BUILD_DIR) -j $(JOBS)
	DESTDIR="$(DESTDIR)" $(CMAKE) --install $(BUILD_DIR) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR) $(FUZZ_DIR) $(BENCH_DIR)
