# Convenience wrapper around CMake. The real build is CMakeLists.txt.
#
#   make            same as make build
#   make build      configure and build in build/ (warnings are errors)
#   make demo       a gap report of one sample person, and the team's HTML report
#   make test       build, then run every test with ctest
#   make test-asan  build in build-asan/ with ASan+UBSan and run the tests
#   make test-tsan  build in build-tsan/ with ThreadSanitizer and run the
#                   tests labelled threads
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
FRAMEWORK := frameworks/sols-community-relations.yaml
DEMO_PROFILE := examples/profiles/branch-manager.yaml
DEMO_PERSON := examples/assessments/wren-folio-manager.yaml
DEMO_TEAM := examples/assessments/*-manager.yaml
DEMO_DIR := $(BUILD_DIR)/demo

.PHONY: all build deps demo test test-asan test-tsan install clean

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

install: build
	$(CMAKE) -S . -B $(BUILD_DIR) -DCMAKE_INSTALL_PREFIX=$(PREFIX)
	$(CMAKE) --build $(BUILD_DIR) -j $(JOBS)
	DESTDIR="$(DESTDIR)" $(CMAKE) --install $(BUILD_DIR) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR)
