#!/usr/bin/env bash
# Soak: a real `chaoskit run` (the CLI built in Release) of benchmarks/soak/soak.yaml against the bundled sample app,
# at a steady 30 iterations a second with streamed answers and faults all along, for SOAK_MINUTES (default 3). Every
# SOAK_SAMPLE_SECONDS (default 5) it samples the chaoskit process (VmRSS, threads, open files, from /proc), the sample
# app's RSS and the call journal's files, to benchmarks/results/soak-<UTC>/memory.csv. About twelve times a run it
# also takes a heap dump with dotnet-gcdump (installed into benchmarks/.tools when missing), which first runs a full,
# blocking garbage collection: its size is the live managed heap, what a leak grows. RSS alone cannot tell a leak
# from garbage the server GC has not collected yet (it collects gen1 rarely at this rate, so RSS climbs for minutes).
# Unlike the other suites this one fails on a number: it exits 1 when ChaosKit's memory keeps growing (below), when
# the journal's files ever hold more than SOAK_JOURNAL_LIMIT (default 1MB, small so that it rotates), or when the run
# fails as a harness (exit code 2 or more).
# Growth: the first third of the run is warm-up; over the other two thirds a fitted line gives the slope, and the
# last third's median is compared with the middle third's. The live heap keeps growing when both exceed
# SOAK_MAX_GROWTH MB a minute (default 1); RSS when both exceed SOAK_MAX_RSS_GROWTH (default 4). The dumps pause the
# run for a moment each. Loopback only; the run and the sampling are bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."
MINUTES="${SOAK_MINUTES:-3}"
SAMPLE_SECONDS="${SOAK_SAMPLE_SECONDS:-5}"
JOURNAL_LIMIT="${SOAK_JOURNAL_LIMIT:-1MB}"
MAX_GROWTH="${SOAK_MAX_GROWTH:-1}"
MAX_RSS_GROWTH="${SOAK_MAX_RSS_GROWTH:-4}"
# The scenario's first phase, read from it: "duration: 30s" under "- name: warm-up".
WARM_UP_SECONDS="$(awk '/^  - name: warm-up$/ { f = 1 } f && /duration:/ { sub(/s$/, "", $2); print $2; exit }' benchmarks/soak/soak.yaml)"

bytes_of() { # 64KB, 1MB, 2GB or a number of bytes (binary units, as --journal-limit reads them)
  local n="${1%[KkMmGg][Bb]}" unit
  unit="$(printf '%s' "${1#"$n"}" | tr '[:lower:]' '[:upper:]')"
  case "$unit" in KB) echo $((n << 10)) ;; MB) echo $((n << 20)) ;; GB) echo $((n << 30)) ;; *) echo "$n" ;; esac
}
limit_bytes="$(bytes_of "$JOURNAL_LIMIT")"

dotnet build src/ChaosKit.Cli -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
cli=src/ChaosKit.Cli/bin/Release/net10.0/chaoskit.dll

tools=benchmarks/.tools
gcdump="$tools/dotnet-gcdump"
if [ ! -x "$gcdump" ]; then
  echo "installing dotnet-gcdump (dotnet tool install) into $tools..."
  timeout 300 dotnet tool install dotnet-gcdump --tool-path "$tools" >/dev/null 2>&1 || echo "  could not install it: RSS only"
fi

out="benchmarks/results/soak-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
# The soak phase lasts SOAK_MINUTES: the scenario's one line that reads "duration: 3m" under the soak phase.
sed "/^  - name: soak$/,/duration:/ s/^    duration: .*/    duration: ${MINUTES}m/" benchmarks/soak/soak.yaml >"$out/soak.yaml"
csv="$out/memory.csv"
echo "elapsed_s,rss_mb,hwm_mb,threads,open_files,journal_bytes,journal_files,app_rss_mb,live_heap_mb" >"$csv"
# A heap dump about twelve times a run, at least 20 s apart.
HEAP_SECONDS=$(( (MINUTES * 60 + WARM_UP_SECONDS) / 12 )); [ "$HEAP_SECONDS" -lt 20 ] && HEAP_SECONDS=20

