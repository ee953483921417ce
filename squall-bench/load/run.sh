#!/usr/bin/env bash
# Whole-server load test: Squall (web layer and raw HTTP layer) side by side with Netty, Vert.x and
# the JDK's HttpServer, in one run, on loopback only. See squall-bench/README.md, "Whole-server load".
#
# usage: squall-bench/load/run.sh [LOOPS ...]        (default: 1 2)
#
# Settings (environment):
#   SERVERS      servers to run, in order (default: "squall-web squall-raw netty vertx jdk")
#   DURATION     length of each measured wrk run (default 10s)
#   WARMUP       length of the wrk warm-up of each path before measuring (default 5s)
#   THREADS      wrk threads (default 2)       CONNECTIONS  wrk connections (default 64)
#   PORT         loopback port the servers listen on (default 18080)
#   JVM_OPTS     flags of every server JVM (default "-Xms64m -Xmx512m")
#   SERVER_CPU / WRK_CPU  cores to pin the server and wrk to with taskset (default 1 and 0 on a
#                machine with 2+ cores; PIN=0 turns pinning off)
#   JFR=1        record a JFR profile of the Squall servers (written beside the results)
#   SKIP_BUILD=1 use the classes already in squall-bench/target
#   OUT          directory for the raw wrk output and results.md (default squall-bench/target/load/TIME)
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)

LOOPS_LIST=("$@")
[ ${#LOOPS_LIST[@]} -gt 0 ] || LOOPS_LIST=(1 2)
SERVERS=${SERVERS:-"squall-web squall-raw netty vertx jdk"}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18080}
JVM_OPTS=${JVM_OPTS:-"-Xms64m -Xmx512m"}
OUT=${OUT:-"$ROOT/squall-bench/target/load/$(date +%Y%m%d-%H%M%S)"}
BASE="http://127.0.0.1:$PORT"

main_class() {
  case "$1" in
    squall-web) echo io.squall.bench.load.SquallWebServer ;;
    squall-raw) echo io.squall.bench.load.SquallRawServer ;;
    netty) echo io.squall.bench.load.NettyServer ;;
    vertx) echo io.squall.bench.load.VertxServer ;;
    jdk) echo io.squall.bench.load.JdkServer ;;
    *) echo "unknown server: $1" >&2; return 1 ;;
  esac
}

# --- everything this script starts is stopped on exit -------------------------------------------
SERVER_PID=""
stop_server() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    stop_server "$SERVER_PID"
    SERVER_PID=""
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools --------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk (apt-get)"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null
  fi
fi
command -v curl >/dev/null 2>&1 || { echo "curl is needed" >&2; exit 1; }

. .mvn/find-jdk.sh
JAVA="$JAVA_HOME/bin/java"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building squall-bench"
  # offline first (fast when the dependencies are cached), online if something is missing
  ./mvnw -q -o -pl squall-bench -am package -DskipTests 2>/dev/null ||
    ./mvnw -q -pl squall-bench -am package -DskipTests
fi
CP="$ROOT/squall-bench/target/classes:$ROOT/squall-bench/target/lib/*"

PIN_SERVER=()
PIN_WRK=()
if [ "${PIN:-1}" = 1 ] && command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  PIN_SERVER=(taskset -c "${SERVER_CPU:-1}")
  PIN_WRK=(taskset -c "${WRK_CPU:-0}")
  PINNING="server on CPU ${SERVER_CPU:-1}, wrk on CPU ${WRK_CPU:-0} (taskset)"
else
  PINNING="not pinned"
fi

secs() { local d=${1%s}; echo "${d%.*}"; }

mkdir -p "$OUT"
if curl -s -o /dev/null --max-time 1 "$BASE/"; then
  echo "something already answers on port $PORT; set PORT" >&2
  exit 1
fi

LOAD_BEFORE=$(cat /proc/loadavg)
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -1)
WRK_VERSION=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2 || true)
echo "== $(nproc) cores, $PINNING; load before: $LOAD_BEFORE"
echo "== $JAVA_VERSION; $WRK_VERSION; wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency after ${WARMUP} warm-up per path"

# --- one server -----------------------------------------------------------------------------------
# Prints one result line: name loops hello_rps hello_p50 hello_p99 json_rps json_p50 json_p99 hwm rss errors
wait_until_up() {
  local pid=$1 log=$2
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { echo "server exited; its log:" >&2; cat "$log" >&2; return 1; }
    if curl -s -o /dev/null --max-time 1 "$BASE/hello"; then return 0; fi
    sleep 0.2
  done
  echo "server did not answer within 30 s; its log:" >&2
  cat "$log" >&2
  return 1
}

check_answers() {
  local name=$1 problems=""
  local hello json htype jtype
  hello=$(curl -s --max-time 5 "$BASE/hello")
  json=$(curl -s --max-time 5 "$BASE/json")
  htype=$(curl -s -o /dev/null -w '%{content_type}' --max-time 5 "$BASE/hello")
  jtype=$(curl -s -o /dev/null -w '%{content_type}' --max-time 5 "$BASE/json")
  [ "$hello" = "Hello, world" ] || problems+=" /hello body '$hello';"
  [ "$json" = '{"message":"Hello, World!"}' ] || problems+=" /json body '$json';"
  case "$htype" in text/plain*) ;; *) problems+=" /hello type '$htype';" ;; esac
  case "$jtype" in application/json*) ;; *) problems+=" /json type '$jtype';" ;; esac
  if [ -n "$problems" ]; then
    echo "!! $name answers wrongly:$problems" >&2
    return 1
  fi
}

