#!/usr/bin/env bash
# Writes each lab's expected.tesh from what `buslab run` prints for it now. Run it when a deliberate change in
# the models changes a lab's answers, read the diff, and update the lab's README if its story changed.
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
done
