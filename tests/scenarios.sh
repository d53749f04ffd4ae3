#!/usr/bin/env bash
# Runs the scenario library as CI does: every scenarios/*.yaml (or the files given) against the bundled sample app, as
# written (its target.profile, and its compare_with reference when it names one), at its own compressed duration.
# A scenario passes when `chaoskit run` exits 0: it ran to the end and every expectation held. The timelines add up to
# about a quarter of an hour, and a run keeps a core busy for a fraction of its time, so SCENARIO_JOBS (default 6)
# run at once, the longest first. Runs land in reports/scenarios/; a failed one prints its verdict.
# Usage: ./tests/scenarios.sh [SCENARIO.yaml...]      Ends with "scenarios: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
jobs="${SCENARIO_JOBS:-6}"
cli="src/ChaosKit.Cli/bin/$configuration/net10.0/chaoskit.dll"
if [ ! -f "$cli" ]; then dotnet build src/ChaosKit.Cli -c "$configuration" -nologo -clp:ErrorsOnly; fi

files=("$@")
if [ ${#files[@]} -eq 0 ]; then files=(scenarios/*.yaml); fi
out=reports/scenarios
rm -rf "$out"
mkdir -p "$out"

# Longest timeline first, so the last to start are the short ones. validate prints "... phase(s) over 1m10s, ...".
longest_first() {
  for file in "$@"; do
    local over seconds
    over="$(dotnet "$cli" validate "$file" 2>/dev/null | sed -nE 's/.* over ([0-9hms.]+),.*/\1/p')"
    seconds="$(awk -v d="${over:-0s}" 'BEGIN { total = 0; rest = d;
      while (match(rest, /^[0-9.]+(ms|h|m|s)/)) { unit = substr(rest, RSTART, RLENGTH); rest = substr(rest, RLENGTH + 1);
        value = unit + 0; sub(/^[0-9.]+/, "", unit);
        total += value * (unit == "h" ? 3600 : unit == "m" ? 60 : unit == "ms" ? 0.001 : 1) } printf "%d", total }')"
    echo "$seconds $file"
  done | sort -rn | cut -d' ' -f2-
}

run_one() {
  local file="$1" name
  name="$(basename "$file" .yaml)"
  local code=0 started=$SECONDS
  dotnet "$CLI" run "$file" --out "$OUT/$name" >"$OUT/$name.log" 2>&1 </dev/null || code=$?
  echo "$code $((SECONDS - started)) $name" >>"$OUT/exits"
}
export -f run_one
export CLI="$cli" OUT="$out"

started=$SECONDS
longest_first "${files[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$1"' _ {}

passed=0; failed=0
while read -r code seconds name; do
  if [ "$code" -eq 0 ]; then
    passed=$((passed + 1)); echo "scenarios: $name passed in ${seconds} s"
  else
    failed=$((failed + 1)); echo "scenarios: $name FAILED with exit $code in ${seconds} s; its verdict ($out/$name.log):"
    grep -E "✗|FAILED|error|Error" "$out/$name.log" | head -20 | sed 's/^/    /'
  fi
done < <(sort -k3 "$out/exits")
echo "scenarios: $passed passed, $failed failed ($((SECONDS - started)) s, $jobs at a time)"
[ "$failed" -eq 0 ] && [ "$passed" -eq ${#files[@]} ]
