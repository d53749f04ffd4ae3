#!/usr/bin/env bash
# Runs every ChaosKit test, the same way on a laptop and in CI (.ci/run calls this).
# Installs what the tests need and the machine lacks — Debian's chromium for the HTML report's browser tests, the
# providers' official JavaScript SDKs (pinned in a package-lock) for the fakes' cross-checks — idempotently, then builds once and runs each test project in turn (one at a time, so load and timing tests do
# not compete for the two cores), then the samples/ consumer of the packed ChaosKit.Testing (tests/samples.sh), then every
# scenario of the library against the bundled sample app (tests/scenarios.sh).
# Ends with one summary line: "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  echo "tests: installing Debian's chromium for the browser tests (once)..."
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

# The official JavaScript SDKs JsSdkTests runs against the fakes; npm ci again only when the lock file changed.
ensure_js_sdks() {
  local dir=tests/ChaosKit.Fakes.Tests/JsSdks
  if cmp -s "$dir/package-lock.json" "$dir/node_modules/.chaoskit-installed-lock" 2>/dev/null; then return; fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "tests: installing Debian's nodejs and npm for the JavaScript SDK checks (once)..."
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
  fi
  echo "tests: installing the official JavaScript SDKs (npm ci)..."
  # One retry: a registry hiccup should not cost a CI run.
  (cd "$dir" && { npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
    || { sleep 5; npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; }; })
  cp "$dir/package-lock.json" "$dir/node_modules/.chaoskit-installed-lock"
}

ensure_chromium
ensure_js_sdks
configuration="${CONFIGURATION:-Release}"
dotnet build ChaosKit.sln -c "$configuration" -nologo -clp:ErrorsOnly

passed=0; failed=0; skipped=0; status=0
log=$(mktemp)
# VSTest prints one line per assembly: "Passed!  - Failed: 0, Passed: 72, Skipped: 0, Total: 72, ..."
count() {
  failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$1")))
  passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$1")))
  skipped=$((skipped + $(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$1")))
}
for project in tests/*/*.Tests.csproj; do
  echo "tests: $(basename "$project" .csproj)"
  # A hung test fails its project after 5 minutes, naming the test, instead of eating CI's whole time limit.
  if ! dotnet test "$project" -c "$configuration" --no-build -nologo --blame-hang --blame-hang-timeout 5m 2>&1 | tee "$log"; then status=1; fi
  line=$(grep -E '(Passed|Failed)! +- Failed:' "$log" | tail -n 1 || true)
  if [ -z "$line" ]; then echo "tests: no summary from $project"; status=1; continue; fi
  count "$line"
done
# The sample consumer of ChaosKit.Testing, against the packages packed from this tree: one xunit v2 and one xunit.v3 project.
echo "tests: samples (ChaosKit.Testing as a package)"
if ! ./tests/samples.sh 2>&1 | tee "$log"; then status=1; fi
lines=$(grep -E '(Passed|Failed)! +- Failed:' "$log" || true)
if [ "$(grep -c . <<<"$lines" || true)" -ne 2 ]; then echo "tests: expected a summary from each of the two sample test projects"; status=1; fi
while read -r line; do if [ -n "$line" ]; then count "$line"; fi; done <<<"$lines"
# The scenario library, each file as written against the bundled sample app; each scenario counts as one test.
echo "tests: scenarios (every scenarios/*.yaml against the bundled sample app)"
if ! ./tests/scenarios.sh 2>&1 | tee "$log"; then status=1; fi
line=$(grep -E '^scenarios: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)
if [ -z "$line" ]; then echo "tests: no summary from tests/scenarios.sh"; status=1
else
  passed=$((passed + $(sed -E 's/^scenarios: ([0-9]+) passed.*/\1/' <<<"$line")))
  failed=$((failed + $(sed -E 's/^scenarios: [0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")))
fi
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