run_pid="" chaoskit="" app=""
cleanup() {
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill -INT "$run_pid" 2>/dev/null || true # timeout passes it on: chaoskit stops as on Ctrl+C and stops the app
    for _ in $(seq 1 30); do kill -0 "$run_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$run_pid" 2>/dev/null || true
  fi
  [ -n "$chaoskit" ] && kill -KILL "$chaoskit" 2>/dev/null || true
  [ -n "$app" ] && kill -KILL "$app" 2>/dev/null || true
  return 0
}
trap cleanup EXIT

# The whole run is bounded: SIGINT at the scenario's length plus 3 minutes (start, drain, reports), SIGKILL 15 s later.
bound=$((MINUTES * 60 + WARM_UP_SECONDS + 180))
timeout -s INT -k 15 "$bound" dotnet "$cli" run "$out/soak.yaml" --out "$out/run" --journal-limit "$JOURNAL_LIMIT" \
  >"$out/chaoskit.log" 2>&1 &
run_pid=$!
for _ in $(seq 1 100); do chaoskit="$(pgrep -P "$run_pid" || true)"; [ -n "$chaoskit" ] && break; sleep 0.1; done
[ -n "$chaoskit" ] || { echo "soak: chaoskit did not start" >&2; cat "$out/chaoskit.log" >&2; exit 2; }
started=$SECONDS
status_of() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$2/status" 2>/dev/null; }
mb() { awk -v kb="${1:-0}" 'BEGIN { printf "%.1f", kb / 1024 }'; }
over_limit=0 last_dump=0
while kill -0 "$chaoskit" 2>/dev/null && [ $((SECONDS - started)) -lt "$bound" ]; do
  [ -z "$app" ] && app="$(pgrep -P "$chaoskit" || true)"
  rss="$(status_of VmRSS "$chaoskit")"; [ -n "$rss" ] || break
  journal=0 files=0
  for f in "$out"/run/journal*.jsonl; do [ -f "$f" ] && { journal=$((journal + $(stat -c %s "$f"))); files=$((files + 1)); }; done
  [ "$journal" -gt "$limit_bytes" ] && over_limit=$((over_limit + 1))
  elapsed=$((SECONDS - started)) live=""
  if [ -x "$gcdump" ] && [ $((elapsed - last_dump)) -ge "$HEAP_SECONDS" ]; then
    # The dump's first line of its report: "  N  GC Heap bytes", the live heap after a full collection.
    dump="$out/heap-$elapsed.gcdump"
    if timeout 60 "$gcdump" collect -p "$chaoskit" -o "$dump" >/dev/null 2>&1; then
      live="$(timeout 60 "$gcdump" report "$dump" 2>/dev/null | awk '/GC Heap bytes/ { gsub(",", "", $1); printf "%.1f", $1 / 1048576; exit }')"
    fi
    last_dump=$elapsed
  fi
  echo "$elapsed,$(mb "$rss"),$(mb "$(status_of VmHWM "$chaoskit")"),$(status_of Threads "$chaoskit"),$(ls "/proc/$chaoskit/fd" 2>/dev/null | wc -l),$journal,$files,$(mb "$(status_of VmRSS "$app")"),$live" >>"$csv"
  sleep "$SAMPLE_SECONDS"
done
code=0
wait "$run_pid" || code=$?
run_pid=""

