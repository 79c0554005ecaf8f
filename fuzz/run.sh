#!/usr/bin/env bash
# Runs every libFuzzer target of a CF_FUZZ build (make fuzz calls it):
#
#   fuzz/run.sh BUILD_DIR SECONDS [NAME...]
#
# For each target fuzz_NAME (all of fuzz/fuzz_*.c when no NAME is given):
# copies its seeds (BUILD_DIR/fuzz/seeds_NAME.txt, written by CMake, which
# includes tests/data/fuzz/NAME/) into BUILD_DIR/corpus/NAME, fuzzes for SECONDS
# seconds, and keeps what it finds: crash, leak, timeout and out-of-memory
# inputs in BUILD_DIR/crashes/NAME/, the log in BUILD_DIR/logs/NAME.log.
# Prints the executions per target. Exits 1 when any target failed.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ $# -lt 2 ]; then
    sed -n '2,10s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
build=$1
seconds=$2
shift 2
if [ $# -gt 0 ]; then
    names=("$@")
else
    names=()
    for source in fuzz/fuzz_*.c; do
        name=${source#fuzz/fuzz_}
        names+=("${name%.c}")
    done
fi

# Leaks count as failures; a report stops the run with its stack.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
summary=()
for name in "${names[@]}"; do
    binary=$build/fuzz/fuzz_$name
    seeds=$build/fuzz/seeds_$name.txt
    corpus=$build/corpus/$name
    crashes=$build/crashes/$name
    log=$build/logs/$name.log
    if [ ! -x "$binary" ] || [ ! -f "$seeds" ]; then
        echo "fuzz/run.sh: no $binary or $seeds: configure $build with -DCF_FUZZ=ON" >&2
        exit 2
    fi
    rm -rf "$crashes"
    mkdir -p "$corpus" "$crashes" "$build/logs"
    # Copy the seeds; the names carry a counter, as two seed folders may
    # hold files of the same name.
    n=0
    while IFS= read -r seed; do
        [ -n "$seed" ] || continue
        if [ -d "$seed" ]; then
            for file in "$seed"/*; do
                [ -f "$file" ] || continue
                n=$((n + 1))
                cp "$file" "$corpus/seed-$n-${file##*/}"
            done
        elif [ -f "$seed" ]; then
            n=$((n + 1))
            cp "$seed" "$corpus/seed-$n-${seed##*/}"
        fi
    done <"$seeds"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="$crashes/")
    case $name in
    case | moodle) ;;
    *) options+=(-dict=fuzz/yaml.dict) ;;
    esac
    echo "fuzz: $name for $seconds s ($n seeds, corpus $corpus)"
    if "$binary" "${options[@]}" "$corpus" >"$log" 2>&1; then
        status=ok
    else
        status=FAILED
        failed+=("$name")
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    summary+=("$(printf '%-16s %-7s %12s executions  %6s corpus files' \
        "$name" "$status" "${execs:-?}" "$(find "$corpus" -type f | wc -l)")")
done

echo
echo "fuzz: $seconds s per target"
printf '  %s\n' "${summary[@]}"
if [ "${#failed[@]}" -eq 0 ]; then
    exit 0
fi
echo
for name in "${failed[@]}"; do
    echo "fuzz: $name FAILED; its log: $build/logs/$name.log (the report and stack are at its end)"
    for file in "$build/crashes/$name"/*; do
        [ -f "$file" ] || continue
        echo "  input: $file"
        echo "  keep it: mkdir -p tests/data/fuzz/$name && cp $file tests/data/fuzz/$name/WHAT-IT-DOES"
    done
done
cat <<MSG

Keep each input as a regression input before fixing the bug, renamed to
say what it does (the "keep it" lines above): every file in
tests/data/fuzz/NAME/ is replayed by make test and make test-asan (ctest test
fuzz_NAME_replay). To replay one input by itself:
  $build/fuzz/fuzz_NAME FILE          (libFuzzer build)
  build/fuzz/fuzz_NAME_replay FILE    (ordinary build)
MSG
exit 1
