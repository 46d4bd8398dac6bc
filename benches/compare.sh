#!/usr/bin/env bash
# Whole-run performance of sellerlint against ripgrep, on generated corpora.
#
#   benches/compare.sh [--quick] [--keep] [--stages]
#
# Generates the corpora in a temporary directory (../shared/bench/gen_corpus.py, seed 7),
# builds the release binary (or uses $SELLERLINT), and prints one table row per workload:
# the median wall time of sellerlint, of the ripgrep phrase search over the same bytes
# (`rg -c -i -F -f phrases.txt`), their ratio, and sellerlint's peak RSS. Then the thread
# scaling (-j1 vs -j2) and the size scaling (1k, 5k, 20k files). With --stages, also where the
# 5,000-file run's time goes, stage by stage on one thread (benches/stages.rs), next to ripgrep
# on one thread.
#
# Needs: hyperfine, rg, /usr/bin/time (Debian: apt-get install -y hyperfine ripgrep time),
# python3. Timings are only as good as the machine is quiet: run it twice and compare.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/../shared/bench"
runs=10
latency_runs=30
keep=0
stages=0
for arg in "$@"; do
    case "$arg" in
        --quick) runs=3; latency_runs=10 ;;
        --keep) keep=1 ;;
        --stages) stages=1 ;;
        *) echo "usage: $0 [--quick] [--keep] [--stages]" >&2; exit 2 ;;
    esac
done
for tool in hyperfine rg python3; do
    command -v "$tool" >/dev/null || { echo "compare.sh: $tool is not installed" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "compare.sh: /usr/bin/time is not installed (apt-get install -y time)" >&2; exit 2; }
