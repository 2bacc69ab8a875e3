#!/usr/bin/env bash
# Checks what npm users would install: each built package's manifest and exports (publint
# --strict) and its types under every modern resolution (attw, node16 + bundler; node10
# cannot resolve subpath exports such as @acme/passkey-core/testing).
set -euo pipefail
cd "$(dirname "$0")/.."
for dir in packages/*/; do
  echo "== ${dir}"
  (cd "$dir" && pnpm exec publint --strict && pnpm exec attw --pack . --profile node16 --format table-flipped)
done
