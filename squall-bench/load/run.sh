#!/usr/bin/env bash
# Whole-server load harness: Squall (web layer and raw HTTP layer) side by side with Netty, Vert.x,
# Undertow and Tornado, every scenario against every server, on loopback only.
# See squall-bench/README.md, "Whole-server load".
#
# usage: squall-bench/load/run.sh [options]
#   -s, --scenarios LIST   comma-separated, in this order by default:
#                          plaintext,plaintext-pipelined,json,static,fortunes,websocket-echo,slow-mix,idle
#   -S, --servers LIST     comma-separated (default: squall-web,squall-raw,netty,vertx,undertow,tornado,tornado-mp)
#   -r, --rounds N         measured rounds (default 2); each round takes the scenarios in turn and,
#                          within a scenario, every server in a rotated order
#   -d, --duration D       length of each measured cell, wrk syntax (default 10s)
#   -w, --warmup D         warm-up of each scenario per server before the first round (default 5s)
#   -c, --connections N    connections per cell (default 64; slow-mix splits them 9:1)
#   -l, --loops N          event loops of each Java server (default 1); tornado-mp forks max(2, cores
#                          of SERVER_CPU) processes
#   -i, --idle N           connections of the idle scenario, each kind (default 10000)
#   --slow-connections N   slow-mix: connections of the /slow wrk (default a tenth of -c); the fast
#                          wrk keeps -c minus a tenth either way
#   -h, --help
#
# Environment: PORT (first loopback port, default 18080), JVM_OPTS (default "-Xms64m -Xmx512m"),
# SERVER_CPU / WRK_CPU (cores for taskset; default 1 and 0; PIN=0 turns pinning off), THREADS (wrk
# threads, default 2), JFR=1 (a JFR profile of the Squall servers beside their logs), SKIP_BUILD=1
# (use the classes already in squall-bench/target), OUT (raw output, default
# squall-bench/target/load/TIME), RESULTS (where results.md/.png and the .psv files are copied,
# default squall-bench/results).
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
COMMAND="squall-bench/load/run.sh $*"

ALL_SCENARIOS="plaintext,plaintext-pipelined,json,static,fortunes,websocket-echo,slow-mix,idle"
SCENARIOS=$ALL_SCENARIOS
SERVERS="squall-web,squall-raw,netty,vertx,undertow,tornado,tornado-mp"
ROUNDS=2
DURATION=10s
WARMUP=5s
CONNECTIONS=64
LOOPS=1
IDLE_N=10000
SLOW_CONNECTIONS=""
while [ $# -gt 0 ]; do
  case "$1" in
    -s | --scenarios) SCENARIOS=$2; shift 2 ;;
    -S | --servers) SERVERS=$2; shift 2 ;;
    -r | --rounds) ROUNDS=$2; shift 2 ;;
    -d | --duration) DURATION=$2; shift 2 ;;
    -w | --warmup) WARMUP=$2; shift 2 ;;
    -c | --connections) CONNECTIONS=$2; shift 2 ;;
    -l | --loops) LOOPS=$2; shift 2 ;;
    -i | --idle) IDLE_N=$2; shift 2 ;;
    --slow-connections) SLOW_CONNECTIONS=$2; shift 2 ;;
    -h | --help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
JVM_OPTS=${JVM_OPTS:-"-Xms64m -Xmx512m"}
OUT=${OUT:-"$ROOT/squall-bench/target/load/$(date +%Y%m%d-%H%M%S)"}
RESULTS=${RESULTS:-"$ROOT/squall-bench/results"}
IFS=, read -r -a SCENARIO_LIST <<<"$SCENARIOS"
IFS=, read -r -a NAMES <<<"$SERVERS"
for s in "${SCENARIO_LIST[@]}"; do
  case ",$ALL_SCENARIOS," in *",$s,"*) ;; *) echo "unknown scenario: $s" >&2; exit 2 ;; esac
done

