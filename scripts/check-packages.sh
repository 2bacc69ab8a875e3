#!/usr/bin/env bash
# Checks what npm users would install: each built package's manifest and exports (publint
# --strict) and its types under every TypeScript resolution (attw's default profile: node10,
# node16 from CJS and from ESM, bundler). node10 ignores `exports`: a subpath such as
# @acme/passkey-core/testing resolves there through a stub folder with its own package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
for dir in packages/*/; do
  echo "== ${dir}"
  (cd "$dir" && pnpm exec publint --strict && pnpm exec attw --pack . --format table-flipped)
done