run_wrk() { # path duration file
  timeout $(($(secs "$2") + 30)) "${PIN_WRK[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency \
    "$BASE$1" >"$3" 2>&1
}

# wrk output file -> "rps p50 p99 errors"
parse_wrk() {
  awk '
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = $2 }
    $1 == "99%" { p99 = $2 }
    /Non-2xx or 3xx responses:/ { err += $NF }
    /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
    END { printf "%s %s %s %d\n", (rps == "" ? 0 : rps), (p50 == "" ? "-" : p50), (p99 == "" ? "-" : p99), err }
  ' "$1"
}

kib_of() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$2/status"; }

run_server() {
  local name=$1 loops=$2 cls log jfr=()
  cls=$(main_class "$name")
  log="$OUT/$name-loops$loops.log"
  if [ "${JFR:-0}" = 1 ] && [[ $name == squall-* ]]; then
    jfr=("-XX:StartFlightRecording=filename=$OUT/$name-loops$loops.jfr,settings=profile,dumponexit=true")
  fi
  # shellcheck disable=SC2086
  "${PIN_SERVER[@]}" "$JAVA" $JVM_OPTS "${jfr[@]}" \
    -Dlogback.configurationFile="$ROOT/squall-bench/load/logback.xml" \
    -cp "$CP" "$cls" "$PORT" "$loops" >"$log" 2>&1 &
  SERVER_PID=$!
  wait_until_up "$SERVER_PID" "$log" || return 1
  local bad=""
  check_answers "$name" || bad="wrong answers"
  echo "-- $name (loops=$loops, pid $SERVER_PID): warming up" >&2
  run_wrk /hello "$WARMUP" "$OUT/$name-loops$loops-warmup-hello.txt"
  run_wrk /json "$WARMUP" "$OUT/$name-loops$loops-warmup-json.txt"
  echo "-- $name (loops=$loops): measuring" >&2
  run_wrk /hello "$DURATION" "$OUT/$name-loops$loops-hello.txt"
  run_wrk /json "$DURATION" "$OUT/$name-loops$loops-json.txt"
  local hwm rss h j
  hwm=$(kib_of VmHWM "$SERVER_PID")
  rss=$(kib_of VmRSS "$SERVER_PID")
  stop_server "$SERVER_PID"
  SERVER_PID=""
  read -r h_rps h_p50 h_p99 h_err <<<"$(parse_wrk "$OUT/$name-loops$loops-hello.txt")"
  read -r j_rps j_p50 j_p99 j_err <<<"$(parse_wrk "$OUT/$name-loops$loops-json.txt")"
  local errs=$((h_err + j_err))
  [ -z "$bad" ] || errs="$errs, $bad"
  echo "$name|$loops|$h_rps|$h_p50|$h_p99|$j_rps|$j_p50|$j_p99|$((hwm / 1024))|$((rss / 1024))|$errs"
}

# --- all of them ----------------------------------------------------------------------------------
RESULTS="$OUT/results.psv"
: >"$RESULTS"
for loops in "${LOOPS_LIST[@]}"; do
  for name in $SERVERS; do
    if ! run_server "$name" "$loops" >>"$RESULTS"; then
      echo "$name|$loops|0|-|-|0|-|-|0|0|did not start" >>"$RESULTS"
      cleanup
    fi
  done
done
LOAD_AFTER=$(cat /proc/loadavg)

{
  echo "$(nproc) cores, $PINNING. $JAVA_VERSION, JVM_OPTS=\"$JVM_OPTS\"."
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency per path, after a $WARMUP warm-up of each path."
  echo "/proc/loadavg before: $LOAD_BEFORE; after: $LOAD_AFTER."
  echo
  echo "| server | loops | /hello req/s | × squall-web | p50 | p99 | /json req/s | × squall-web | p50 | p99 | RSS peak MiB | RSS end MiB | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  awk -F'|' '
    { row[NR] = $0; if ($1 == "squall-web") { rh[$2] = $3; rj[$2] = $6 } }
    END {
      for (i = 1; i <= NR; i++) {
        split(row[i], f, "|")
        xh = (rh[f[2]] > 0) ? sprintf("%.2f", f[3] / rh[f[2]]) : "-"
        xj = (rj[f[2]] > 0) ? sprintf("%.2f", f[6] / rj[f[2]]) : "-"
        printf "| %s | %s | %.0f | %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %s |\n",
          f[1], f[2], f[3], xh, f[4], f[5], f[6], xj, f[7], f[8], f[9], f[10], f[11]
      }
    }' "$RESULTS"
} | tee "$OUT/results.md"
echo
echo "raw wrk output, server logs and results.md: $OUT"
