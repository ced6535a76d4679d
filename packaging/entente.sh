#!/usr/bin/env bash
# Entente set-up: installs what is missing (Debian 12 packages), configures, builds, then
# runs the desktop app or the test suite. Running it again reuses the existing build.
#
#   packaging/entente.sh run [ARGS...]   build and start the desktop app (sample corpus)
#   packaging/entente.sh test            build and run the whole test suite (ctest, offscreen)
#   packaging/entente.sh build           build only
#   packaging/entente.sh deps            install the packages only
#
# Environment: BUILD_DIR (default: build), BUILD_TYPE (default: RelWithDebInfo),
# JOBS (default: number of cores).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$here/build}
build_type=${BUILD_TYPE:-RelWithDebInfo}
jobs=${JOBS:-$(nproc)}

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-tools-dev
    libqt6sql6-sqlite libsqlite3-dev libgl-dev libqt6opengl6-dev
    iso-codes xvfb xauth xz-utils
)

need_sudo() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_deps() {
    local missing=()
    for p in "${packages[@]}"; do
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
    *)
        echo "usage: packaging/entente.sh run|test|build|deps" >&2
        exit 2
        ;;
esac
