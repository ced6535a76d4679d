#!/usr/bin/env bash
# Entente set-up: installs what is missing (Debian 12 packages), configures, builds, then
# runs the desktop app or the test suite. Running it again reuses the existing build.
#
#   packaging/entente.sh run [ARGS...]   build and start the desktop app (sample corpus)
#   packaging/entente.sh test            build and run the whole test suite (ctest, offscreen)
#   packaging/entente.sh build           build only
#   packaging/entente.sh deps            install the packages only
#   packaging/entente.sh sanitize        with clang, AddressSanitizer and UndefinedBehaviorSanitizer:
#                                        build, run the whole test suite, then fuzz each target
#
# Environment: BUILD_DIR (default: build), BUILD_TYPE (default: RelWithDebInfo),
# JOBS (default: number of cores); for sanitize, ASAN_BUILD_DIR (default: build-asan) and
# FUZZ_SECONDS (default: 60, per fuzz target; 0 skips fuzzing).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$here/build}
build_type=${BUILD_TYPE:-RelWithDebInfo}
jobs=${JOBS:-$(nproc)}

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-tools-dev
    libqt6sql6-sqlite libsqlite3-dev libgl-dev libqt6opengl6-dev
    iso-codes xvfb xauth xz-utils qt6-l10n-tools
)
# For `sanitize`: clang with its sanitizer and libFuzzer runtimes, llvm-symbolizer for the reports.
sanitize_packages=(clang libclang-rt-14-dev llvm)

need_sudo() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_deps() {
    local missing=()
    for p in "${packages[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "entente: installing ${missing[*]}"
        need_sudo apt-get update -qq
        need_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

build() {
    install_deps
    if [ ! -f "$build_dir/build.ninja" ]; then
        cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type"
    fi
    cmake --build "$build_dir" --parallel "$jobs"
}

# The sanitizer stage (CI runs it after `test`): its own build folder, clang, -O1 with line
# tables for readable reports, the fuzz targets built too, the benchmarks left out (they are not
# run by ctest). Every report fails the test or the fuzz run that caused it: UBSan aborts at the
# first report, and the sanitizers exit with 86 so that a report in a child process (the CLI
# tests run the entente binary) is not mistaken for one of its own exit statuses.
sanitize() {
    install_deps "${sanitize_packages[@]}"
    local dir=${ASAN_BUILD_DIR:-$here/build-asan}
    if [ ! -f "$dir/build.ninja" ]; then
        CC=clang CXX=clang++ cmake -S "$here" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
            -DENTENTE_FUZZ=ON -DENTENTE_BUILD_BENCHMARKS=OFF
    fi
    local t0=$SECONDS
    cmake --build "$dir" --parallel "$jobs"
    echo "entente: sanitizer build: $((SECONDS - t0)) s"
    export ASAN_OPTIONS="exitcode=86:check_initialization_order=1:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    export UBSAN_OPTIONS="exitcode=86:print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
    export LSAN_OPTIONS="exitcode=86:suppressions=$here/tests/sanitizer/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
    t0=$SECONDS
    # The tests' timeouts are four times longer in this build (tests/CMakeLists.txt).
    (cd "$dir" && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$jobs")
    echo "entente: tests under the sanitizers: $((SECONDS - t0)) s"
    local seconds=${FUZZ_SECONDS:-60}
    if [ "$seconds" -gt 0 ]; then
        t0=$SECONDS
        BUILD_DIR=$dir "$here/tests/fuzz/run.sh" all "$seconds"
        echo "entente: fuzzing: $((SECONDS - t0)) s"
    fi
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
    deps) install_deps ;;
    build) build ;;
    run)
        build
        if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
            echo "entente: no display; starting under Xvfb" >&2
            exec xvfb-run -a -s '-screen 0 1600x1000x24' "$build_dir/app/entente" "$@"
        fi
        exec "$build_dir/app/entente" "$@"
        ;;
    test)
        build
        cd "$build_dir"
        QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 600 -j "$jobs" "$@"
        ;;
    sanitize) sanitize ;;
    *)
        echo "usage: packaging/entente.sh run|test|build|deps|sanitize" >&2
        exit 2
        ;;
esac
