#!/usr/bin/env bash
# Times buslab on the benchmark scenarios and prints a Markdown table (wall time, calls per wall second, peak
# memory). Usage: bench/run.sh [build-dir]   (default: build). Run on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
printf '| scenario | variant | calls | simulated | wall | calls per wall second | peak memory |\n'
printf '|---|---|---:|---:|---:|---:|---:|\n'
for scenario in bench/scenarios/*.json; do
  name=$(basename "$scenario" .json)
  for variant in brokered direct; do
    out=$(mktemp -d)
    /usr/bin/time -f '%e %M' -o "$out/time" "$build/buslab" run "$scenario" --variant "$variant" --out "$out" --no-trace >/dev/null
    read -r wall kb <"$out/time"
    calls=$(grep -o '"sent": [0-9]*' "$out/metrics.json" | head -1 | grep -o '[0-9]*$')
    sim=$(grep -o '"sim_time_s": [0-9.e+-]*' "$out/metrics.json" | grep -o '[0-9.e+-]*$')
    printf '| %s | %s | %s | %.1f s | %.2f s | %.0f | %.0f MB |\n' "$name" "$variant" "$calls" "$sim" "$wall" \
      "$(echo "$calls / $wall" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
    rm -rf "$out"
  done
done
