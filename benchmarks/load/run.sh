#!/usr/bin/env bash
# Load-engine benchmarks (not tests: they print figures and never fail on a number). Loopback only; every loop is
# bounded in count and time. Against a bare Kestrel endpoint in its own process:
#  1. Max sustained requests/s of the engine (closed model, keep_constant) ÷ wrk's, same copies/connections, same run.
#                                                                                      Goal: >= 0.6.
#  2. Open model at 1,000 and 5,000 requests/s: achieved ÷ target.                    Goal: within 1 %.
#  3. Dispatch lag p99 at those rates (actual send − scheduled start).                 Goal: <= 2 ms.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_RUN="${LOAD_BENCH_SECONDS:-5}"
CONNECTIONS="${LOAD_BENCH_CONNECTIONS:-64}"

source ../lib.sh
ensure_wrk

dotnet build -c Release -v quiet -nologo ChaosKit.Load.Benchmarks.csproj >/dev/null
BENCH=(dotnet bin/Release/net10.0/ChaosKit.Load.Benchmarks.dll)

out="$(mktemp)"
fifo="$(mktemp -u)"
held_server=""
cleanup() { exec 3>&- 2>/dev/null || true; [ -n "$held_server" ] && wait "$held_server" 2>/dev/null || true; rm -f "$out" "$fifo"; }
trap cleanup EXIT
start_held_server "$out" "$fifo" "${BENCH[@]}" serve
url="$(awk '/^URL/{print $2}' "$out")"
echo "bare Kestrel endpoint: $url/hello ($(nproc) CPUs shared by server and client)"

# --- 1. max sustained rps: wrk vs the engine's closed model, same concurrency --------------------------------------
wrk -t2 -c"$CONNECTIONS" -d1s "$url/hello" >/dev/null   # warm the server
wrk_rps="$(timeout 120 wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "$url/hello" | awk '/^Requests\/sec/{print $2}')"
engine_line="$(timeout 120 "${BENCH[@]}" max "$url" "$CONNECTIONS" "$SECONDS_PER_RUN")"
engine_rps="$(echo "$engine_line" | awk '/^MAX/{print $2}')"
echo "wrk:    ${wrk_rps} rps ($CONNECTIONS connections, ${SECONDS_PER_RUN}s)"
echo "engine: ${engine_line#MAX } ($CONNECTIONS copies, keep_constant)"
awk -v e="$engine_rps" -v w="$wrk_rps" 'BEGIN { printf "engine ÷ wrk max rps: %.2f (goal >= 0.6)\n", e / w }'

# --- 2 and 3. open model at fixed rates ----------------------------------------------------------------------------
for rps in 1000 5000; do
  timeout 120 "${BENCH[@]}" rate "$url" "$rps" "$SECONDS_PER_RUN"
done
echo "goals: achieved within 1 % of target; dispatch lag p99 <= 2 ms"
