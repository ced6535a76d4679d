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
#   packaging/entente.sh package         build, then the Debian package build/entente_VERSION_amd64.deb
#   packaging/entente.sh package-check   lint and validate the package, install it, use the installed copy,
#                                        remove it and check that nothing of it is left (needs root or sudo)
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
    libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev libgl-dev libqt6opengl6-dev
    iso-codes xvfb xauth xz-utils qt6-l10n-tools libpq-dev
)
# For `test` and `sanitize`: a PostgreSQL server, which the tests of the server store start as a throwaway cluster
# of their own (tests/postgres/cluster.sh).
test_packages=(postgresql)
# For `sanitize`: clang with its sanitizer and libFuzzer runtimes, llvm-symbolizer for the reports.
sanitize_packages=(clang libclang-rt-14-dev llvm)
# For `package`: dpkg-shlibdeps and file (CPack's DEB generator finds the executables with it).
package_packages=(dpkg-dev file)
# For `package-check`: the linters and validators, and what an installed desktop app is checked with (man -w,
# xdg-mime with the shared-mime-info database it reads through mimetype).
check_packages=(lintian desktop-file-utils appstream xdg-utils libfile-mimeinfo-perl man-db shared-mime-info)

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
    install_deps "${sanitize_packages[@]}" "${test_packages[@]}"
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

# The package, from the build folder the tests use: only the install step and CPack are added.
package() {
    build
    install_deps "${package_packages[@]}"
    # A build folder configured before the package existed may have another prefix; the package installs to /usr.
    if ! grep -qx 'CMAKE_INSTALL_PREFIX:PATH=/usr' "$build_dir/CMakeCache.txt"; then
        cmake -DCMAKE_INSTALL_PREFIX=/usr "$build_dir" >/dev/null
        cmake --build "$build_dir" --parallel "$jobs"
    fi
    rm -f "$build_dir"/entente_*.deb
    (cd "$build_dir" && cpack -G DEB)
    ls "$build_dir"/entente_*_amd64.deb
}

# Fails the check with a message.
check_failed() {
    echo "entente: package check failed: $*" >&2
    exit 1
}

# The package's checks, as a user would meet it: lintian on the .deb; then installed with apt-get, the desktop
# entry and the AppStream metadata validated where they were installed, and the installed copy used (version,
# annotate, ingest, the window opening a store offscreen, the man page, the MIME type); then removed, and /usr
# compared with what it held before.
package_check() {
    install_deps "${check_packages[@]}"
    local deb
    deb=$(ls "$build_dir"/entente_*_amd64.deb 2>/dev/null | head -n 1)
    [ -n "$deb" ] || check_failed "no package in $build_dir: run 'packaging/entente.sh package' first"
    local version
    version=$(dpkg-deb -f "$deb" Version)
    echo "entente: checking $deb"

    echo "== lintian"
    lintian --fail-on error --info "$deb" || check_failed "lintian reports errors"

    if dpkg-query -W -f='${Status}' entente 2>/dev/null | grep -q "ok installed"; then
        need_sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq entente >/dev/null
    fi
    # The caches that the package's triggers rewrite exist before, so that /usr can be compared afterwards.
    need_sudo update-desktop-database -q /usr/share/applications
    local tmp
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    find /usr -xdev | sort >"$tmp/before"

    echo "== apt-get install $deb"
    need_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$(realpath "$deb")" >"$tmp/apt.log" 2>&1 \
        || { cat "$tmp/apt.log"; check_failed "apt-get install"; }
    dpkg -L entente | sort >"$tmp/files"

    echo "== desktop-file-validate"
    # Its hints (Office, Science and Education are each a main category, as issue 14 asks) are not problems.
    desktop-file-validate /usr/share/applications/org.entente.Entente.desktop >"$tmp/desktop.log" 2>&1 || true
    cat "$tmp/desktop.log"
    ! grep -v ': hint: ' "$tmp/desktop.log" || check_failed "desktop-file-validate"
    echo "== appstreamcli validate --no-net"
    appstreamcli validate --no-net /usr/share/metainfo/org.entente.Entente.metainfo.xml \
        || check_failed "appstreamcli validate"

    echo "== the installed copy"
    [ "$(command -v entente)" = /usr/bin/entente ] || check_failed "entente is not /usr/bin/entente"
    [ "$(cd "$tmp" && entente --version)" = "entente $version" ] || check_failed "entente --version"
    echo "entente --version: $(entente --version)"
    local sample
    sample=$(ls /usr/share/entente/samples/*.txt | head -n 1)
    entente annotate --date 2023-05-11 "$sample" >"$tmp/annotate.jsonl" || check_failed "entente annotate"
    grep -q '"countries"' "$tmp/annotate.jsonl" || check_failed "entente annotate printed no countries"
    echo "entente annotate $sample: $(wc -c <"$tmp/annotate.jsonl") bytes of JSON"
    entente ingest --store "$tmp/samples.entente" /usr/share/entente/samples | tee "$tmp/ingest.log" \
        || check_failed "entente ingest"
    local articles
    articles=$(ls /usr/share/entente/samples/*.txt | wc -l)
    grep -q "imported    $articles articles" "$tmp/ingest.log" || check_failed "entente ingest imported too few"
    XDG_CONFIG_HOME="$tmp/config" QT_QPA_PLATFORM=offscreen timeout 120 \
        entente --quit-after-start "$tmp/samples.entente" | tee "$tmp/start.log" || check_failed "the window"
    grep -q ": $articles articles" "$tmp/start.log" || check_failed "the window did not list the articles"
    echo "man -w entente: $(man -w entente)"
    [ "$(man -w entente)" = /usr/share/man/man1/entente.1.gz ] || check_failed "man -w entente"
    man -P cat entente 2>/dev/null | grep -q "entente ingest" || check_failed "man entente has no ingest"
    cp "$tmp/samples.entente" "$tmp/renamed.db"
    for store in "$tmp/samples.entente" "$tmp/renamed.db"; do
        local type
        type=$(xdg-mime query filetype "$store")
        echo "xdg-mime query filetype $(basename "$store"): $type"
        [ "$type" = application/vnd.entente.store ] || check_failed "xdg-mime query filetype $store"
    done
    [ "$(xdg-mime query default application/vnd.entente.store)" = org.entente.Entente.desktop ] \
        || check_failed "the desktop entry is not the default for a store"
    mkdir "$tmp/empty"
    (cd "$tmp/empty" && bash -c 'source /usr/share/bash-completion/completions/entente; COMP_WORDS=(entente ing)
        COMP_CWORD=1; _entente; [ "${COMPREPLY[*]}" = ingest ]') || check_failed "bash completion"

    echo "== apt-get remove entente"
    need_sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq --purge entente >"$tmp/apt.log" 2>&1 \
        || { cat "$tmp/apt.log"; check_failed "apt-get remove"; }
    find /usr -xdev | sort >"$tmp/after"
    if ! diff "$tmp/before" "$tmp/after"; then
        check_failed "/usr is not as it was before the package was installed (above: < gone, > left)"
    fi
    while read -r f; do
        [ -d "$f" ] || [ ! -e "$f" ] || check_failed "$f is left"
    done <"$tmp/files"
    echo "entente: package check passed ($(wc -l <"$tmp/files") paths installed, none left)"
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
        install_deps "${test_packages[@]}"
        build
        cd "$build_dir"
        QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 600 -j "$jobs" "$@"
        ;;
    sanitize) sanitize ;;
    package) package ;;
    package-check) package_check ;;
    *)
        echo "usage: packaging/entente.sh run|test|build|deps|sanitize|package|package-check" >&2
        exit 2
        ;;
esac
