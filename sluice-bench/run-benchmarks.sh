#!/usr/bin/env bash
# Runs Sluice's benchmarks and prints the figures recorded in BENCHMARKS.md.
#   sluice-bench/run-benchmarks.sh            # everything (JMH + end to end), ~15 minutes
#   sluice-bench/run-benchmarks.sh jmh Chain  # only JMH benchmarks matching a regex
#   sluice-bench/run-benchmarks.sh e2e        # only the end-to-end `sluice run` timing
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
what="${1:-all}"
filter="${2:-.}"

build() {
  mvn -B -q install -DskipTests
}

jmh() {
  java -jar sluice-bench/target/benchmarks.jar "$filter" -rf json -rff sluice-bench/target/jmh-result.json
}

# Wall time of `sluice run` on the 10-node example, JVM start included: the median of 15 runs
# after 3 warm-ups (the first run also writes the class-data-sharing archive).
e2e() {
  local project="${SLUICE_BENCH_PROJECT:-examples/hello}"
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 3 --runs 15 --export-json sluice-bench/target/e2e.json \
      "bin/sluice -C $project run --quiet"
  else
    local times=()
    for i in 1 2 3; do bin/sluice -C "$project" run --quiet >/dev/null; done
    for i in $(seq 1 15); do
      local start end
      start=$(date +%s%N)
      bin/sluice -C "$project" run --quiet >/dev/null
      end=$(date +%s%N)
      times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median ms:", a[int((NR+1)/2)], " min ms:", a[1], " max ms:", a[NR]}'
  fi
}

case "$what" in
  all) build; jmh; e2e ;;
  jmh) build; jmh ;;
  e2e) build; e2e ;;
  *) echo "usage: $0 [all|jmh [regex]|e2e]" >&2; exit 2 ;;
esac
