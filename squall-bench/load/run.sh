#!/usr/bin/env bash
# Whole-server load test: Squall (web layer and raw HTTP layer) side by side with Netty, Vert.x and
# the JDK's HttpServer, in one run, on loopback only. See squall-bench/README.md, "Whole-server load".
#
# usage: squall-bench/load/run.sh [LOOPS ...]        (default: 1 2)
#
# For each LOOPS value, every server is started in its own JVM on its own port (idle servers cost
# nothing), checked, warmed up, and then measured in ROUNDS rounds that take the servers in turn
# (rotating the order each round), so load from other processes on a shared machine falls on all
# of them alike rather than on whichever ran when it came. The table shows each server's best round,
# its req/s as a ratio to Squall's web layer (squall-web) in the same run, and the server's RSS.
#
# Settings (environment):
#   SERVERS      servers to run, in order (default: "squall-web squall-raw netty vertx jdk")
#   DURATION     length of each measured wrk run (default 10s)
#   WARMUP       length of the wrk warm-up of each path before measuring (default 5s)
#   THREADS      wrk threads (default 2)       CONNECTIONS  wrk connections (default 64)
#   ROUNDS       measured rounds; each round drives every server in turn, in a rotated order, and
#                the table shows each server's best round (default 2)
#   PORT         first loopback port; the servers listen on PORT, PORT+1, ... (default 18080)
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
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18080}
JVM_OPTS=${JVM_OPTS:-"-Xms64m -Xmx512m"}
OUT=${OUT:-"$ROOT/squall-bench/target/load/$(date +%Y%m%d-%H%M%S)"}

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
SERVER_PIDS=()
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
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    stop_server "$pid"
  done
  SERVER_PIDS=()
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
read -r -a NAMES <<<"$SERVERS"
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
echo "== $JAVA_VERSION; $WRK_VERSION; wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds, after ${WARMUP} warm-up per path"

# --- servers ------------------------------------------------------------------------------------
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

check_answers() { # name base
  local name=$1 base=$2 problems=""
  local hello json htype jtype
  hello=$(curl -s --max-time 5 "$base/hello")
  json=$(curl -s --max-time 5 "$base/json")
  htype=$(curl -s -o /dev/null -w '%{content_type}' --max-time 5 "$base/hello")
  jtype=$(curl -s -o /dev/null -w '%{content_type}' --max-time 5 "$base/json")
  [ "$hello" = "Hello, world" ] || problems+=" /hello body '$hello';"
  [ "$json" = '{"message":"Hello, World!"}' ] || problems+=" /json body '$json';"
  case "$htype" in text/plain*) ;; *) problems+=" /hello type '$htype';" ;; esac
  case "$jtype" in application/json*) ;; *) problems+=" /json type '$jtype';" ;; esac
  if [ -n "$problems" ]; then
    echo "!! $name answers wrongly:$problems" >&2
    return 1
  fi
}

run_wrk() { # url duration file
  timeout $(($(secs "$2") + 30)) "${PIN_WRK[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency \
    "$1" >"$3" 2>&1 || true
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
  ' "$1" 2>/dev/null || echo "0 - - 0"
}

kib_of() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$2/status" 2>/dev/null || echo 0; }

# Starts every server for one LOOPS value; fills PIDS, BASES and STATE (ok / the problem).
declare -A PIDS BASES STATE
start_all() {
  local loops=$1 i name cls log pid jfr
  for i in "${!NAMES[@]}"; do
    name=${NAMES[$i]}
    cls=$(main_class "$name")
    log="$OUT/$name-loops$loops.log"
    BASES[$name]="http://127.0.0.1:$((PORT + i))"
    jfr=()
    if [ "${JFR:-0}" = 1 ] && [[ $name == squall-* ]]; then
      jfr=("-XX:StartFlightRecording=filename=$OUT/$name-loops$loops.jfr,settings=profile,dumponexit=true")
    fi
    # shellcheck disable=SC2086
    "${PIN_SERVER[@]}" "$JAVA" $JVM_OPTS "${jfr[@]}" \
      -Dlogback.configurationFile="$ROOT/squall-bench/load/logback.xml" \
      -cp "$CP" "$cls" "$((PORT + i))" "$loops" >"$log" 2>&1 &
    pid=$!
    PIDS[$name]=$pid
    SERVER_PIDS+=("$pid")
  done
  for name in "${NAMES[@]}"; do
    if ! wait_until_up "${PIDS[$name]}" "$OUT/$name-loops$loops.log" "${BASES[$name]}"; then
      STATE[$name]="did not start"
    elif ! check_answers "$name" "${BASES[$name]}"; then
      STATE[$name]="wrong answers"
    else
      STATE[$name]=ok
    fi
  done
}

