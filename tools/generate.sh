#!/usr/bin/env bash
# Generate every API client into OUT_ROOT (default: generated). One line per API:
#   <openapi-python-client config>  <spec>  <package name>
# The venv's bin must be first on PATH: the generator's ruff hooks shape the output, and
# without ruff they are skipped (different code), which --fail-on-warning turns into an error.
set -euo pipefail
out_root=${1:-generated}
clients=(
  "gen/trackyard.yaml openapi.yaml trackyard_client"
  "gen/musicgpt.yaml musicgpt.openapi.yaml musicgpt_client"
)
mkdir -p "$out_root"
for line in "${clients[@]}"; do
  read -r config spec package <<<"$line"
  out="$out_root/$package"
  rm -rf "$out"  # --overwrite would only clear models/ and api/
  openapi-python-client generate --path "$spec" --output-path "$out" --meta none \
    --config "$config" --fail-on-warning >/dev/null
  python tools/gen_operations.py "$spec" "$out/operations.py"
  python tools/gen_options.py "$spec" "$out/options.py"
  python tools/gen_facade.py "$spec" "$out/facade.py"  # only for specs with task operations
  ruff format --isolated --no-cache --quiet "$out"/operations.py "$out"/options.py \
    $(ls "$out"/facade.py 2>/dev/null)
  find "$out" -name __pycache__ -prune -exec rm -rf {} +
  # PEP 561 marker (the generator writes one only with --meta): users' type checkers read
  # the clients' annotations from the wheel. Same text as the generator's own.
  printf '# Marker file for PEP 561' >"$out/py.typed"
done
