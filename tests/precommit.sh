#!/usr/bin/env bash
# Proves the pre-commit hook (.pre-commit-hooks.yaml) works: installs pre-commit from PyPI in
# a scratch virtualenv, makes a scratch git repository with a compliant and a non-compliant
# sequence, and runs `pre-commit try-repo <this repo> sellerlint --files ...` on each: the
# first must pass, the second must fail with sellerlint's finding. pre-commit builds the hook
# with the system cargo (crates.io only, nothing from GitHub).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
precommit="$scratch/venv/bin/pre-commit"

# Keep pre-commit's cache (and the hook's cargo build) between runs of this script.
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$repo/target/pre-commit-home}"
export CARGO_TARGET_DIR="${PRECOMMIT_CARGO_TARGET_DIR:-$repo/target/pre-commit-build}"

work="$scratch/project"
mkdir -p "$work"
cd "$work"
git init --quiet
git config user.email ci@example.invalid
git config user.name ci
cat > compliant.yaml <<'YAML'
sequence: Engraving proof
messages:
  - id: confirm-engraving
    trigger: order-placed
    purpose: customization
    subject: "Please confirm the engraving for order {{order_id}}"
    body: |
      Hello {{buyer_name}},

      Please confirm the engraving text before we start: "{{engraving_text}}".

      Order: {{order_id}}
YAML
cat > noncompliant.yaml <<'YAML'
sequence: Shipping update
messages:
  - id: shipped
    trigger: shipped
    body: |
      Good news: your order has shipped! Order {{order_id}}.
YAML
git add compliant.yaml noncompliant.yaml
git commit --quiet -m "sequences"

echo "--- pre-commit on the compliant sequence (must pass)"
if ! "$precommit" try-repo "$repo" sellerlint --verbose --files compliant.yaml; then
    echo "FAIL: the hook rejected a compliant sequence" >&2
    exit 1
fi

echo "--- pre-commit on the non-compliant sequence (must fail)"
set +e
out="$("$precommit" try-repo "$repo" sellerlint --verbose --files noncompliant.yaml 2>&1)"
status=$?
set -e
echo "$out"
if [ "$status" -eq 0 ]; then
    echo "FAIL: the hook passed a non-compliant sequence" >&2
    exit 1
fi
if ! grep -q "unsolicited/order-confirmation" <<<"$out"; then
    echo "FAIL: the hook failed without sellerlint's finding" >&2
    exit 1
fi
echo "pre-commit hook: OK"
