#!/bin/bash
# scripts/sweep.sbatch as Slurm runs it: three array tasks (0-based, as --array=0-2 numbers them), their shards
# merged, against the same sweep run whole on this machine. Usage: sweep_sbatch_check.sh BUSLAB SOURCE_DIR
set -euo pipefail
buslab=$1
source_dir=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/buslab-sbatch-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
sweep="--param services[0].replicas=1,2,4 --link platform.hosts[2].count=services[0].replicas --seeds 1-2 --set duration=300ms"
for task in 0 1 2; do
  SLURM_ARRAY_TASK_ID=$task SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=3 SLURM_CPUS_PER_TASK=1 \
    BUSLAB=$buslab OUT=$tmp/cluster SWEEP=$sweep "$source_dir/scripts/sweep.sbatch" > "$tmp/task-$task.log"
done
ls -d "$tmp"/cluster/shard-* | sort | tr '\n' ' ' > "$tmp/shards"
[ "$(cat "$tmp/shards")" = "$tmp/cluster/shard-1 $tmp/cluster/shard-2 $tmp/cluster/shard-3 " ] ||
  { echo "expected shards 1 to 3, found: $(cat "$tmp/shards")"; exit 1; }
"$buslab" sweep --merge "$tmp"/cluster/shard-* --out "$tmp/cluster" > /dev/null
set -f
# shellcheck disable=SC2086
"$buslab" sweep $sweep --out "$tmp/here" > /dev/null
cmp "$tmp/cluster/results.csv" "$tmp/here/results.csv"
cmp "$tmp/cluster/summary.csv" "$tmp/here/summary.csv"
echo "sweep.sbatch: 3 array tasks merged = the sweep run whole ($(wc -l < "$tmp/here/results.csv") rows)"