[ -f "$bench/gen_corpus.py" ] || { echo "compare.sh: $bench/gen_corpus.py not found" >&2; exit 2; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/sellerlint-bench.XXXXXX")"
if [ "$keep" = 1 ]; then echo "corpora kept in $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi

if [ -z "${SELLERLINT:-}" ]; then
    (cd "$root" && cargo build --release --quiet)
    SELLERLINT="$root/target/release/sellerlint"
fi
bin="$SELLERLINT"
phrases="$bench/phrases.txt"

gen() { python3 "$bench/gen_corpus.py" "$@" >/dev/null; }
gen "$tmp/c1k" --files 1000 --seed 7
gen "$tmp/c5k" --files 5000 --seed 7
gen "$tmp/c20k" --files 20000 --seed 7
gen "$tmp/big" --files 0 --seed 7 --big-file-mib 50
big="$tmp/big/big/huge.yaml"

# median_of NAME ARGS...: hyperfine's median (seconds) of each command, one per line.
# Exit status 1 (problems found) is the normal outcome of linting these corpora.
median_of() {
    local name="$1" n="$2"; shift 2
    hyperfine -N --style none -i --warmup 1 --runs "$n" --export-json "$tmp/$name.json" "$@" >/dev/null 2>&1
    python3 -c 'import json,sys; [print(r["median"]) for r in json.load(open(sys.argv[1]))["results"]]' "$tmp/$name.json"
}
# interleaved_medians ROUNDS CMD...: each command run once per round, round after round, and
# each one's median wall time (seconds), one per line. hyperfine runs all of one command's runs
# before the next command's, so a slow minute of this shared machine lands on one of them;
# comparisons between our own runs (threads, corpus sizes) take turns instead. Output is
# discarded; exit status 1 (problems found) is normal.
interleaved_medians() {
    python3 - "$@" <<'PY'
import shlex, statistics, subprocess, sys, time
rounds, commands = int(sys.argv[1]), sys.argv[2:]
times = [[] for _ in commands]
for _ in range(rounds + 1):
    for i, command in enumerate(commands):
        start = time.perf_counter()
        subprocess.run(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[i].append(time.perf_counter() - start)
for t in times:
    print(statistics.median(t[1:]))  # the first round warms the page cache
PY
}
# cpu_of NAME: mean CPU time (user + system, seconds) of each command of a median_of run.
cpu_of() {
    python3 -c 'import json,sys; [print(r["user"] + r["system"]) for r in json.load(open(sys.argv[1]))["results"]]' "$tmp/$1.json"
}
# peak_rss_mib CMD...: peak resident set size of one run, in MiB.
peak_rss_mib() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ { printf "%.1f", $6 / 1024 }'
}
ms() { python3 -c 'import sys; t = float(sys.argv[1]) * 1000; print("%.2f ms" % t if t < 10 else "%.1f ms" % t)' "$1"; }
ratio() { python3 -c 'import sys; print("%.2fx" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }

row() { printf '| %-42s | %10s | %10s | %7s | %17s | %9s |\n' "$@"; }
# cpu_ratio NAME: "sellerlint CPU / ripgrep CPU" of a two-command median_of run.
cpu_ratio() {
    mapfile -t c < <(cpu_of "$1")
    python3 -c 'import sys; a, b = map(float, sys.argv[1:]); print("%.0f/%.0f ms %.1fx" % (a * 1000, b * 1000, a / b))' "${c[0]}" "${c[1]}"
}

echo "sellerlint $("$bin" --version | awk '{print $2}') ($bin), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
row "workload" "sellerlint" "ripgrep" "ratio" "CPU (user+sys)" "peak RSS"
row "------------------------------------------" "----------" "----------" "-------" "-----------------" "---------"

# Throughput: 5,000 files, JSON report.
mapfile -t t < <(median_of c5k "$runs" \
    "$bin check --format json $tmp/c5k" \
    "rg -c -i -F -f $phrases $tmp/c5k")
row "5,000 files ($(du -sh --apparent-size "$tmp/c5k" | cut -f1)), --format json" "$(ms "${t[0]}")" "$(ms "${t[1]}")" \
    "$(ratio "${t[0]}" "${t[1]}")" "$(cpu_ratio c5k)" "$(peak_rss_mib "$bin" check --format json "$tmp/c5k") MiB"

mapfile -t t < <(median_of c5k_concise "$runs" \
    "$bin check --format concise $tmp/c5k" \
    "rg -c -i -F -f $phrases $tmp/c5k")
row "5,000 files, --format concise" "$(ms "${t[0]}")" "$(ms "${t[1]}")" \
    "$(ratio "${t[0]}" "${t[1]}")" "$(cpu_ratio c5k_concise)" "$(peak_rss_mib "$bin" check --format concise "$tmp/c5k") MiB"

# Latency: each example alone, process start included (a pre-commit hook lints a file or two).
for example in "$root"/examples/*.yaml; do
    name="$(basename "$example" .yaml)"
    mapfile -t t < <(median_of "latency-$name" "$latency_runs" \
        "$bin check --format json $example" \
        "rg -c -i -F -f $phrases $example")
    row "1 file: $name" "$(ms "${t[0]}")" "$(ms "${t[1]}")" \
        "$(ratio "${t[0]}" "${t[1]}")" "$(cpu_ratio "latency-$name")" "$(peak_rss_mib "$bin" check --format json "$example") MiB"
done

# One big file.
mapfile -t t < <(median_of big 3 \
    "$bin check --format json --max-file-size 67108864 $big" \
    "rg -c -i -F -f $phrases $big")
row "1 file of 50 MiB, --format json" "$(ms "${t[0]}")" "$(ms "${t[1]}")" \
    "$(ratio "${t[0]}" "${t[1]}")" "$(cpu_ratio big)" "$(peak_rss_mib "$bin" check --format json --max-file-size 67108864 "$big") MiB"

echo
echo "Threads (5,000 files, --format json; runs taking turns):"
mapfile -t t < <(interleaved_medians "$runs" \
    "$bin check --format json -j1 $tmp/c5k" \
    "$bin check --format json -j2 $tmp/c5k")
echo "  -j1 $(ms "${t[0]}"), -j2 $(ms "${t[1]}"): speed-up $(ratio "${t[0]}" "${t[1]}")"

echo
echo "Size scaling (--format json, time per 1,000 files; runs taking turns):"
mapfile -t t < <(interleaved_medians "$runs" \
    "$bin check --format json $tmp/c1k" \
    "$bin check --format json $tmp/c5k" \
    "$bin check --format json $tmp/c20k")
python3 - "${t[@]}" <<'EOF'
import sys
times = [float(x) for x in sys.argv[1:]]
base = times[0] / 1
for files, t in zip([1, 5, 20], times):
    per = t / files
    print("  %2dk files: %8.1f ms, %6.1f ms per 1k files (%+.0f%% vs 1k)" % (files, t * 1000, per * 1000, (per / base - 1) * 100))
# Every run also pays a fixed cost (start-up, compiling the patterns the corpus needs), which
# weighs most on the smallest run; the cost of each further 1,000 files shows whether time
# grows linearly.
first = (times[1] - times[0]) / 4
second = (times[2] - times[1]) / 15
print("  each further 1k files: %.1f ms from 1k to 5k, %.1f ms from 5k to 20k (%+.0f%%)" % (first * 1000, second * 1000, (second / first - 1) * 100))
EOF

if [ "$stages" = 1 ]; then
    echo
    echo "Stages (5,000 files, one thread; benches/stages.rs):"
    (cd "$root" && cargo bench --quiet --bench stages -- "$tmp/c5k" "$runs") | sed 's/^/  /'
    mapfile -t t < <(median_of rg_j1 "$runs" "rg -j1 -c -i -F -f $phrases $tmp/c5k")
    echo "  ripgrep's phrase search on one thread (rg -j1): $(ms "${t[0]}")"
fi