# --- all of them ----------------------------------------------------------------------------------
RESULTS="$OUT/results.psv" # name|loops|round|path|rps|p50|p99|errors
MEMORY="$OUT/memory.psv"   # name|loops|hwm MiB|rss MiB|state
: >"$RESULTS"
: >"$MEMORY"
for loops in "${LOOPS_LIST[@]}"; do
  start_all "$loops"
  for name in "${NAMES[@]}"; do
    [ "${STATE[$name]}" != "did not start" ] || continue
    echo "-- loops=$loops: warming up $name (pid ${PIDS[$name]})" >&2
    for path in /hello /json; do
      run_wrk "${BASES[$name]}$path" "$WARMUP" "$OUT/$name-loops$loops-warmup${path//\//-}.txt"
    done
  done
  n=${#NAMES[@]}
  for round in $(seq 1 "$ROUNDS"); do
    echo "-- loops=$loops: round $round of $ROUNDS" >&2
    for k in $(seq 0 $((n - 1))); do
      name=${NAMES[$(((k + round - 1) % n))]}
      [ "${STATE[$name]}" != "did not start" ] || continue
      for path in /hello /json; do
        f="$OUT/$name-loops$loops-round$round${path//\//-}.txt"
        run_wrk "${BASES[$name]}$path" "$DURATION" "$f"
        read -r rps p50 p99 err <<<"$(parse_wrk "$f")"
        echo "$name|$loops|$round|$path|$rps|$p50|$p99|$err" >>"$RESULTS"
      done
    done
  done
  for name in "${NAMES[@]}"; do
    hwm=$(kib_of VmHWM "${PIDS[$name]}")
    rss=$(kib_of VmRSS "${PIDS[$name]}")
    echo "$name|$loops|$((${hwm:-0} / 1024))|$((${rss:-0} / 1024))|${STATE[$name]}" >>"$MEMORY"
  done
  cleanup
done
LOAD_AFTER=$(cat /proc/loadavg)

{
  echo "$(nproc) cores, $PINNING. $JAVA_VERSION, JVM_OPTS=\"$JVM_OPTS\"."
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency per path and server, $ROUNDS rounds, after a $WARMUP warm-up of each path."
  echo "Best round per server; p50/p99 are that round's. /proc/loadavg before: $LOAD_BEFORE; after: $LOAD_AFTER."
  echo
  echo "| server | loops | /hello req/s | × squall-web | p50 | p99 | /json req/s | × squall-web | p50 | p99 | RSS peak MiB | RSS end MiB | all rounds /hello; /json req/s | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
  awk -F'|' '
    FNR == NR {
      k = $1 "|" $2 "|" $4
      rounds[k] = rounds[k] (rounds[k] == "" ? "" : " ") sprintf("%.0f", $5)
      err[$1 "|" $2] += $8
      if (!(k in best) || $5 + 0 > best[k] + 0) { best[k] = $5; p50[k] = $6; p99[k] = $7 }
      next
    }
    {
      name = $1; loops = $2; h = name "|" loops "|/hello"; j = name "|" loops "|/json"
      rh = best["squall-web|" loops "|/hello"]; rj = best["squall-web|" loops "|/json"]
      xh = (rh > 0 && h in best) ? sprintf("%.2f", best[h] / rh) : "-"
      xj = (rj > 0 && j in best) ? sprintf("%.2f", best[j] / rj) : "-"
      e = err[name "|" loops] + 0
      state = ($5 == "ok") ? e : e ", " $5
      printf "| %s | %s | %.0f | %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %s; %s | %s |\n",
        name, loops, best[h], xh, (h in p50 ? p50[h] : "-"), (h in p99 ? p99[h] : "-"),
        best[j], xj, (j in p50 ? p50[j] : "-"), (j in p99 ? p99[j] : "-"), $3, $4,
        rounds[h], rounds[j], state
    }' "$RESULTS" "$MEMORY"
} | tee "$OUT/results.md"
echo
echo "raw wrk output, server logs and results.md: $OUT"