main_class() {
  case "$1" in
    squall-web) echo io.squall.bench.load.SquallWebServer ;;
    squall-raw) echo io.squall.bench.load.SquallRawServer ;;
    netty) echo io.squall.bench.load.NettyServer ;;
    vertx) echo io.squall.bench.load.VertxServer ;;
    undertow) echo io.squall.bench.load.UndertowServer ;;
    jdk) echo io.squall.bench.load.JdkServer ;;
    tornado | tornado-mp) echo python ;;
    *) echo "unknown server: $1" >&2; return 1 ;;
  esac
}

# Which scenarios a server takes part in: squall-raw is Squall's HTTP layer alone (no static files,
# templates, WebSocket or @Blocking), and the JDK server only answers /hello and /json.
supports() { # server scenario
  case "$1" in
    squall-raw | jdk) case "$2" in plaintext | plaintext-pipelined | json) return 0 ;; *) return 1 ;; esac ;;
    *) return 0 ;;
  esac
}

# --- everything this script starts is stopped on exit -------------------------------------------
SERVER_PIDS=()
stop_server() {
  local pid=$1 child children
  # the parent first: tornado-mp's parent would fork a new child for each one that dies
  children=$(pgrep -P "$pid" 2>/dev/null || true)
  kill "$pid" 2>/dev/null || return 0
  for child in $children; do kill "$child" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    stop_server "$pid"
  done
  SERVER_PIDS=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools --------------------------------------------------------------------------------------
command -v wrk >/dev/null 2>&1 || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || { echo "curl is needed" >&2; exit 1; }
PY=/usr/bin/python3 # Debian's, with python3-tornado (a pyenv python3 on PATH may lack it)
if [[ ",$SERVERS," == *,tornado* ]] && ! "$PY" -c 'import tornado' 2>/dev/null; then
  echo "the tornado peers need $PY with python3-tornado (apt-get install python3-tornado)" >&2
  exit 1
fi

. .mvn/find-jdk.sh
JAVA="$JAVA_HOME/bin/java"
JCMD="$JAVA_HOME/bin/jcmd"
JSTAT="$JAVA_HOME/bin/jstat"

mvn_locked() { # the machine-wide build lock when there is one (shared machines), else plain
  if command -v flock >/dev/null 2>&1; then flock /tmp/squall-build.lock ./mvnw "$@"; else ./mvnw "$@"; fi
}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building squall-bench and the modules it needs (Squall, the Java peers' jars)"
  # offline first (fast when the dependencies are cached), online if something is missing
  mvn_locked -q -o -B -ntp -pl squall-bench -am package -DskipTests 2>/dev/null ||
    mvn_locked -q -B -ntp -pl squall-bench -am package -DskipTests
fi
CP="$ROOT/squall-bench/target/classes:$ROOT/squall-bench/target/lib/*"

PIN_SERVER=()
PIN_LOAD=()
SERVER_CPUS=1
if [ "${PIN:-1}" = 1 ] && command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  PIN_SERVER=(taskset -c "${SERVER_CPU:-1}")
  PIN_LOAD=(taskset -c "${WRK_CPU:-0}")
  PINNING="server on CPU ${SERVER_CPU:-1}, load client on CPU ${WRK_CPU:-0} (taskset)"
  SERVER_CPUS=$("${PIN_SERVER[@]}" nproc)
else
  PINNING="not pinned"
  SERVER_CPUS=$(nproc)
fi
TORNADO_PROCS=$((SERVER_CPUS > 2 ? SERVER_CPUS : 2))

# file descriptors: the idle scenario holds IDLE_N connections on each side
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [[ ",$SCENARIOS," == *,idle,* ]] && [ "$(ulimit -n)" -le $((IDLE_N + 1000)) ]; then
  echo "ulimit -n is $(ulimit -n): too low for --idle $IDLE_N; raise the hard limit or lower --idle" >&2
  exit 1
fi

secs() { local d=${1%s}; echo "${d%.*}"; }

mkdir -p "$OUT" "$RESULTS"
STATIC_DIR="$OUT/static"
for i in "${!NAMES[@]}"; do
  main_class "${NAMES[$i]}" >/dev/null
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$((PORT + i))/"; then
    echo "something already answers on port $((PORT + i)); set PORT" >&2
    exit 1
  fi
done

LOAD_BEFORE=$(cat /proc/loadavg)
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -1)
WRK_VERSION=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2 || true)
echo "== $(nproc) cores, $PINNING; load before: $LOAD_BEFORE"
echo "== $JAVA_VERSION; $WRK_VERSION; scenarios $SCENARIOS; servers $SERVERS"
echo "== $ROUNDS rounds of $DURATION per cell after $WARMUP warm-up, $CONNECTIONS connections; raw output in $OUT"