# Growth of a column after the warm-up third: "first last slope middle_median last_median thirds_rate", in MB and MB
# a minute; thirds_rate is the last third's median less the middle third's, over the time between the thirds.
growth() {
  awk -F, -v c="$1" 'NR > 1 && $c != "" { t[++n] = $1; v[n] = $c }
    function median(a, b,   m, i, j, x, s) { m = 0; for (i = a; i <= b; i++) s[++m] = v[i]
      for (i = 2; i <= m; i++) { x = s[i]; for (j = i - 1; j > 0 && s[j] > x; j--) s[j + 1] = s[j]; s[j + 1] = x }
      return (m % 2) ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2 }
    END { if (n < 6) { print "- - - - - -"; exit }
      a = int(n / 3) + 1; b = int(2 * n / 3)
      for (i = a; i <= n; i++) { sx += t[i]; sy += v[i]; sxx += t[i] * t[i]; sxy += t[i] * v[i]; k++ }
      mid = median(a, b); last = median(b + 1, n)
      printf "%.1f %.1f %.2f %.1f %.1f %.2f\n", v[a], v[n], (k * sxy - sx * sy) / (k * sxx - sx * sx) * 60, mid, last,
        (last - mid) / ((t[n] - t[a]) / 2 / 60) }' "$csv"
}
read -r r_first r_last r_slope r_mid_median r_last_median r_thirds <<<"$(growth 2)"
read -r h_first h_last h_slope h_mid_median h_last_median h_thirds <<<"$(growth 9)"
samples=$(($(wc -l <"$csv") - 1))
at_warm_up="$(sed -n "$((samples / 3 + 2))p" "$csv")" # the first sample after the warm-up third
at_end="$(tail -1 "$csv")"
field() { echo "$1" | cut -d, -f"$2"; }
peak_journal="$(awk -F, 'NR > 1 && $6 > m { m = $6 } END { printf "%.2f", m / 1048576 }' "$csv")"
result="$out/run/result.json"
scheduled="$(awk '/"overall"/ { o = 1 } o && /"scheduled"/ { gsub(/[^0-9]/, ""); print; exit }' "$result" 2>/dev/null)"
calls="$(grep -o '"calls": *[0-9]*' "$result" 2>/dev/null | head -1 | grep -o '[0-9]*$')"
rotated="$(grep -o '"rotated_out": *[0-9]*' "$result" 2>/dev/null | grep -o '[0-9]*$')"

rate="$(awk -v n="${scheduled:-0}" -v s=$((MINUTES * 60 + WARM_UP_SECONDS)) 'BEGIN { printf "%.1f", n / s }')"
echo "soak: $MINUTES min (+${WARM_UP_SECONDS}s warm-up phase), ${rate} iterations/s scheduled, $samples samples every ${SAMPLE_SECONDS}s; commit $(git rev-parse --short HEAD); load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
echo "  chaoskit run exited $code: ${scheduled:-?} iterations scheduled, ${calls:-?} provider calls, ${rotated:-no} calls rotated out of the journal"
echo "  RSS: $r_first MB after the warm-up third, $r_last MB at the end (peak $(field "$at_end" 3) MB); slope $r_slope MB/min; medians of the middle and last thirds $r_mid_median -> $r_last_median MB ($r_thirds MB/min)"
[ "$h_first" != "-" ] && echo "  live managed heap (after a full GC): $h_first MB after the warm-up third, $h_last MB at the end; slope $h_slope MB/min; medians $h_mid_median -> $h_last_median MB ($h_thirds MB/min)"
compgen -G "$out/heap-*.gcdump" >/dev/null && echo "  heap dumps: $out/heap-*.gcdump, by seconds into the run (dotnet-gcdump report FILE lists the largest types)"
echo "  journal: at most $peak_journal MB on disk (limit $JOURNAL_LIMIT)"
echo "  after the warm-up third -> at the end: threads $(field "$at_warm_up" 4) -> $(field "$at_end" 4), open files $(field "$at_warm_up" 5) -> $(field "$at_end" 5), sample app RSS $(field "$at_warm_up" 8) -> $(field "$at_end" 8) MB"
echo "  samples: $csv; chaoskit's output: $out/chaoskit.log"

failed=0
if [ "$code" -ge 2 ]; then echo "FAILED: chaoskit run exited $code (see $out/chaoskit.log)"; failed=1; fi
if [ "$over_limit" -gt 0 ]; then echo "FAILED: the journal's files held more than $JOURNAL_LIMIT in $over_limit samples"; failed=1; fi
judge() { # judge NAME FIRST SLOPE THIRDS LIMIT
  if [ "$2" = "-" ]; then echo "FAILED: too few samples of $1 to judge its growth"; failed=1
  elif awk -v sl="$3" -v th="$4" -v max="$5" 'BEGIN { exit !(sl > max && th > max) }'; then
    echo "FAILED: $1 keeps growing: $3 MB/min fitted, $4 MB/min between the thirds (limit $5 MB/min)"; failed=1
  else
    echo "$1 flat: $3 MB/min fitted, $4 MB/min between the thirds (limit $5 MB/min)"
  fi
}
[ -x "$gcdump" ] && judge "live heap" "$h_first" "$h_slope" "$h_thirds" "$MAX_GROWTH"
judge RSS "$r_first" "$r_slope" "$r_thirds" "$MAX_RSS_GROWTH"
exit $failed
