#!/usr/bin/env bash
# Fuzz run, opt-in (./benchmarks/run.sh fuzz; "all" leaves it out): many more seeded hostile scenario files and live
# faults than the test suite's few thousand, through the same test (tests/ChaosKit.Runner.Tests/Fuzz). Prints, per
# fuzz, the cases, how many were accepted and refused, and every finding (a crash or a case over its time bound), with
# the FUZZ_SEED and FUZZ_CASE that replay it. Exits 1 when there is a finding.
# Usage: run.sh [cases]   (default $FUZZ_CASES or 200000 scenario cases; a third as many live faults). FUZZ_SEED picks other cases.
set -euo pipefail
cd "$(dirname "$0")/../.."
export FUZZ_CASES="${1:-${FUZZ_CASES:-200000}}"
dotnet build tests/ChaosKit.Runner.Tests -c Release -nologo -clp:ErrorsOnly
log="$(mktemp)"
status=0
dotnet test tests/ChaosKit.Runner.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~ScenarioFuzzTests" \
  --logger "console;verbosity=detailed" > "$log" 2>&1 || status=$?
# xUnit repeats a test's output in several places: each line once, in order.
grep -E "fuzz, seed|case [0-9]+ of seed" "$log" | sed -E 's/^(\[xUnit[^]]*\])? *//' | awk '!seen[$0]++' || true
rm -f "$log"
exit $status