# --- servers ------------------------------------------------------------------------------------
start_server() { # name port log -> pid in STARTED_PID
  local name=$1 port=$2 log=$3 cls
  cls=$(main_class "$name")
  case "$name" in
    tornado) "${PIN_SERVER[@]}" "$PY" squall-bench/load/tornado_server.py "$port" 1 "$STATIC_DIR" >"$log" 2>&1 & ;;
    tornado-mp) "${PIN_SERVER[@]}" "$PY" squall-bench/load/tornado_server.py "$port" "$TORNADO_PROCS" "$STATIC_DIR" >"$log" 2>&1 & ;;
    *)
      local jfr=()
      if [ "${JFR:-0}" = 1 ] && [[ $name == squall-* ]]; then
        jfr=("-XX:StartFlightRecording=filename=${log%.log}.jfr,settings=profile,dumponexit=true")
      fi
      # shellcheck disable=SC2086
      "${PIN_SERVER[@]}" "$JAVA" $JVM_OPTS "${jfr[@]}" -Dlogback.configurationFile="$ROOT/squall-bench/load/logback.xml" \
        -cp "$CP" "$cls" "$port" "$LOOPS" "$STATIC_DIR" >"$log" 2>&1 &
      ;;
  esac
  STARTED_PID=$!
  SERVER_PIDS+=("$STARTED_PID")
}

wait_until_up() { # pid log base
  local pid=$1 log=$2 base=$3
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { echo "server exited; its log:" >&2; cat "$log" >&2; return 1; }
    if curl -s -o /dev/null --max-time 1 "$base/hello"; then return 0; fi
    sleep 0.2
  done
  echo "server did not answer within 30 s; its log:" >&2
  cat "$log" >&2
  return 1
}

# Checks each path the server's scenarios use; notes missing Server/Date headers (TechEmpower asks
# for both) in HEADER_NOTES.
HEADER_NOTES=""
check_answers() { # name base
  local name=$1 base=$2 problems="" body head
  body=$(curl -s --max-time 5 "$base/hello")
  [ "$body" = "Hello, world" ] || problems+=" /hello body '$body';"
  body=$(curl -s --max-time 5 "$base/json" | tr -d ' ')
  [ "$body" = '{"message":"Hello,World!"}' ] || problems+=" /json body '$body';"
  head=$(curl -s -D - -o /dev/null --max-time 5 "$base/hello" | tr -d '\r')
  grep -qi '^date:' <<<"$head" || HEADER_NOTES+=" $name has no Date header;"
  grep -qi '^server:' <<<"$head" || HEADER_NOTES+=" $name has no Server header;"
  if supports "$name" static; then
    body=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' --max-time 5 "$base/static/64k.bin")
    [ "$body" = "200 65536" ] || problems+=" /static/64k.bin: '$body';"
    body=$(curl -s --max-time 5 "$base/fortunes")
    grep -q '&lt;script&gt;' <<<"$body" || problems+=" /fortunes does not escape;"
    grep -q 'Additional fortune added at request time.' <<<"$body" || problems+=" /fortunes lacks the added row;"
    [ "$(grep -o '<tr>' <<<"$body" | wc -l)" = 14 ] || problems+=" /fortunes has not 13 rows;"
    body=$(curl -s --max-time 5 "$base/slow")
    [ "$body" = "slow" ] || problems+=" /slow body '$body';"
  fi
  if [ -n "$problems" ]; then
    echo "!! $name answers wrongly:$problems" >&2
    return 1
  fi
}

