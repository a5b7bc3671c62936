#!/usr/bin/env bash
# Writes each lab's expected.tesh from what `buslab run` prints for it now, and refreshes the values of its
# expected.check from seeds 1-5 (tolerances, comments and the metrics chosen stay: `buslab check --update`). Run it
# when a deliberate change in the models changes a lab's answers, read the diff, and update the lab's README if
# its story changed (build/tests/lab-manual --update LAB rewrites its numbers).
# Usage: labs/make_expected.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")"
build=$(cd "${1:-../build}" && pwd)
for lab in */; do
  lab=${lab%/}
  [ -f "$lab/scenario.json" ] || continue
  {
    echo "#!/usr/bin/env tesh"
    echo "# The output of lab $lab, locked: ctest fails when a change in the models changes it."
    echo "! timeout 300"
    echo "\$ \${bindir:=.}/buslab run scenario.json --no-timing"
    "$build/buslab" run "$lab/scenario.json" --no-timing | sed 's/^/> /'
  } > "$lab/expected.tesh"
  echo "labs/$lab/expected.tesh"
  if [ -f "$lab/expected.check" ]; then
    out=$(mktemp -d)
    "$build/buslab" run "$lab/scenario.json" --seeds 1-5 --no-trace --no-timeseries --no-timing --out "$out/run" > /dev/null
    "$build/buslab" check "$out/run" "$lab/expected.check" --update > /dev/null
    rm -rf "$out"
    echo "labs/$lab/expected.check"
  fi
done
