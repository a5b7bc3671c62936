#!/usr/bin/env bash
# Times buslab, the SimGrid floor (bench/floor) and the SimPy peer (bench/peer) side by side and prints the table
# for the README (bench/README.md). Usage: bench/run.sh [--quick] [--reps N] [--shapes 16x4,...] [--build DIR]
# [--no-steady] [--json FILE]. A benchmark, run by hand, never by ctest.
set -euo pipefail
exec python3 -B "$(dirname "$0")/bench.py" "$@"
