#!/usr/bin/env bash
# paired-bench.sh: Sluice against pandas (and Kedro, where installed) on the same files, in one
# window, interleaved: each round runs the Sluice side, then the other side (A B A B ...), and the
# script prints the per-workload medians of both sides, their ratio, the machine, the JDK and the date.
#
#   sluice-bench/paired-bench.sh                   # every workload, 7 rounds
#   sluice-bench/paired-bench.sh csv-load 5        # one workload, 5 rounds
#   sluice-bench/paired-bench.sh csv-save warm 9   # several
#
# Workloads (the same 1,000,000-row x 5-column CSV file, ~56 MB, for the first four):
#   csv-load  first load in a fresh process: `bin/sluice -C sluice-bench/projects/csv-load run -q`
#             (the project's hook prints how long the catalog load into List<Row> took; JVM start,
#             session compile and the node are outside it) vs pandas.read_csv (import pandas
#             outside it). The launcher picks the JVM and its flags as it does for any user.
#   csv-save  the same rows saved: the project's `save` pipeline (catalog save of List<Row>: an
#             atomic save with checksum record and fsync) vs DataFrame.to_csv(index=False) (no
#             fsync), both timed around the save only, first save in a fresh process.
#   rss       peak RSS of the whole process of the csv-load runs (/usr/bin/time -f %M), both sides.
#             Measured on the csv-load runs themselves: asking for csv-load or rss runs them once.
#   warm      warmed load in one process: N loads (WARM_LOADS, default 10) through the catalog's
#             CsvDataset (io.sluice.bench.WarmCsvLoad in sluice-bench/target/benchmarks.jar, with
#             WARM_JAVA_OPTS, default -Xms4g -Xmx4g as CsvBenchmark's JMH fork) vs N read_csv
#             calls; each process counts the median of its later half of loads.
#   hello     wall time of `bin/sluice -C examples/hello run -q` (10 nodes, JVM start included) vs
#             `kedro run` in the directory KEDRO_PROJECT (an equivalent Kedro project) when kedro
#             is installed; else the Sluice side alone.
# Every workload first runs each side twice unmeasured (page cache, the launcher's CDS archive).
#
# It installs nothing and builds nothing. Missing pieces are named with the command that provides
# them, and the workloads that need them are skipped:
#   pandas     a python3 that can `import pandas`: python3, else /usr/bin/python3, or only PAIRED_PYTHON
#              when set (Debian: apt-get install python3-pandas); without it only the Sluice sides run.
#   kedro      `kedro` on PATH and KEDRO_PROJECT set.
#   Sluice     mvn -B -q -pl sluice-bench/projects/csv-load,examples/hello,sluice-bench -am package -DskipTests
# The input file is generated once (deterministic, GenerateRows of the csv-load project) into
# sluice-bench/projects/csv-load/data/rows.csv (git-ignored), which the project's catalog reads.
#
# Environment: JAVA_HOME (as for bin/sluice), SLUICE_JAVA_OPTS (passed on to bin/sluice, which
# otherwise picks its own flags), WARM_JAVA_OPTS, WARM_LOADS, PAIRED_PYTHON, KEDRO_PROJECT.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$root"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
}

rounds=7
selected=()
for a in "$@"; do
  case "$a" in
    -h | --help) usage; exit 0 ;;
    all | csv-load | csv-save | rss | warm | hello) selected+=("$a") ;;
    *[!0-9]* | '') printf 'paired-bench: unknown argument %s\n\n' "$a" >&2; usage >&2; exit 2 ;;
    *) rounds=$a ;;
  esac
