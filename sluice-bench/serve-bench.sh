#!/usr/bin/env bash
# HTTP serving benchmarks on loopback (issue 4), with wrk (Debian package) as the load tool:
#   1. GET /hello (the bare endpoint on the same server) and POST /pipelines/__default__/runs of the
#      10-node in-memory pipeline, each for DURATION with CONNECTIONS keep-alive connections;
#      wrk --latency prints p50/p75/p90/p99 and requests/s; the ratio run/hello is printed last;
#   2. correctness under concurrency: 8 clients x 10,000 requests with distinct inputs, every
#      response checked against its own input (ServeBench verify).
# Usage: sluice-bench/serve-bench.sh [DURATION=10s] [CONNECTIONS=4] [io]   (io: run on IO threads)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
duration="${1:-10s}"
connections="${2:-4}"
mode="${3:-}"
port=18089
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f sluice-bench/target/benchmarks.jar ] || mvn -B -q install -DskipTests

java -Xms512m -Xmx512m -cp sluice-bench/target/benchmarks.jar io.sluice.bench.ServeBench serve "$port" $mode &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
  sleep 0.1
done

lua=$(mktemp --suffix=.lua)
cat >"$lua" <<'LUA'
local counter = 0
request = function()
  counter = counter + 1
  local body = '{"inputs":{"order_id":' .. counter .. '},"outputs":["receipt"]}'
  return wrk.format("POST", "/pipelines/__default__/runs", {["Content-Type"] = "application/json"}, body)
end
LUA

# warm both endpoints (JIT) before measuring
wrk -t1 -c"$connections" -d5s "http://127.0.0.1:$port/hello" >/dev/null
wrk -t1 -c"$connections" -d5s -s "$lua" "http://127.0.0.1:$port" >/dev/null

echo "== GET /hello"
hello=$(wrk -t1 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port/hello")
echo "$hello"
echo "== POST /pipelines/__default__/runs (10-node pipeline)"
run=$(wrk -t1 -c"$connections" -d"$duration" --latency -s "$lua" "http://127.0.0.1:$port")
echo "$run"
h=$(echo "$hello" | awk '/Requests\/sec/ {print $2}')
r=$(echo "$run" | awk '/Requests\/sec/ {print $2}')
awk -v h="$h" -v r="$r" 'BEGIN {printf "run/hello throughput: %.0f / %.0f = %.0f%%\n", r, h, 100 * r / h}'
rm -f "$lua"

echo "== 8 clients x 10,000 requests, distinct inputs, every response checked"
java -cp sluice-bench/target/benchmarks.jar io.sluice.bench.ServeBench verify "$port" 8 10000
