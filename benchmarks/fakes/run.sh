#!/usr/bin/env bash
# Fakes benchmarks (not tests: they print figures and never fail on a number). Loopback only; every loop is bounded.
#  1. Non-streaming: requests/s of the ChaosKit OpenAI fake (journal on) ÷ a bare Kestrel endpoint returning the
#     same bytes, both driven by wrk in the same run.          Goal: >= 0.85.
#  2. Paced streams at 10 chunks/s, 1,000 and 5,000 concurrent: inter-chunk gap p99 of the fake ÷ a bare Kestrel
#     SSE endpoint with the same pacing, read by the same client in the same run.   Goal: <= 1.1.
# Usage: run.sh [json|streams|all]   (default all)
set -euo pipefail
cd "$(dirname "$0")"
PART="${1:-all}"
DURATION="${WRK_DURATION:-10s}"
CONNECTIONS="${WRK_CONNECTIONS:-64}"

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (apt-get)..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get install -y wrk >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; }
fi
ulimit -n 20000 2>/dev/null || true

dotnet build -c Release -v quiet -nologo ChaosKit.Fakes.Benchmarks.csproj >/dev/null
BENCH=(dotnet bin/Release/net10.0/ChaosKit.Fakes.Benchmarks.dll)

if [ "$PART" = all ] || [ "$PART" = json ]; then
# --- 1. non-streaming, wrk --------------------------------------------------------------------------------------
body='{"model":"gpt-4o-mini","max_tokens":64,"messages":[{"role":"user","content":"Hello, how are you today?"}]}'
lua="$(mktemp --suffix=.lua)"
out="$(mktemp)"
fifo="$(mktemp -u)"
mkfifo "$fifo"
trap 'rm -f "$lua" "$out" "$fifo"' EXIT
cat >"$lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench-0123456789"
LUA
# The server runs until its stdin closes: its stdin is a fifo this script holds open on fd 3.
timeout -k 5 600 "${BENCH[@]}" serve-json <"$fifo" >"$out" 2>&1 &
server=$!
exec 3>"$fifo"
for _ in $(seq 1 100); do grep -q '^JOURNAL' "$out" && break; sleep 0.2; done
fake="$(awk '/^FAKE/{print $2}' "$out")"; bare="$(awk '/^BARE/{print $2}' "$out")"
echo "non-streaming: $(awk '/^BYTES/{print $2}' "$out") bytes per answer, wrk -t2 -c$CONNECTIONS -d$DURATION"
rps() { wrk -t2 -c"$CONNECTIONS" -d"$2" -s "$lua" "$1" | awk '/Requests\/sec/{print $2}'; }
rps "$fake" 3s >/dev/null; rps "$bare" 3s >/dev/null   # warm-up (JIT, pools)
echo warm >&3
fake_rps="$(rps "$fake" "$DURATION")"
echo loaded >&3
bare_rps="$(rps "$bare" "$DURATION")"
exec 3>&-
wait "$server" 2>/dev/null || true
awk -v f="$fake_rps" -v b="$bare_rps" 'BEGIN { printf "  fake %.0f req/s, bare Kestrel %.0f req/s, ratio %.3f (goal >= 0.85)\n", f, b, f / b }'
# Memory: managed heap and working set after the warm-up and after the fake's measured run (journal on).
awk -v d="$DURATION" '/^MEM warm/ { hw = $3; ww = $4 } /^MEM loaded/ { hl = $3; wl = $4 }
  END { printf "  memory: managed heap %.1f MB after warm-up, %.1f MB after %s of the fake at full speed; working set %.1f -> %.1f MB\n", hw, hl, d, ww, wl }' "$out"

fi

# --- 2. paced streams -----------------------------------------------------------------------------------------
if [ "$PART" = all ] || [ "$PART" = streams ]; then
  for n in 1000 5000; do
    timeout -k 5 300 "${BENCH[@]}" streams "$n"
  done
fi
