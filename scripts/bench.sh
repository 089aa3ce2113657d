#!/usr/bin/env bash
# claimlint benchmark: generate synthetic datasets (cached), time
# `claimlint check` on each, score its findings and entities against the
# ground truth, print a Markdown table (also written to
# target/bench-results.md). See docs/benchmark.md.
#
#   scripts/bench.sh                  # 10000 100000 1000000 claims
#   scripts/bench.sh 10000 100000     # chosen sizes
#   SEED=7 scripts/bench.sh           # another dataset
#   RUNS=5 scripts/bench.sh           # time each check 5 times (default 3)
#
# Each size's check is timed RUNS times; the table shows the run of median
# wall time, and a line below it every run's wall time and host steal.
set -euo pipefail
cd "$(dirname "$0")/.."

seed=${SEED:-1}
runs=${RUNS:-3}
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(10000 100000 1000000); fi

# GNU time gives peak RSS; install it once if it is missing.
if [ ! -x /usr/bin/time ]; then
    echo "bench: installing GNU time" >&2
    if ! apt-get install -y time >&2; then
        apt-get update >&2 && apt-get install -y time >&2
    fi
fi

cargo build --release --bin claimlint --example generate >&2
bin=target/release/claimlint
generate=target/release/examples/generate

# A change to the generator must not reuse data made by an older one.
gen_version=$(sha256sum examples/generate.rs | cut -c1-12)
results=target/bench-results
mkdir -p "$results" target/bench-data
# Data from older generators is never read again (the 1 M set is ~270 MB).
find target/bench-data -mindepth 1 -maxdepth 1 -name 'n*' ! -name "*-$gen_version" \
    -exec rm -rf {} +
# Steal time: CPU the hypervisor gave to other guests of a shared host.
# It, not claimlint, explains most of the timing noise on a VM, so each
# run reports the share of the machine's CPU time stolen while it ran.
cpu_ticks() { awk '/^cpu /{print $9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat 2>/dev/null || true; }
steal_share() {
    read -r s1 t1 <<<"$1"
    read -r s2 t2 <<<"$2"
    if [ -n "${t2:-}" ] && [ "$((t2 - t1))" -gt 0 ]; then
        echo "$(((s2 - s1) * 100 / (t2 - t1))) %"
    else
        echo "n/a"
    fi
}
metrics=()
steals=()
for n in "${sizes[@]}"; do
    data=target/bench-data/n$n-s$seed-$gen_version
    if [ ! -f "$data/claimlint.toml" ]; then
        rm -rf "$data.tmp"
        "$generate" --claims "$n" --seed "$seed" --out "$data.tmp" >&2
        mv "$data.tmp" "$data"
    fi
    out=$results/n$n
    mkdir -p "$out"
    echo "bench: claimlint check on $n claims" >&2
    set +e
    times=()
    run_steals=()
    for run in $(seq "$runs"); do
        ticks_before=$(cpu_ticks)
        /usr/bin/time -v -o "$out/check.$run.time" \
            "$bin" --verbose check --format json "$data" >"$out/report.json" 2>"$out/check.stderr"
        code=$?
        run_steals+=("$(steal_share "$ticks_before" "$(cpu_ticks)")")
        times+=("$out/check.$run.time")
        [ "$code" -ge 2 ] && break
    done
    # The run of median wall time stands for the size in the table.
    { read -r median_time; read -r walls; } < <(python3 scripts/score.py median "${times[@]}")
    cp "$median_time" "$out/check.time"
    steal_list=$(printf '%s, ' "${run_steals[@]}")
    steals+=("$n claims: $walls s (steal ${steal_list%, })")
    "$bin" entities --format json "$data" >"$out/entities.json" 2>"$out/entities.stderr"
    entities_code=$?
    set -e
    # Exit 1 (findings) is the expected outcome; 2 means bad input or a crash.
    if [ "$code" -ge 2 ]; then
        echo "bench: check exited $code on $n claims; see $out/check.stderr" >&2
        tail -n 5 "$out/check.stderr" >&2 || true
    fi
    entities_args=(--entities "$out/entities.json")
    if [ "$entities_code" -ge 2 ] || [ ! -s "$out/entities.json" ]; then
        echo "bench: entities exited $entities_code on $n claims; no entity scores" >&2
        entities_args=()
    fi
    python3 scripts/score.py score --label "n$n" --truth "$data/truth.jsonl" \
        --report "$out/report.json" "${entities_args[@]}" \
        --time "$out/check.time" --stderr "$out/check.stderr" --exit "$code" \
        >"$out/metrics.json"
    metrics+=("$out/metrics.json")
done

{
    echo "claimlint $(git rev-parse --short HEAD 2>/dev/null || echo '?'), seed $seed, $(nproc) cores, $(date -u +%Y-%m-%d)"
    echo
    python3 scripts/score.py table "${metrics[@]}"
    echo
    echo "Every run's wall time, and the host's steal time during it (CPU the hypervisor gave to other guests; wall times are not comparable when it is high): $(IFS=';'; echo "${steals[*]}" | sed 's/;/; /g')."
} | tee target/bench-results.md
