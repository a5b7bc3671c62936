#!/usr/bin/env bash
# docs/analysis.md cannot drift: runs every command of its "Worked examples" section (its ```sh blocks) as a user
# would from the repository's root (build/ is this build, out/ and docs/analysis/ a temporary folder), then checks
# that each chart the page shows is one of them: the gnuplot script the commands write (its data and its drawing)
# must be the one committed beside the PNG, and every PNG the page shows must be committed.
#
#   tests/docs/analysis_examples.sh BUILD_BIN_DIR SOURCE_DIR            check (ctest docs.analysis-examples)
#   tests/docs/analysis_examples.sh BUILD_BIN_DIR SOURCE_DIR --update   write the charts into docs/analysis/
#
# After a change that moves the examples' numbers (a calibration), --update and commit docs/analysis/; then reread
# the page's words about the charts.
set -euo pipefail
bin=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
mode=${3:-check}
page=$src/docs/analysis.md
tmp=$(mktemp -d "${TMPDIR:-/tmp}/buslab-analysis-examples-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
charts=$tmp/charts
[ "$mode" = --update ] && charts=$src/docs/analysis
mkdir -p "$charts"

# The section's shell lines, a trailing backslash joining a line to the next.
awk '/^## Worked examples/ {on = 1; next} /^## / {on = 0}
     on && /^```sh/ {block = 1; next} on && /^```/ {block = 0; next} on && block {print}' "$page" |
  sed -e ':a' -e '/\\$/N; s/\\\n//; ta' > "$tmp/commands"
[ -s "$tmp/commands" ] || { echo "$page: no commands in its Worked examples section"; exit 1; }

cd "$src"
while IFS= read -r line; do
  case "$line" in '' | '#'*) continue ;; esac
  command=$(sed -e "s#\(^\|[[:space:]]\)build/buslab#\1$bin/buslab#g" -e "s#\(^\|[[:space:]]\)out/#\1$tmp/out/#g" \
                -e "s#\(^\|[[:space:]]\)docs/analysis/#\1$charts/#g" <<<"$line")
  echo "\$ $line"
  if ! bash -c "$command" > "$tmp/said" 2>&1; then
    cat "$tmp/said"
    echo "FAILED: a command of $page exits non-zero: $line"
    exit 1
  fi
done < "$tmp/commands"

[ "$mode" = --update ] && { echo "charts written into docs/analysis/: commit them (PNG and .gp)"; exit 0; }
status=0
shown=$(grep -o '](analysis/[^)]*\.png)' "$page" | sed -e 's#](analysis/##' -e 's#)$##' | sort -u)
[ -n "$shown" ] || { echo "$page shows no chart"; exit 1; }
for png in $shown; do
  name=${png%.png}
  if [ ! -f "$src/docs/analysis/$png" ]; then
    echo "docs/analysis/$png: shown by the page, not committed"; status=1
  elif [ ! -f "$charts/$name.gp" ]; then
    echo "docs/analysis/$png: shown by the page, but no command of its Worked examples makes it"; status=1
  elif ! cmp -s "$charts/$name.gp" "$src/docs/analysis/$name.gp"; then
    echo "docs/analysis/$name.gp differs from what the page's commands make now: the chart drifted"
    diff "$src/docs/analysis/$name.gp" "$charts/$name.gp" | head -20 || true
    status=1
  fi
done
for made in "$charts"/*.gp; do
  grep -q "](analysis/$(basename "${made%.gp}").png)" "$page" ||
    { echo "$(basename "$made"): made by a command of the page but not shown in it"; status=1; }
done
[ $status -eq 0 ] && echo "docs/analysis.md: every chart is what its commands make"
[ $status -eq 0 ] || echo "regenerate: tests/docs/analysis_examples.sh build $src --update (then commit docs/analysis/)"
exit $status