run_wrk() { # out-file connections duration url [lua-script [script args...]]
  local f=$1 c=$2 d=$3 url=$4 script=()
  shift 4
  if [ $# -gt 0 ]; then script=(-s "$1"); shift; fi
  timeout $(($(secs "$d") + 30)) "${PIN_LOAD[@]}" wrk -t"$THREADS" -c"$c" -d"$d" --latency "${script[@]}" "$url" \
    ${1+--} "$@" >"$f" 2>&1 || true
}

# wrk output file -> "rps p50ms p99ms errors"
parse_wrk() {
  awk '
    function ms(v) {
      if (v ~ /us$/) return (v + 0) / 1000
      if (v ~ /ms$/) return v + 0
      if (v ~ /m$/) return (v + 0) * 60000
      if (v ~ /s$/) return (v + 0) * 1000
      return v + 0
    }
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { err += $NF }
    /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
    END { printf "%s %s %s %d\n", (rps == "" ? 0 : rps), (p50 == "" ? "-" : p50), (p99 == "" ? "-" : p99), err }
  ' "$1" 2>/dev/null || echo "0 - - 0"
}

run_ws() { # out-file port warmup-seconds seconds
  timeout $(($3 + $4 + 60)) "${PIN_LOAD[@]}" "$JAVA" -Xmx512m -cp "$CP" io.squall.bench.load.client.WebSocketEchoLoad \
    127.0.0.1 "$2" /ws "$CONNECTIONS" "$3" "$4" >"$1" 2>&1 || true
}
parse_ws() { awk '$1 == "RESULT" { print $2, $3, $4, $5; found = 1 } END { if (!found) print "0 - - 1" }' "$1"; }

SLOW_C=$(((CONNECTIONS + 5) / 10))
[ "$SLOW_C" -ge 1 ] || SLOW_C=1
FAST_C=$((CONNECTIONS - SLOW_C))
[ "$FAST_C" -ge 1 ] || FAST_C=1
[ -z "$SLOW_CONNECTIONS" ] || SLOW_C=$SLOW_CONNECTIONS

RESULTS_PSV="$OUT/results.psv" # scenario|server|round|rps|p50ms|p99ms|errors
IDLE_PSV="$OUT/idle.psv"       # server|kind|n|still|rssBefore|rssAfter|heapBefore|heapAfter (KiB)
: >"$RESULTS_PSV"
: >"$IDLE_PSV"

record() { # scenario server round file parser
  local rps p50 p99 err
  read -r rps p50 p99 err <<<"$($5 "$4")"
  echo "$1|$2|$3|$rps|$p50|$p99|$err" >>"$RESULTS_PSV"
  echo "   $1 $2: $rps/s p50 $p50 ms p99 $p99 ms errors $err" >&2
}

# One cell: one scenario against one server. round 0 is the warm-up (nothing recorded).
run_cell() { # scenario name base port round duration
  local sc=$1 name=$2 base=$3 port=$4 round=$5 d=$6 f
  f="$OUT/$sc-$name-round$round"
  case "$sc" in
    plaintext) run_wrk "$f.txt" "$CONNECTIONS" "$d" "$base/hello" ;;
    plaintext-pipelined) run_wrk "$f.txt" "$CONNECTIONS" "$d" "$base/hello" squall-bench/load/pipeline.lua 16 ;;
    json) run_wrk "$f.txt" "$CONNECTIONS" "$d" "$base/json" ;;
    static) run_wrk "$f.txt" "$CONNECTIONS" "$d" "$base/static/64k.bin" ;;
    fortunes) run_wrk "$f.txt" "$CONNECTIONS" "$d" "$base/fortunes" ;;
    websocket-echo) run_ws "$f.txt" "$port" 2 "$(secs "$d")" ;;
    slow-mix)
      run_wrk "$f-fast-alone.txt" "$FAST_C" "$d" "$base/hello"
      run_wrk "$f-fast-with-slow.txt" "$FAST_C" "$d" "$base/hello" &
      local fast=$!
      run_wrk "$f-slow.txt" "$SLOW_C" "$d" "$base/slow"
      wait "$fast" || true
      ;;
  esac
  [ "$round" -gt 0 ] || return 0
  case "$sc" in
    websocket-echo) record "$sc" "$name" "$round" "$f.txt" parse_ws ;;
    slow-mix)
      record slow-mix-fast-alone "$name" "$round" "$f-fast-alone.txt" parse_wrk
      record slow-mix-fast-with-slow "$name" "$round" "$f-fast-with-slow.txt" parse_wrk
      record slow-mix-slow "$name" "$round" "$f-slow.txt" parse_wrk
      ;;
    *) record "$sc" "$name" "$round" "$f.txt" parse_wrk ;;
  esac
}

