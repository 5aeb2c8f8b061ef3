#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages that building and testing flowsim need, and only
# those that are missing. Runs apt-get directly as root, through sudo otherwise; when
# neither is possible it prints the exact command to run and fails.
set -euo pipefail

packages=(
    cmake make g++ pkg-config
    libboost-graph-dev libyaml-cpp-dev libspdlog-dev libcli11-dev
    libgtest-dev libgmock-dev
    graphviz
    python3-networkx python3-igraph python3-jsonschema
    chromium
)

# `install-deps.sh bench` adds Google Benchmark (`make bench`).
if [ "${1:-}" = bench ]; then
    packages+=(libbenchmark-dev)
fi

# `install-deps.sh fuzz` adds what the libFuzzer build needs: clang, and the parsers the
# writers' round-trip target reads its output back with (Graphviz's libcgraph,
# nlohmann::json, libxml2).
if [ "${1:-}" = fuzz ]; then
    packages+=(clang libclang-rt-14-dev libgraphviz-dev nlohmann-json3-dev libxml2-dev)
fi

# Node.js and npm drive Chromium in the browser tests (tests/browser/): Debian's packages,
# unless a node is already on PATH (any release from 18 on will do).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

# The browser tests' own packages, pinned in tests/browser/package-lock.json, installed with
# `npm ci` into build/node/ (the folder the tests load them from), again only when the lock
# file changed. Without the registry the browser tests fail and say to run this script.
install_node_packages() {
    local source="tests/browser" target="build/node"
    cd "$(dirname "$0")/.."
    if [ -f "$target/node_modules/playwright-core/package.json" ] &&
        cmp -s "$source/package-lock.json" "$target/package-lock.json"; then
        return 0
    fi
    echo "flowsim: installing the browser tests' packages (npm ci) into $target" >&2
    mkdir -p "$target"
    cp "$source/package.json" "$source/package-lock.json" "$target/"
    if ! (cd "$target" && npm ci --no-audit --no-fund --loglevel=error >&2); then
        echo "flowsim: warning: npm ci failed; the browser tests will fail until it succeeds" >&2
    fi
}

if [ ${#missing[@]} -eq 0 ]; then
    install_node_packages
    exit 0
fi

command="apt-get install -y --no-install-recommends ${missing[*]}"
echo "flowsim: installing missing packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
    run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run=(sudo)
else
    echo "flowsim: cannot install packages (not root, and sudo is not available without a password)." >&2
    echo "flowsim: run this, then try again:" >&2
    echo "    sudo apt-get update && sudo $command" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
# shellcheck disable=SC2086
"${run[@]}" $command
install_node_packages
