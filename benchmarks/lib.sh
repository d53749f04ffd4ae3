# Shared by the benchmark suites: source it from a suite's run.sh.

# Installs wrk with apt-get if it is missing (idempotent), and raises the open-file limit for many connections.
ensure_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    echo "installing wrk (apt-get)..."
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y wrk >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo apt-get install -y wrk >/dev/null; }
  fi
  ulimit -n 20000 2>/dev/null || true
}

# start_held_server OUT FIFO CMD...: runs CMD (bounded by a 600 s timeout) with stdin on the fifo FIFO, which this
# shell holds open on fd 3, so the server stops when the script closes fd 3 or exits; its output goes to OUT and its
# pid to $held_server. Waits up to 20 s for a line starting with READY_PATTERN (default ^URL).
start_held_server() {
  local out="$1" fifo="$2"; shift 2
  mkfifo "$fifo"
  timeout -k 5 600 "$@" <"$fifo" >"$out" 2>&1 &
  held_server=$!
  exec 3>"$fifo"
  for _ in $(seq 1 100); do grep -q "${READY_PATTERN:-^URL}" "$out" && return 0; sleep 0.2; done
  echo "server did not start:" >&2; cat "$out" >&2; return 1
}
