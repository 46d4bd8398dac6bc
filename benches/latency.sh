#!/usr/bin/env bash
# One-file latency of every example against ripgrep, robust to a noisy machine.
#
#   benches/latency.sh [ROUNDS]     (default 5)
#
# compare.sh measures each example's 30 runs, then ripgrep's, one after the other: a burst of
# load on a shared machine lands on one of the two. Here each round runs every example and
# its ripgrep phrase search 20 times each (hyperfine -N, process start included, 5 warm-ups),
# and the medians are taken over all rounds: the two see the same machine. Prints one row per
# example: sellerlint's median, ripgrep's, their ratio and the number of runs.
#
# Needs: hyperfine, rg, python3. Uses the release binary (or $SELLERLINT).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-5}"
case "$rounds" in
    '' | *[!0-9]*) echo "usage: $0 [ROUNDS]" >&2; exit 2 ;;
esac
for tool in hyperfine rg python3; do
    command -v "$tool" >/dev/null || { echo "latency.sh: $tool is not installed" >&2; exit 2; }
done
if [ -z "${SELLERLINT:-}" ]; then
    (cd "$root" && cargo build --release --quiet)
    SELLERLINT="$root/target/release/sellerlint"
fi
phrases="$root/../shared/bench/phrases.txt"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/sellerlint-latency.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

for round in $(seq "$rounds"); do
    for example in "$root"/examples/*.yaml; do
        name="$(basename "$example" .yaml)"
        # Exit status 1 (problems found) is the normal outcome.
        hyperfine -N -i --style none -w 5 -r 20 --export-json "$tmp/$name.$round.json" \
            "$SELLERLINT check --format json $example" \
            "rg -c -i -F -f $phrases $example" >/dev/null 2>&1
    done
done

python3 - "$tmp" <<'EOF'
import glob, json, os, statistics, sys
runs = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    name = os.path.basename(path).rsplit(".", 2)[0]
    results = json.load(open(path))["results"]
    mine, rg = runs.setdefault(name, ([], []))
    mine.extend(results[0]["times"])
    rg.extend(results[1]["times"])
print("| example (`--format json`)          | sellerlint |  ripgrep | ratio | runs |")
print("| ---------------------------------- | ---------- | -------- | ----- | ---- |")
for name, (mine, rg) in sorted(runs.items()):
    a, b = statistics.median(mine) * 1000, statistics.median(rg) * 1000
    print("| %-34s | %7.2f ms | %5.2f ms | %5.2f | %4d |" % (name + ".yaml", a, b, a / b, len(mine)))
EOF
