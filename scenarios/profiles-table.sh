#!/usr/bin/env bash
# Runs every scenario in scenarios/ against the bundled sample app twice, as the naive and as the resilient profile
# (same seed, same traffic: run --profile resilient --compare-with naive), and prints the Markdown table of scores that
# docs/incidents.md shows. Usage: ./scenarios/profiles-table.sh [SCENARIO.yaml...]   (default: every scenario)
# Needs the .NET 10 SDK and python3; takes about three minutes a scenario. Runs land in reports/profiles-<UTC time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { echo "profiles-table: needs python3 to read the results" >&2; exit 2; }

dotnet build src/ChaosKit.Cli -c Release -nologo -v quiet "-clp:ErrorsOnly;NoSummary" >&2
cli=(dotnet src/ChaosKit.Cli/bin/Release/net10.0/chaoskit.dll)
out="reports/profiles-$(date -u +%Y%m%d-%H%M%SZ)"
files=("$@")
if [ ${#files[@]} -eq 0 ]; then files=(scenarios/*.yaml); fi

mkdir -p "$out"
rows=()
for file in "${files[@]}"; do
  name="$(basename "$file" .yaml)"
  echo "profiles-table: $name ..." >&2
  # Exit 1 (an expectation failed) is a result like any other; 2 and 3 are not.
  code=0
  "${cli[@]}" run "$file" --profile resilient --compare-with naive --out "$out/$name" >"$out/$name.log" 2>&1 || code=$?
  if [ "$code" -gt 1 ]; then echo "profiles-table: $name failed with exit $code (see $out/$name.log)" >&2; continue; fi
  rows+=("$(python3 - "$out/$name" <<'PY'
import json, sys, os
folder = sys.argv[1]
def read(path):
    with open(path) as f:
        return json.load(f)
resilient = read(os.path.join(folder, "result.json"))
naive = read(os.path.join(folder, "reference-naive", "result.json"))
def cell(r):
    s = r["score"]
    return f'{s["total"]:.1f} ({s.get("grade") or "-"})'
def passed(r):
    done = sum(1 for e in r["expectations"] if e["passed"])
    return f'{done}/{len(r["expectations"])}'
delta = resilient["score"]["total"] - naive["score"]["total"]
print(f'| `{resilient["scenario"]["name"]}` | {cell(naive)} | {cell(resilient)} | {delta:+.1f} | {passed(naive)} | {passed(resilient)} |')
PY
)")
done

echo "| scenario | naive | resilient | difference | naive: expectations held | resilient: expectations held |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
