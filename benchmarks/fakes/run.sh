#!/usr/bin/env bash
# Fakes benchmarks (not tests: they print figures and never fail on a number). Loopback only; every loop is bounded.
#  1. Non-streaming: requests/s of the ChaosKit OpenAI fake (journal on) ÷ a bare Kestrel endpoint returning the
#     same bytes, both driven by wrk in the same run, in paired rounds.   Goal: median of the rounds' ratios >= 0.85.
#  2. Paced streams at 10 chunks/s, 1,000 and 5,000 concurrent: inter-chunk gap p99 of the fake ÷ a bare Kestrel
#     SSE endpoint with the same pacing, read by the same client in the same run.   Goal: <= 1.1.
# Usage: run.sh [json|parts|streams|all]   (default all); parts times each part of one call in process. ALLOC_TYPES=1 also lists what the fake allocates, by type (the streams part: both servers).
set -euo pipefail
cd "$(dirname "$0")"
PART="${1:-all}"
DURATION="${WRK_DURATION:-3s}"
ROUNDS="${WRK_ROUNDS:-10}"
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
echo "non-streaming: $(awk '/^BYTES/{sub(/^BYTES /, ""); print}' "$out"), the same from both; wrk -t2 -c$CONNECTIONS"
rps() { wrk -t2 -c"$CONNECTIONS" -d"$2" -s "$lua" "$1" | awk '/Requests\/sec/{printf "%.0f", $2}'; }
# Warm each server up to its steady state: tiered JIT with dynamic PGO keeps recompiling hot paths under load, and
# on 2 busy cores the fake's longer path takes 30-40 s to reach its top rate, with flat stretches on the way
# (docs/benchmarks.md#method-notes); a figure taken on one of those would compare warm-up, not throughput.
# 2-second rounds, at least 20 (40 s), until two rounds in a row do not beat the best by 2 %; at most 40 rounds.
warm() {
  local best=0 flat=0 rounds=0 r
  while [ "$rounds" -lt 40 ] && { [ "$rounds" -lt 20 ] || [ "$flat" -lt 2 ]; }; do
    r="$(rps "$1" 2s)"; rounds=$((rounds + 1))
    if [ "$r" -gt $((best + best / 50)) ]; then flat=0; else flat=$((flat + 1)); fi
    [ "$r" -gt "$best" ] && best="$r"
  done
  echo "  warm-up $2: steady after $((rounds * 2)) s ($best req/s)"
}
warm "$fake" fake; warm "$bare" "bare Kestrel"
echo warm >&3
# Alternate the two, so a host that speeds up or slows down during the run weighs on both alike. Each round also
# reads the server process's CPU time before and after, for its CPU per call.
cpu_mark() {
  echo "$1" >&3
  for _ in $(seq 1 50); do grep -q "^CPU $1 .* end$" "$out" && break; sleep 0.1; done
  awk -v l="$1" '$1 == "CPU" && $2 == l { print $3, $4 }' "$out"
}
measure() { # url label -> "req/s µs-of-server-CPU-per-call bytes-allocated-per-call"
  local before after line
  before="$(cpu_mark "cpu-$2-a")"
  line="$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$lua" "$1" | awk '/requests in/{n = $1} /Requests\/sec/{r = $2} END {print r, n}')"
  after="$(cpu_mark "cpu-$2-b")"
  awk -v l="$line" -v a="$before" -v b="$after" 'BEGIN { split(l, f, " "); split(a, x, " "); split(b, y, " ")
    printf "%.0f %.1f %.0f", f[1], (y[1] - x[1]) * 1000 / f[2], (y[2] - x[2]) / f[2] }'
}
# Paired rounds in ABBA order (fake first in odd rounds, bare first in even ones), each round's own ratio the unit:
# the host's rate drifts within a run, so each server's median over the run would come from a different stretch of
# the host, and the ratio of the two medians would move with the drift. A round's two halves sit 3 s apart and meet
# the same host; ABBA cancels which half gets the later stretch. The goal is judged on the median of the rounds'
# ratios; the ratio of the medians is printed beside it (docs/benchmarks.md#method-notes).
fakes=(); bares=(); fake_cpu=(); bare_cpu=(); fake_alloc=(); bare_alloc=(); ratios=()
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then
    read -r fr fc fa <<<"$(measure "$fake" "fake$round")"
    read -r br bc ba <<<"$(measure "$bare" "bare$round")"
  else
    read -r br bc ba <<<"$(measure "$bare" "bare$round")"
    read -r fr fc fa <<<"$(measure "$fake" "fake$round")"
  fi
  fakes+=("$fr"); fake_cpu+=("$fc"); fake_alloc+=("$fa"); bares+=("$br"); bare_cpu+=("$bc"); bare_alloc+=("$ba")
  ratios+=("$(awk -v f="$fr" -v b="$br" 'BEGIN { printf "%.3f", f / b }')")
  echo "  round $round: fake $fr req/s ($fc µs server CPU, $fa bytes allocated per call), bare Kestrel $br req/s ($bc µs, $ba bytes), ratio ${ratios[-1]}"
done
echo loaded >&3
exec 3>&-
wait "$server" 2>/dev/null || true
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fake_rps="$(median "${fakes[@]}")"; bare_rps="$(median "${bares[@]}")"
awk -v f="$fake_rps" -v b="$bare_rps" -v n="$ROUNDS" -v d="$DURATION" -v r="$(median "${ratios[@]}")" \
  'BEGIN { printf "  %d paired rounds of %s: median of the rounds'"'"' ratios %.3f (goal >= 0.85); medians fake %.0f req/s, bare Kestrel %.0f req/s (ratio of the medians %.3f)\n", n, d, r, f, b, f / b }'
awk -v f="$(median "${fake_cpu[@]}")" -v b="$(median "${bare_cpu[@]}")" -v fa="$(median "${fake_alloc[@]}")" -v ba="$(median "${bare_alloc[@]}")" \
  'BEGIN { printf "  per call (medians): server CPU fake %.1f µs, bare Kestrel %.1f µs (ratio %.2f); allocated fake %d bytes, bare Kestrel %d bytes\n", f, b, f / b, fa, ba }'
# Memory: managed heap and working set after the warm-up and after the fake's measured rounds (journal on).
awk -v d="$DURATION" -v n="$ROUNDS" '/^MEM warm/ { hw = $3; ww = $4 } /^MEM loaded/ { hl = $3; wl = $4 }
  END { printf "  memory: managed heap %.1f MB after warm-up, %.1f MB after %d rounds of %s of the fake at full speed; working set %.1f -> %.1f MB\n", hw, hl, n, d, ww, wl }' "$out"
# ALLOC_TYPES=1: what the fake allocates, by type (sampled by the runtime every ~100 KB), during its measured rounds.
if [ "${ALLOC_TYPES:-0}" = 1 ]; then echo "  allocations of the fake by type (sampled):"; sed -n 's/^ALLOC /    /p' "$out"; fi

fi

# --- 2. paced streams -----------------------------------------------------------------------------------------
if [ "$PART" = all ] || [ "$PART" = parts ]; then
  "${BENCH[@]}" parts
fi

if [ "$PART" = all ] || [ "$PART" = streams ]; then
  for n in 1000 5000; do
    timeout -k 5 300 "${BENCH[@]}" streams "$n"
  done
fi