# --- throughput scenarios: every server up at once, on its own port -----------------------------
LOAD_SCENARIOS=()
for s in "${SCENARIO_LIST[@]}"; do [ "$s" = idle ] || LOAD_SCENARIOS+=("$s"); done
declare -A PIDS BASES PORTS STATE
if [ ${#LOAD_SCENARIOS[@]} -gt 0 ]; then
  for i in "${!NAMES[@]}"; do
    name=${NAMES[$i]}
    PORTS[$name]=$((PORT + i))
    BASES[$name]="http://127.0.0.1:$((PORT + i))"
    start_server "$name" "${PORTS[$name]}" "$OUT/$name.log"
    PIDS[$name]=$STARTED_PID
  done
  for name in "${NAMES[@]}"; do
    if ! wait_until_up "${PIDS[$name]}" "$OUT/$name.log" "${BASES[$name]}"; then
      STATE[$name]="did not start"
    elif ! check_answers "$name" "${BASES[$name]}"; then
      STATE[$name]="wrong answers"
    else
      STATE[$name]=ok
    fi
  done
  for name in "${NAMES[@]}"; do
    [ "${STATE[$name]}" = ok ] || continue
    echo "-- warming up $name (pid ${PIDS[$name]})" >&2
    for sc in "${LOAD_SCENARIOS[@]}"; do
      supports "$name" "$sc" || continue
      run_cell "$sc" "$name" "${BASES[$name]}" "${PORTS[$name]}" 0 "$WARMUP"
    done
  done
  n=${#NAMES[@]}
  for round in $(seq 1 "$ROUNDS"); do
    for sc in "${LOAD_SCENARIOS[@]}"; do
      echo "-- round $round of $ROUNDS: $sc" >&2
      for k in $(seq 0 $((n - 1))); do
        name=${NAMES[$(((k + round - 1) % n))]}
        [ "${STATE[$name]}" = ok ] || continue
        supports "$name" "$sc" || continue
        run_cell "$sc" "$name" "${BASES[$name]}" "${PORTS[$name]}" "$round" "$DURATION"
      done
    done
  done
  cleanup
fi

# --- idle: one fresh server at a time ------------------------------------------------------------
rss_kib() { # pid: VmRSS of it and its children
  local total=0 p v
  for p in "$1" $(pgrep -P "$1" 2>/dev/null || true); do
    v=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}
heap_kib() { # pid: used heap after a full GC, or -1 for a process without a JVM heap
  local name=$1 pid=$2
  case "$name" in tornado*) echo -1; return ;; esac
  "$JCMD" "$pid" GC.run >/dev/null 2>&1 || true
  "$JSTAT" -gc "$pid" 2>/dev/null | awk '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    NR == 2 { printf "%.0f\n", $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"] }' || echo -1
}
settle() { # name pid: a full GC for the JVMs (so RSS and heap are read on the live set), then a pause
  case "$1" in tornado*) ;; *) "$JCMD" "$2" GC.run >/dev/null 2>&1 || true ;; esac
  sleep 2
}

