#!/usr/bin/env bash
# Runs ChaosKit's benchmarks: ./benchmarks/run.sh [fakes|load|soak|all], and the opt-in fuzz run: ./benchmarks/run.sh fuzz [cases]
# Each suite lives in benchmarks/<suite>/run.sh, prints its figures (ratios against a baseline measured in the same
# run) and installs what it needs (wrk, dotnet-counters) idempotently. Benchmarks are not tests: they never fail on a
# number, except soak, which fails when ChaosKit's memory keeps growing (SOAK_MINUTES=30 for the long soak; "all"
# runs the short one).
set -euo pipefail
cd "$(dirname "$0")"
suite="${1:-all}"
suites=()
if [ "$suite" = "all" ]; then
  # fuzz is opt-in: it looks for crashes, not figures, and takes minutes.
  for dir in */; do [ -x "${dir}run.sh" ] && [ "${dir%/}" != fuzz ] && suites+=("${dir%/}"); done
else
  suites=("$suite")
fi
for name in "${suites[@]}"; do
  if [ ! -x "$name/run.sh" ]; then echo "benchmarks: no suite '$name' (have: $(ls -d */ | tr -d / | tr '\n' ' '))" >&2; exit 2; fi
  echo "== benchmark suite: $name"
  "./$name/run.sh" "${@:2}"
done
