#!/usr/bin/env bash
# First request after /ready vs steady-state latency, from fresh server processes (issue 10,
# serving warm-up). For each of STARTS fresh JVMs without warm-up and STARTS with the default
# warm-up (server.yml warmup: 2000 requests, 5 s at most), alternately:
#   1. start ServeBench serve (the 10-node in-memory pipeline, run_on: auto) and time until
#      GET /ready answers 200;
#   2. send ONE run request with curl (a new connection, as a client's first request is) and
#      record curl's time_total and the part of it after the TCP handshake (after_connect);
#   3. load the server with wrk for WARM seconds (C2 compiles everything), then send STEADY more
#      requests with curl, one connection each as in 2, and take their p50.
# The ratio first / steady p50 is printed per start and as the median of the starts; so is the
# steady p90 / p50, how far one request strays from the median on this machine anyway.
# Usage: sluice-bench/first-request.sh [STARTS=3] [STEADY=200] [WARM=10]
# Needs curl and wrk (Debian packages) and sluice-bench/target/benchmarks.jar
# (mvn -B -o -pl sluice-bench -am package -DskipTests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
starts="${1:-3}"
steady="${2:-200}"
warm="${3:-10}"
port=18091
jar=sluice-bench/target/benchmarks.jar
for tool in curl wrk java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
[ -f "$jar" ] || { echo "$jar is missing: mvn -B -o -pl sluice-bench -am package -DskipTests" >&2; exit 1; }

body='{"inputs":{"order_id":12345},"outputs":["receipt"]}'
url="http://127.0.0.1:$port/pipelines/__default__/runs"
lua="$root/sluice-bench/run-requests.lua"
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
}
trap cleanup EXIT

# one request on a new connection: "total after_connect" in microseconds: curl's time_total, and
# the part after the TCP handshake (request written, run, answer read), which the kernel's
# scheduling of the handshake on a busy machine does not blur
one() {
  curl -s -o /dev/null -w '%{time_total} %{time_connect} %{http_code}\n' \
    -H 'Content-Type: application/json' -d "$body" "$url" \
    | awk '{ if ($3 != 200) { print "status " $3 > "/dev/stderr"; exit 1 }
             printf "%d %d\n", $1 * 1e6, ($1 - $2) * 1e6 }'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A ratios
for i in $(seq 1 "$starts"); do
  for mode in no-warmup warmup; do
    t0=$(date +%s%N)
    java -Xms512m -Xmx512m -cp "$jar" io.sluice.bench.ServeBench serve "$port" auto "$mode" \
      >/tmp/first-request-server.log 2>&1 &
    server=$!
    until curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1; do
      kill -0 "$server" 2>/dev/null || { cat /tmp/first-request-server.log >&2; exit 1; }
      sleep 0.02
    done
    ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    warmed=$(grep -o 'warm-up of .*' /tmp/first-request-server.log | sed 's/^warm-up of //' || true)
    read -r first first_after_connect < <(one)
    wrk -t1 -c4 -d"${warm}s" -s "$lua" "http://127.0.0.1:$port" >/dev/null
    samples=$(for _ in $(seq 1 "$steady"); do one; done)
    p50=$(echo "$samples" | awk '{print $1}' | median)
    p50_after_connect=$(echo "$samples" | awk '{print $2}' | median)
    p90=$(echo "$samples" | awk '{print $1}' | sort -n | awk '{a[NR]=$1} END {print a[int(NR * 0.9)]}')
    ratio=$(awk -v f="$first" -v p="$p50" 'BEGIN {printf "%.2f", f / p}')
    ratio_after_connect=$(awk -v f="$first_after_connect" -v p="$p50_after_connect" 'BEGIN {printf "%.2f", f / p}')
    ratios[$mode]+="$ratio "
    ratios[$mode-after_connect]+="$ratio_after_connect "
    printf "%-9s start %d: ready after %5d ms | first %6s us (after connect %6s) | steady p50 %6s us (after connect %6s) | first/p50 %5sx (after connect %5sx) | steady p90/p50 %5sx\n" \
      "$mode" "$i" "$ready_ms" "$first" "$first_after_connect" "$p50" "$p50_after_connect" "$ratio" "$ratio_after_connect" \
      "$(awk -v a="$p90" -v b="$p50" 'BEGIN {printf "%.2f", a / b}')"
    if [ -n "$warmed" ]; then echo "          warm-up: $warmed"; fi
    kill "$server"; wait "$server" 2>/dev/null || true
    server=
  done
done
for mode in no-warmup warmup; do
  printf "%-9s first/steady p50, median of %d starts: %sx total, %sx after connect\n" "$mode" "$starts" \
    "$(echo "${ratios[$mode]}" | tr ' ' '\n' | grep . | median)" \
    "$(echo "${ratios[$mode-after_connect]}" | tr ' ' '\n' | grep . | median)"
done
