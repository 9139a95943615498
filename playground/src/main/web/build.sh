#!/usr/bin/env bash
# Builds the playground's assets for Maven: installs the npm packages the lock file names
# when node_modules is missing or older than it, then bundles with esbuild (build.mjs).
# Usage: build.sh OUT_DIR EXAMPLES_DIR
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "ion-playground: 'node' and 'npm' are needed to build the playground; install Node.js 18 or newer (e.g. apt-get install nodejs npm) and build again" >&2
    exit 1
fi
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
exec node build.mjs "$@"
