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

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

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