if [[ ",$SCENARIOS," == *,idle,* ]]; then
  for i in "${!NAMES[@]}"; do
    name=${NAMES[$i]}
    supports "$name" static || continue # the idle scenario needs /ws: not the raw layer
    port=$((PORT + i))
    base="http://127.0.0.1:$port"
    echo "-- idle: $name" >&2
    start_server "$name" "$port" "$OUT/$name-idle.log"
    pid=$STARTED_PID
    wait_until_up "$pid" "$OUT/$name-idle.log" "$base" || continue
    # load the classes and JIT the paths once, as a serving process would have
    run_wrk "$OUT/idle-$name-warmup.txt" 16 2s "$base/hello"
    timeout 60 "${PIN_LOAD[@]}" "$JAVA" -cp "$CP" io.squall.bench.load.client.WebSocketEchoLoad \
      127.0.0.1 "$port" /ws 16 0 1 >"$OUT/idle-$name-ws-warmup.txt" 2>&1 || true
    for kind in http ws; do
      settle "$name" "$pid"
      rss0=$(rss_kib "$pid")
      heap0=$(heap_kib "$name" "$pid")
      coproc IDLE { "${PIN_LOAD[@]}" "$JAVA" -Xmx1g -cp "$CP" io.squall.bench.load.client.IdleConnections \
        127.0.0.1 "$port" "$kind" "$IDLE_N" 2>"$OUT/idle-$name-$kind-client.log"; }
      ready=""
      read -r -t 300 ready <&"${IDLE[0]}" || true
      if [[ $ready != READY* ]]; then
        echo "!! $name: idle $kind client did not get its connections open:" >&2
        cat "$OUT/idle-$name-$kind-client.log" >&2
        kill "$IDLE_PID" 2>/dev/null || true
        wait "$IDLE_PID" 2>/dev/null || true
        continue
      fi
      settle "$name" "$pid"
      rss1=$(rss_kib "$pid")
      heap1=$(heap_kib "$name" "$pid")
      echo close >&"${IDLE[1]}"
      still=""
      read -r -t 120 _ still <&"${IDLE[0]}" || true
      wait "$IDLE_PID" 2>/dev/null || true
      echo "$name|$kind|${ready#READY }|${still:-0}|$rss0|$rss1|$heap0|$heap1" >>"$IDLE_PSV"
      echo "   idle $kind $name: ${ready#READY } open, ${still:-?} still open; RSS $rss0 -> $rss1 KiB; heap $heap0 -> $heap1 KiB" >&2
    done
    cleanup
  done
fi
LOAD_AFTER=$(cat /proc/loadavg)

# --- report --------------------------------------------------------------------------------------
{
  echo "# Load harness results"
  echo
  echo "Produced by \`$COMMAND\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; $PINNING."
  echo "- \`lscpu\`: $(lscpu | awk -F: '/^(Architecture|CPU\(s\)|Model name|Thread\(s\) per core|Hypervisor vendor)/ { gsub(/^ +/, "", $2); printf "%s: %s; ", $1, $2 }')"
  echo "- $JAVA_VERSION; JVM_OPTS=\"$JVM_OPTS\" (one core visible to each server JVM, so the JVM picks the Serial GC); $LOOPS loop(s) per Java server; tornado-mp = $TORNADO_PROCS processes with SO_REUSEPORT."
  echo "- Tornado $("$PY" -c 'import tornado; print(tornado.version)' 2>/dev/null) on $("$PY" --version 2>&1); $WRK_VERSION, -t$THREADS."
  extra=""
  [[ ",$SCENARIOS," != *,slow-mix,* ]] || extra+=" (slow-mix: $FAST_C fast + $SLOW_C slow)"
  [[ ",$SCENARIOS," != *,idle,* ]] || extra+="; idle: $IDLE_N connections of each kind"
  echo "- $ROUNDS round(s) of $DURATION per cell after a $WARMUP warm-up of each scenario; $CONNECTIONS connections$extra."
  echo "- The machine may be shared: other processes' load (the load average below) falls on the server's and the client's core alike."
  echo "- /proc/loadavg before: $LOAD_BEFORE; after: $LOAD_AFTER."
  [ -z "$HEADER_NOTES" ] || echo "- Headers:$HEADER_NOTES"
  for name in "${NAMES[@]}"; do
    [ "${STATE[$name]:-ok}" = ok ] || echo "- **$name: ${STATE[$name]}** (not measured)"
  done
} >"$OUT/meta.md"
"$JAVA" -Djava.awt.headless=true -cp "$CP" io.squall.bench.load.report.LoadReport "$OUT"
cp "$OUT/results.md" "$OUT/results.png" "$OUT/results.psv" "$OUT/idle.psv" "$OUT/meta.md" "$RESULTS/"
cat "$OUT/results.md"
echo
echo "raw output and server logs: $OUT; tables and chart copied to $RESULTS"