done
((rounds >= 1)) || { echo "paired-bench: rounds must be at least 1" >&2; exit 2; }
if ((${#selected[@]} == 0)) || [[ " ${selected[*]} " == *" all "* ]]; then
  selected=(csv-load csv-save rss warm hello)
fi
wants() { [[ " ${selected[*]} " == *" $1 "* ]]; }

project="$root/sluice-bench/projects/csv-load"
data="$project/data/rows.csv"
benchjar="$root/sluice-bench/target/benchmarks.jar"
warm_loads=${WARM_LOADS:-10}
warm_opts=${WARM_JAVA_OPTS--Xms4g -Xmx4g}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/paired-bench.XXXXXX")
cleanup() {
  rm -rf "$tmp"
  rm -f "$project/data/pandas_out.csv"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n ${JAVA_HOME-} ]]; then
  java="$JAVA_HOME/bin/java"
else
  java=$(command -v java) || { echo "paired-bench: java not found: install JDK 17+ or set JAVA_HOME." >&2; exit 1; }
fi

# ---- what is installed ------------------------------------------------------------------------
missing=()
python=""
candidates=(python3 /usr/bin/python3)
[[ -z ${PAIRED_PYTHON-} ]] || candidates=("$PAIRED_PYTHON") # an explicit choice is the only one tried
for p in "${candidates[@]}"; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import pandas' >/dev/null 2>&1; then
    python=$(command -v "$p")
    break
  fi
done
if [[ -z $python ]]; then
  missing+=("pandas: missing (apt-get install python3-pandas); the pandas sides are skipped")
fi
kedro=""
if command -v kedro >/dev/null 2>&1; then
  if [[ -n ${KEDRO_PROJECT-} && -d ${KEDRO_PROJECT-} ]]; then
    kedro=$(command -v kedro)
  else
    missing+=("kedro: installed, but KEDRO_PROJECT does not name an equivalent Kedro project directory; the kedro side is skipped")
  fi
else
  missing+=("kedro: missing (not on PATH; e.g. pip install kedro, then KEDRO_PROJECT=<an equivalent 10-node project>); the kedro side is skipped")
fi
timebin=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  timebin=/usr/bin/time
else
  missing+=("/usr/bin/time: missing (apt-get install time); peak RSS is not measured")
fi

build_hint() {
  printf 'paired-bench: %s is missing; build it first (nothing is built here):\n  (cd %q && mvn -B -q -pl %s -am package -DskipTests)\n' "$1" "$root" "$2" >&2
}
have_project=yes
if [[ ! -f $project/target/sluice.classpath || ! -f $project/target/classes/io/sluice/bench/csvload/GenerateRows.class ]]; then
  have_project=no
fi
have_hello=yes
[[ -f $root/examples/hello/target/sluice.classpath ]] || have_hello=no
have_benchjar=yes
[[ -f $benchjar ]] || have_benchjar=no

# ---- helpers ----------------------------------------------------------------------------------
now_ns() { date +%s%N; }

# median / min / max of the numbers in a file, one a line
stats() {
  sort -g "$1" | awk '{v[NR]=$1} END {
    if (NR == 0) { print "- - - 0"; exit }
    m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2
    printf "%.1f %.1f %.1f %d\n", m, v[1], v[NR], NR }'
}

# the number after "<prefix>" in a file of output lines ("sluice-bench: load rows 123.4 ms")
field_after() {
  awk -v p="$2" 'index($0, p) == 1 { s = substr($0, length(p) + 1); split(s, w, " "); print w[1]; found = 1; exit }
                 END { if (!found) exit 1 }' "$1"
}

results=()
# record WORKLOAD UNIT OTHER_LABEL OTHER_FILE SLUICE_FILE KIND(time|rss)
# round_line ROUND SLUICE [OTHER_NAME OTHER]: one round's figures, as "  round 3: sluice ... | pandas ..."
round_line() {
  if (($# > 2)); then
    printf '  round %d: sluice %s | %s %s\n' "$1" "$2" "$3" "$4"
  else
    printf '  round %d: sluice %s\n' "$1" "$2"
  fi
}

record() {
  local name=$1 unit=$2 label=$3 ofile=$4 sfile=$5 kind=$6 o s line ratio
  read -r -a s <<<"$(stats "$sfile")"
  if [[ -n $ofile && -s $ofile ]]; then
    read -r -a o <<<"$(stats "$ofile")"
    if [[ $kind == time ]]; then
      ratio=$(awk -v o="${o[0]}" -v s="${s[0]}" 'BEGIN { r = o / s; printf "%.2fx %s", r, (r >= 1 ? "(Sluice faster)" : "(Sluice slower)") }')
      ratio="$label/sluice = $ratio"
    else
      ratio=$(awk -v o="${o[0]}" -v s="${s[0]}" 'BEGIN { printf "%.2fx", s / o }')
      ratio="sluice/$label = $ratio"
    fi
    printf -v line '%-48s %-6s %8s %-3s [%s-%s]  sluice %8s %-3s [%s-%s]  %s' "$name" "$label" "${o[0]}" "$unit" \
      "${o[1]}" "${o[2]}" "${s[0]}" "$unit" "${s[1]}" "${s[2]}" "$ratio"
  else
    printf -v line '%-48s %-6s %8s %-3s %-13s  sluice %8s %-3s [%s-%s]  (no %s side)' "$name" "$label" "-" "" "" \
      "${s[0]}" "$unit" "${s[1]}" "${s[2]}" "$label"
  fi
  results+=("$line")
  printf '  => %s\n' "$line"
}

# runs a Sluice pipeline of the csv-load project; prints "<ms of the dataset> <peak KB or ->"
sluice_csv_run() { # PIPELINE PREFIX
  local out="$tmp/sluice.out" rss="-"
  if [[ -n $timebin ]]; then
    "$timebin" -f %M -o "$tmp/rss" "$root/bin/sluice" -C "$project" run -q -p "$1" >"$out" 2>&1 ||
      { echo "paired-bench: the Sluice run failed:" >&2; cat "$out" >&2; exit 1; }
    rss=$(tail -n 1 "$tmp/rss")
  else
    "$root/bin/sluice" -C "$project" run -q -p "$1" >"$out" 2>&1 ||
      { echo "paired-bench: the Sluice run failed:" >&2; cat "$out" >&2; exit 1; }
  fi
  local ms
  ms=$(field_after "$out" "$2") || { echo "paired-bench: no '$2' line in the Sluice output:" >&2; cat "$out" >&2; exit 1; }
  grep -m 1 '^sluice-bench: jvm ' "$out" | cut -c 19- >"$tmp/jvm" || true # the last run's
  echo "$ms $rss"
}

# runs a python snippet on the file; it prints "pandas: <what> <ms> ms"; prints "<ms> <peak KB or ->"
pandas_run() { # PREFIX CODE
  local out="$tmp/pandas.out" rss="-"
  if [[ -n $timebin ]]; then
    "$timebin" -f %M -o "$tmp/rss" "$python" -c "$2" "$data" "$project/data/pandas_out.csv" >"$out" 2>&1 ||
      { echo "paired-bench: the pandas run failed:" >&2; cat "$out" >&2; exit 1; }
    rss=$(tail -n 1 "$tmp/rss")
  else
    "$python" -c "$2" "$data" "$project/data/pandas_out.csv" >"$out" 2>&1 ||
      { echo "paired-bench: the pandas run failed:" >&2; cat "$out" >&2; exit 1; }
  fi
  local ms
  ms=$(field_after "$out" "$1") || { echo "paired-bench: no '$1' line in the pandas output:" >&2; cat "$out" >&2; exit 1; }
  echo "$ms $rss"
}

py_load='import sys, time
import pandas as pd
t0 = time.perf_counter(); df = pd.read_csv(sys.argv[1]); t1 = time.perf_counter()
print(f"pandas: read_csv {1000 * (t1 - t0):.3f} ms {len(df)} rows")'
py_save='import sys, time
import pandas as pd
df = pd.read_csv(sys.argv[1])
t0 = time.perf_counter(); df.to_csv(sys.argv[2], index=False); t1 = time.perf_counter()
print(f"pandas: to_csv {1000 * (t1 - t0):.3f} ms {len(df)} rows")'
py_warm='import sys, time, statistics
import pandas as pd
n = int(sys.argv[3]); times = []
for i in range(n):
    t0 = time.perf_counter(); df = pd.read_csv(sys.argv[1]); t1 = time.perf_counter()
    times.append(1000 * (t1 - t0)); print(f"pandas: warm read_csv {i + 1} {times[-1]:.3f} ms", file=sys.stderr)
print(f"pandas: warm median {statistics.median(times[n // 2:]):.3f} ms")'

ensure_data() {
  if [[ ! -f $data ]]; then
    printf 'generating %s (1,000,000 rows, once)...\n' "${data#"$root"/}"
    "$java" -cp "$project/target/classes" io.sluice.bench.csvload.GenerateRows "$data"
  fi
}

# ---- the workloads ----------------------------------------------------------------------------
csv_load() {
  local r s p
  : >"$tmp/load.s"; : >"$tmp/load.p"; : >"$tmp/rss.s"; : >"$tmp/rss.p"
  echo "csv-load: warm-up (2 runs per side, not counted)"
  for r in 1 2; do
    sluice_csv_run load "sluice-bench: load rows " >/dev/null
    [[ -z $python ]] || pandas_run "pandas: read_csv " "$py_load" >/dev/null
  done
  for ((r = 1; r <= rounds; r++)); do
    read -r -a s <<<"$(sluice_csv_run load "sluice-bench: load rows ")"
    echo "${s[0]}" >>"$tmp/load.s"
    [[ ${s[1]} == - ]] || echo "$(( s[1] / 1024 ))" >>"$tmp/rss.s"
    if [[ -n $python ]]; then
      read -r -a p <<<"$(pandas_run "pandas: read_csv " "$py_load")"
      echo "${p[0]}" >>"$tmp/load.p"
      [[ ${p[1]} == - ]] || echo "$(( p[1] / 1024 ))" >>"$tmp/rss.p"
      round_line "$r" "${s[0]} ms, ${s[1]} KB peak" pandas "${p[0]} ms, ${p[1]} KB peak"
    else
      round_line "$r" "${s[0]} ms, ${s[1]} KB peak"
    fi
  done
  if wants csv-load; then
    record "csv-load: 1M x 5 CSV first load, fresh process" ms pandas "$([[ -n $python ]] && echo "$tmp/load.p")" "$tmp/load.s" time
  fi
  if wants rss && [[ -n $timebin ]]; then
    record "rss: peak RSS of the csv-load process" MiB pandas "$([[ -n $python ]] && echo "$tmp/rss.p")" "$tmp/rss.s" rss
  fi
}

csv_save() {
  local r s p
  : >"$tmp/save.s"; : >"$tmp/save.p"
  echo "csv-save: warm-up (2 runs per side, not counted)"
  for r in 1 2; do
    sluice_csv_run save "sluice-bench: save rows_out " >/dev/null
    [[ -z $python ]] || pandas_run "pandas: to_csv " "$py_save" >/dev/null
  done
  for ((r = 1; r <= rounds; r++)); do
    read -r -a s <<<"$(sluice_csv_run save "sluice-bench: save rows_out ")"
    echo "${s[0]}" >>"$tmp/save.s"
    if [[ -n $python ]]; then
      read -r -a p <<<"$(pandas_run "pandas: to_csv " "$py_save")"
      echo "${p[0]}" >>"$tmp/save.p"
      round_line "$r" "${s[0]} ms" pandas "${p[0]} ms"
    else
      round_line "$r" "${s[0]} ms"
    fi
  done
  record "csv-save: 1M x 5 CSV save, fresh process" ms pandas "$([[ -n $python ]] && echo "$tmp/save.p")" "$tmp/save.s" time
}

warm_sluice() {
  local -a opts=()
  [[ -z $warm_opts ]] || read -r -a opts <<<"$warm_opts"
  "$java" "${opts[@]}" -cp "$benchjar" io.sluice.bench.WarmCsvLoad "$data" "$warm_loads" >"$tmp/warm.out" 2>&1 ||
    { echo "paired-bench: WarmCsvLoad failed:" >&2; cat "$tmp/warm.out" >&2; exit 1; }
  # the median of the later half of the loads, as on the pandas side
  awk -v n="$warm_loads" '/^sluice-bench: warm load / && $4 > int(n / 2) { print $5 }' "$tmp/warm.out" >"$tmp/warm.later"
  stats "$tmp/warm.later" | cut -d ' ' -f 1
}

warm() {
  local r s p
  : >"$tmp/warm.s"; : >"$tmp/warm.p"
  echo "warm: $warm_loads loads per process, median of the later $((warm_loads - warm_loads / 2)); warm-up 1 process per side, not counted"
  warm_sluice >/dev/null
  [[ -z $python ]] || "$python" -c "$py_warm" "$data" - "$warm_loads" >/dev/null 2>&1
  for ((r = 1; r <= rounds; r++)); do
    s=$(warm_sluice)
    echo "$s" >>"$tmp/warm.s"
    if [[ -n $python ]]; then
      "$python" -c "$py_warm" "$data" - "$warm_loads" >"$tmp/pwarm.out" 2>/dev/null ||
        { echo "paired-bench: the pandas warm run failed" >&2; exit 1; }
      p=$(field_after "$tmp/pwarm.out" "pandas: warm median ")
      echo "$p" >>"$tmp/warm.p"
      round_line "$r" "$s ms" pandas "$p ms"
    else
      round_line "$r" "$s ms"
    fi
  done
  record "warm: 1M x 5 CSV load, warmed, one process" ms pandas "$([[ -n $python ]] && echo "$tmp/warm.p")" "$tmp/warm.s" time
}

hello() {
  local r t0 t1 s k
  : >"$tmp/hello.s"; : >"$tmp/hello.k"
  echo "hello: warm-up (2 runs per side, not counted)"
  for r in 1 2; do
    "$root/bin/sluice" -C examples/hello run -q >/dev/null 2>&1 ||
      { echo "paired-bench: bin/sluice -C examples/hello run -q failed" >&2; exit 1; }
    [[ -z $kedro ]] || (cd "$KEDRO_PROJECT" && "$kedro" run >/dev/null 2>&1)
  done
  for ((r = 1; r <= rounds; r++)); do
    t0=$(now_ns)
    "$root/bin/sluice" -C examples/hello run -q >/dev/null 2>&1
    t1=$(now_ns)
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
    echo "$s" >>"$tmp/hello.s"
    if [[ -n $kedro ]]; then
      t0=$(now_ns)
      (cd "$KEDRO_PROJECT" && "$kedro" run >/dev/null 2>&1)
      t1=$(now_ns)
      k=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
      echo "$k" >>"$tmp/hello.k"
      round_line "$r" "$s ms" kedro "$k ms"
    else
      round_line "$r" "$s ms"
    fi
  done
  record "hello: 10-node run, wall incl. JVM start" ms kedro "$([[ -n $kedro ]] && echo "$tmp/hello.k")" "$tmp/hello.s" time
}

# ---- header -----------------------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
ram=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
echo "paired-bench: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $rounds rounds, workloads: ${selected[*]}"
echo "machine:  $(nproc) cores, ${cpu:-unknown CPU}, ${ram:-unknown RAM}, $(uname -sr)"
echo "load:     $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || uptime) (1/5/15 min) at start"
echo "java:     $java: $("$java" -version 2>&1 | head -n 2 | tail -n 1)"
echo "sluice:   $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (uncommitted changes)'), bin/sluice flags: ${SLUICE_JAVA_OPTS-its defaults}"
# Which Sluice jars the projects run on: a project built without -am takes them from ~/.m2, which
# may hold another checkout's build.
for cpf in "$project/target/sluice.classpath" "$root/examples/hello/target/sluice.classpath"; do
  [[ -f $cpf ]] || continue
  core=$(tr ':' '\n' <"$cpf" | grep -m 1 '/sluice-core[^/]*\.jar$' || true)
  echo "jars:     ${cpf#"$root"/} uses ${core:-no sluice-core jar}"
  if [[ -n $core && $core != "$root"/* ]]; then
    echo "          (not this checkout's build: to measure it, (cd $root && mvn -B -q -pl ${cpf#"$root"/} -am package -DskipTests)" | sed 's#/target/sluice.classpath##'
  fi
done
if [[ -n $python ]]; then
  echo "pandas:   $("$python" -c 'import sys, pandas, numpy; print(f"pandas {pandas.__version__}, numpy {numpy.__version__}, python {sys.version.split()[0]}")') ($python)"
fi
[[ -z $kedro ]] || echo "kedro:    $("$kedro" --version 2>/dev/null | head -n 1) ($kedro, project $KEDRO_PROJECT)"
for m in "${missing[@]}"; do
  echo "$m"
done
echo

ran=0
if wants csv-load || wants rss || wants csv-save; then
  if [[ $have_project == no ]]; then
    build_hint "the csv-load benchmark project (sluice-bench/projects/csv-load/target)" sluice-bench/projects/csv-load
  else
    ensure_data
    echo "input:    ${data#"$root"/}, $(stat -c %s "$data") bytes"
    if wants csv-load || wants rss; then csv_load; ran=1; fi
    if wants csv-save; then csv_save; ran=1; fi
  fi
fi
if wants warm; then
  if [[ $have_project == no ]]; then
    build_hint "the csv-load benchmark project (it generates the input)" sluice-bench/projects/csv-load
  elif [[ $have_benchjar == no ]]; then
    build_hint "sluice-bench/target/benchmarks.jar" sluice-bench
  else
    ensure_data
    warm; ran=1
  fi
fi
if wants hello; then
  if [[ $have_hello == no ]]; then
    build_hint "examples/hello/target/sluice.classpath" examples/hello
  else
    hello; ran=1
  fi
fi

echo
echo "== medians of $rounds rounds, [min-max]; $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null) at the end"
[[ ! -s $tmp/jvm ]] || echo "sluice run JVM (as bin/sluice chose it): $(<"$tmp/jvm")"
[[ ! -s $tmp/warm.s ]] || echo "warm JVM: $java ${warm_opts:-(no flags)}"
for l in "${results[@]}"; do
  echo "$l"
done
((ran)) || exit 1
