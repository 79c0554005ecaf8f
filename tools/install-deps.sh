#!/usr/bin/env bash
# Installs the Debian packages that building and testing libcompetency needs.
# Idempotent: installs only what is missing, and prints nothing when all is
# there. Runs apt-get as root, or through sudo.
#
#   tools/install-deps.sh            the build, test and binding dependencies
#   tools/install-deps.sh --clang    the same, plus clang and its runtimes
#                                    (libFuzzer, ASan, UBSan) for make fuzz
set -eu

packages=(
    # toolchain (build-essential is usually there; a minbase system lacks it)
    gcc
    libc6-dev
    make
    cmake
    pkg-config
    # library and tests
    libyaml-dev
    libcmocka-dev
    # make test-valgrind: the C tests under memcheck
    valgrind
    # test scripts: python3 is not part of build-essential
    python3
    python3-jsonschema
    python3-yaml
    # the benchmarks' numpy baseline, whose correctness checks make test runs
    python3-numpy
    # JSON output, CASE identifiers (UUIDv5), language bindings
    libjansson-dev
    uuid-dev
    swig
    python3-dev
    liblua5.4-dev
    lua5.4
    # the HTML report test renders pages in headless Chromium; DejaVu gives
    # its screenshots a font with the report's symbols
    chromium
    fonts-dejavu-core
)

for arg in "$@"; do
    case "$arg" in
    # -fsanitize=fuzzer and the sanitizer runtimes are in libclang-rt-dev,
    # which clang only recommends
    --clang) packages+=(clang libclang-rt-dev) ;;
    -h | --help)
        sed -n '2,8s/^# \{0,1\}//p' "$0"
        exit 0
        ;;
    *)
        echo "install-deps.sh: unknown option: $arg" >&2
        exit 2
        ;;
    esac
done

missing=()
for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
        grep -q 'install ok installed'; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    if ! command -v cc >/dev/null 2>&1; then
        echo "install-deps.sh: gcc is installed but there is no cc on PATH" >&2
        exit 1
    fi
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps.sh: apt-get not found; install these packages by hand: ${missing[*]}" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "install-deps.sh: need root or sudo to install: ${missing[*]}" >&2
    exit 1
fi

echo "install-deps.sh: installing ${missing[*]}"
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"

if ! command -v cc >/dev/null 2>&1; then
    echo "install-deps.sh: still no cc on PATH after installing gcc" >&2
    exit 1
fi
