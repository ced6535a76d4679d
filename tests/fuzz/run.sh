#!/usr/bin/env bash
# Runs the libFuzzer targets, each for a given time, starting from its seed corpus in
# tests/fuzz/corpus/TARGET; fails when a target crashes, leaks, hangs or a sanitizer reports.
#
#   tests/fuzz/run.sh TARGET|all SECONDS
#
# TARGET is textdecoder, plaintext, html, json, csv, annotate or annotations. The targets come from a build
# configured with -DENTENTE_FUZZ=ON (clang); BUILD_DIR names it (default: build-asan).
# The corpus grown while fuzzing and any input that made a target fail go to
# BUILD_DIR/fuzz-out/TARGET (the checked-in seeds are not changed): an input that failed is
# printed with the command that replays it. Add it to tests/fuzz/corpus/TARGET (the ctest
# fuzz_TARGET_corpus reads each seed once) and to the QtTest of its reader once it is fixed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build_dir=${BUILD_DIR:-$root/build-asan}
targets_all=(textdecoder plaintext html json csv annotate annotations)

if [ $# -ne 2 ] || ! [[ $2 =~ ^[0-9]+$ ]]; then
    echo "usage: tests/fuzz/run.sh TARGET|all SECONDS   (TARGET: ${targets_all[*]})" >&2
    exit 2
fi
if [ "$1" = all ]; then targets=("${targets_all[@]}"); else targets=("$1"); fi
seconds=$2

# Inputs bigger than this slow each run down without reaching new code; the annotator is the
# slowest per byte.
max_len_for() {
    case "$1" in
        annotate) echo 4096 ;;
        *) echo 16384 ;;
    esac
}

# Qt and fontconfig keep a few allocations until exit that LeakSanitizer reports as leaks; the
# file lists them, and nothing of Entente's own.
export LSAN_OPTIONS="suppressions=$root/tests/sanitizer/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LC_ALL=C.UTF-8

failed=()
for t in "${targets[@]}"; do
    bin=$build_dir/tests/fuzz/fuzz_$t
    seeds=$here/corpus/$t
    if [ ! -x "$bin" ] || [ ! -d "$seeds" ]; then
        echo "fuzz: no target '$t' (build it: cmake --build $build_dir --target fuzz)" >&2
        failed+=("$t")
        continue
    fi
    out=$build_dir/fuzz-out/$t
    mkdir -p "$out/corpus"
    log=$out/fuzz.log
    echo "fuzz: $t for ${seconds}s"
    # -timeout: one input that takes 10 s is a hang; -rss_limit_mb: and 2 GB a runaway.
    if "$bin" -max_total_time="$seconds" -max_len="$(max_len_for "$t")" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$out/" "$out/corpus" "$seeds" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
        echo "fuzz: $t passed: ${runs:-?} runs, ${cov:-no coverage figure}"
    else
        echo "fuzz: $t FAILED; the end of $log:" >&2
        tail -n 60 "$log" >&2
        for a in "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-* "$out"/slow-unit-*; do
            [ -e "$a" ] && echo "fuzz: replay with: $bin $a" >&2
        done
        failed+=("$t")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]}" >&2
    exit 1
fi
