#!/usr/bin/env bash
# Validates sellerlint's SARIF output with Microsoft's SARIF multitool (npm package
# @microsoft/sarif-multitool, which ships a self-contained .NET binary): a report on the
# examples (with results) and one with an unreadable file (tool execution notifications)
# must produce no error-level validation results.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
tools="$repo/target/sarif-multitool"
mkdir -p "$tools"
if [ ! -e "$tools/node_modules/.bin/sarif-multitool" ]; then
    npm install --prefix "$tools" --no-audit --no-fund --silent @microsoft/sarif-multitool@5
fi
# npm may skip the package's postinstall `chmod u+x`; do it ourselves.
chmod u+x "$tools"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool 2>/dev/null || true

# The platform binary itself: the npm wrapper passes arguments through a shell, which splits
# `--level Error;Warning;Note`.
multitool="$(cd "$tools" && node -p "require('@microsoft/sarif-multitool')")"
"$multitool" --version >/dev/null

cargo build --quiet
bin="$repo/target/debug/sellerlint"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

"$bin" check --no-config --format sarif -o "$scratch/examples.sarif" examples >/dev/null || true
printf 'sequence: x\nmesages: []\n' > "$scratch/broken.yaml"
"$bin" check --no-config --format sarif -o "$scratch/broken.sarif" examples "$scratch/broken.yaml" \
    "$scratch/missing.yaml" >/dev/null || true

for report in "$scratch/examples.sarif" "$scratch/broken.sarif"; do
    "$multitool" validate "$report" \
        --output "$report.validation.sarif" --log ForceOverwrite --level "Error;Warning;Note" >/dev/null
    python3 - "$report" "$report.validation.sarif" <<'PY'
import json, sys
report, validation = sys.argv[1], sys.argv[2]
log = json.load(open(validation))
results = [r for run in log.get("runs", []) for r in run.get("results", [])]
errors = [r for r in results if r.get("level", "warning") == "error"]
for r in results:
    if r.get("level", "warning") != "note":
        print(f"  {r.get('level', 'warning')}: {r.get('ruleId')}: {r['message']}")
if errors:
    sys.exit(f"FAIL: {report}: {len(errors)} SARIF validation error(s)")
assert json.load(open(report))["runs"][0]["tool"]["driver"]["name"] == "sellerlint"
print(f"SARIF valid: {report.rsplit('/', 1)[-1]} ({len(results)} non-error notes)")
PY
done
