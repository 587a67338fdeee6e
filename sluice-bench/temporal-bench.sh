#!/usr/bin/env bash
# Distributed runs on Temporal: scheduling overhead and scale-out, measured end to end with real
# processes (Temporal's own test server, N `sluice worker` JVMs, the `sluice run` client).
#
#   mvn -B -o -q package -DskipTests -pl sluice-cli,sluice-bench -am      # once: classes + class paths
#   [WARM=1] /tmp/exp/quiet.sh sluice-bench/temporal-bench.sh temporal GROUPS WORKERS [SLEEP_MS] [PARALLELISM] [SLOTS]
#     (WARM=1: the workers first execute one run of the same shape, untimed: workers are long-running)
#   /tmp/exp/quiet.sh sluice-bench/temporal-bench.sh process  GROUPS [MAX_PARALLEL]
#   /tmp/exp/quiet.sh sluice-bench/temporal-bench.sh parallel GROUPS [MAX_WORKERS]
#
# Every mode prints one line: mode, groups, for Temporal the workflow's span (start to close, as
# Temporal records it), the wall of the run as the launcher reports it (after the project is
# compiled: "made 1 run in X s", or the run's own time for the in-process runner), the wall of the
# whole command (JVM start included), and per group: the workflow's span (else the run's) / groups. Each call starts and
# stops its own server and workers (ready before the clock starts), so a call fits in one quiet.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:?mode: temporal, process or parallel}"
groups="${2:-50}"
m2="${HOME}/.m2/repository"
tv=$(sed -n 's:.*<temporal.version>\(.*\)</temporal.version>.*:\1:p' "$root/pom.xml")
cp="$root/sluice-cli/target/classes:$(cat "$root/sluice-cli/target/sluice-cli.classpath"):$root/sluice-bench/target/classes"
server_cp="$cp:$m2/io/temporal/temporal-testing/$tv/temporal-testing-$tv.jar:$m2/io/temporal/temporal-test-server/$tv/temporal-test-server-$tv.jar:$(ls "$m2"/com/cronutils/cron-utils/*/cron-utils-*.jar | tail -1)"
java=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dsluice.bench.groups="$groups")

work="$(mktemp -d /tmp/sluice-temporal-bench.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

project="$work/project"
mkdir -p "$project/conf/base" "$project/conf/local" "$work/services/META-INF/services"
echo io.sluice.bench.GroupsBenchProject > "$work/services/META-INF/services/io.sluice.project.Project"
printf 'sleep_ms: 0\n' > "$project/conf/base/parameters.yml"
printf '"out_{id}": {type: json, filepath: "data/out/{id}.json"}\n' > "$project/conf/base/catalog.yml"
sluice=("${java[@]}" -Dsluice.project.classpath="$work/services" -cp "$cp" io.sluice.cli.SluiceMain -C "$project")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
await_line() { # file, text, seconds
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    if ((SECONDS > deadline)); then echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1; fi
    sleep 0.1
  done
}
timed() { # prints the wall in seconds of "$@" to fd 3, output to $work/out.log
  local start end
  start=$(date +%s%N)
  "$@" > "$work/out.log" 2>&1
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / 1000000000" | bc
}

case "$mode" in
  temporal)
    workers="${3:-2}"; sleep_ms="${4:-0}"; parallelism="${5:-8}"; slots="${6:-4}"
    cat > "$project/conf/base/runners.yml" <<YML
cluster:
  launcher: temporal
  address: 127.0.0.1:$port
  task_queue: bench
  parallelism: $parallelism
  worker_slots: $slots
  heartbeat: 30s
YML
    "${java[@]}" -cp "$server_cp" io.temporal.testserver.TestServer "$port" > "$work/server.log" 2>&1 &
    pids+=($!)
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do sleep 0.1; done
    for i in $(seq 1 "$workers"); do
      # a worker is long-running: full JIT, as bin/sluice starts it
      "${sluice[@]/-XX:TieredStopAtLevel=1/-XX:+TieredCompilation}" worker --runner cluster > "$work/worker-$i.log" 2>&1 &
      pids+=($!)
    done
    for i in $(seq 1 "$workers"); do await_line "$work/worker-$i.log" "polls task queue" 120; done
    if [[ ${WARM:-0} == 1 ]]; then # workers are long-running: one run of the same shape first
      "${sluice[@]}" -q run -p groups --runner cluster --run-id warm --params "sleep_ms=$sleep_ms" > "$work/warm.log" 2>&1
    fi
    wall=$(timed "${sluice[@]}" -q run -p groups --runner cluster --run-id bench --params "sleep_ms=$sleep_ms")
    label="temporal warm=${WARM:-0} workers=$workers sleep_ms=$sleep_ms parallelism=$parallelism slots=$slots"
    ;;
  process)
    max="${3:-2}"
    printf 'by_process:\n  launcher: process\n  max_parallel: %s\n  command: [%s]\n' "$max" \
      "$(printf '"%s", ' "${java[@]}" -Dsluice.project.classpath="$work/services" -cp "$cp" | sed 's/, $//'), \"io.sluice.cli.SluiceMain\"" \
      > "$project/conf/base/runners.yml"
    wall=$(timed "${sluice[@]}" -q run -p groups --runner by_process --run-id bench)
    label="process max_parallel=$max"
    ;;
  parallel)
    max="${3:-2}"
    wall=$(timed "${sluice[@]}" -q run -p groups --runner parallel --max-workers "$max" --run-id bench)
    label="in-process parallel max_workers=$max"
    ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
if ! grep -q "succeeded" "$work/out.log"; then cat "$work/out.log" >&2; exit 1; fi
run=$(grep -o 'made 1 run in [0-9.]* s\|nodes ran in [0-9.]* s' "$work/out.log" | grep -o '[0-9.]* s' | tr -d ' s' | tail -1)
workflow=$(grep -o 'workflow [0-9.]* s from start to close' "$work/out.log" | grep -o '[0-9.]*' | head -1 || true)
span=${workflow:-$run}
echo "$label groups=$groups ${workflow:+workflow_s=$workflow }run_s=$run command_s=$wall per_group_ms=$(echo "scale=2; $span * 1000 / $groups" | bc)"
