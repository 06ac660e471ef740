#!/usr/bin/env bash
# Executes every notebook in docs/notebooks headless, in the tslab TypeScript kernel, with
# `jupyter nbconvert --execute`; fails on any cell error, and on a notebook that calls display()
# but has no table (text/html) or chart (image/svg+xml) among its outputs.
#
# It installs nothing. It needs:
#   - jupyter with nbconvert on PATH (pip install nbconvert; or Debian's jupyter-nbconvert),
#   - tslab: node_modules/.bin/tslab (the devDependency), or a `tslab` on PATH,
#   - a build of c360: dist/ (npm run build).
# The kernel spec it uses is written to a temporary folder (JUPYTER_PATH), so nothing is
# registered with Jupyter for good. The executed notebooks and their logs are kept in
# test-output/notebooks (or $NOTEBOOK_OUTPUT_DIR).
#
# Usage: scripts/run-notebooks.sh [notebook.ipynb ...]   (default: every docs/notebooks/*.ipynb)
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "run-notebooks: $*" >&2
  exit 1
}

command -v jupyter >/dev/null 2>&1 || fail "jupyter is not on PATH: pip install nbconvert (or apt-get install jupyter-nbconvert)"
jupyter nbconvert --version >/dev/null 2>&1 || fail "jupyter nbconvert is not installed: pip install nbconvert"
if [ -x node_modules/.bin/tslab ]; then
  tslab="$(pwd)/node_modules/.bin/tslab"
elif command -v tslab >/dev/null 2>&1; then
  tslab="$(command -v tslab)"
else
  fail "tslab is not installed: npm ci (it is a devDependency) or npm install -g tslab"
fi
[ -f dist/index.js ] || fail "c360 is not built (no dist/index.js): npm run build"

# A kernel spec for this run only.
kernels="$(mktemp -d)"
trap 'rm -rf "$kernels"' EXIT
mkdir -p "$kernels/kernels/tslab"
printf '{"argv": ["%s", "kernel", "--config-path", "{connection_file}"], "display_name": "TypeScript", "language": "typescript"}\n' "$tslab" >"$kernels/kernels/tslab/kernel.json"
export JUPYTER_PATH="$kernels${JUPYTER_PATH:+:$JUPYTER_PATH}"

# The notebooks import from 'c360' as a user's would; this link makes that name this checkout.
mkdir -p docs/notebooks/node_modules
ln -sfn ../../.. docs/notebooks/node_modules/c360

out="${NOTEBOOK_OUTPUT_DIR:-test-output/notebooks}"
mkdir -p "$out"
if [ "$#" -gt 0 ]; then notebooks=("$@"); else notebooks=(docs/notebooks/*.ipynb); fi

passed=0
failed=0
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  start=$(date +%s)
  if jupyter nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=tslab --ExecutePreprocessor.timeout=600 \
    --output-dir "$out" --output "$name" "$nb" >"$out/$name.log" 2>&1 &&
    python3 - "$out/$name.ipynb" >>"$out/$name.log" 2>&1 <<'PY'; then
import json, sys
nb = json.load(open(sys.argv[1]))
kinds = {k for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", []) for k in o.get("data", {})}
errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error" or o.get("name") == "stderr"]
calls_display = any("display(" in "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
missing = [k for k in ("text/html", "image/svg+xml") if k not in kinds] if calls_display else []
if errors:
    sys.exit(f"{sys.argv[1]}: a cell wrote an error: {errors[0]}")
if missing:
    sys.exit(f"{sys.argv[1]}: no {' or '.join(missing)} output: display() did not reach the notebook")
PY
    echo "ok   $nb ($(($(date +%s) - start))s)"
    passed=$((passed + 1))
  else
    echo "FAIL $nb ($(($(date +%s) - start))s); the end of $out/$name.log:"
    tail -n 40 "$out/$name.log" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
done

echo "notebooks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
