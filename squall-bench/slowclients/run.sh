#!/usr/bin/env bash
# Slow-client attacks on ./demo, on loopback, bounded in time and connections (issue 16).
#
#   squall-bench/slowclients/run.sh [seconds-per-attack] [connections]     (defaults: 20, 500)
#
# Starts the demo hub on a free port, then runs Debian's slowhttptest in slowloris (-H), slow-body
# (-B) and slow-read (-X) modes one after the other. During each attack it fetches GET /hello with a
# fresh curl every second and reports the median and worst latency, how many probes failed, and
# the demo's resident memory (RSS) before, at its highest, and after. Needs slowhttptest and curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-20}
conns=${2:-500}
command -v slowhttptest >/dev/null || { echo "slowhttptest is not installed (apt-get install slowhttptest)" >&2; exit 2; }
out=$(mktemp -d /tmp/squall-slowclients.XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ulimit -n 65536 2>/dev/null || true

./demo --port="$port" >"$out/demo.log" 2>&1 &
demo=$!
cleanup() { kill "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/hello" 2>/dev/null && break
  sleep 1
done
# the JVM under ./demo (exec'd, so the same pid)
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$demo/status"; }

printf '%-10s %6s %6s %10s %10s %8s %8s %8s %8s\n' mode conns secs median_ms worst_ms failed rss0_MB rssmax_MB rss1_MB
for mode in H B X; do
  rss0=$(rss)
  case $mode in
    H) args=(-H -i 5 -r 200 -t GET -u "http://127.0.0.1:$port/hello") ;;
    B) args=(-B -i 5 -r 200 -s 1000000 -t POST -u "http://127.0.0.1:$port/hello") ;;
    X) args=(-X -r 200 -w 1 -y 4 -n 2 -z 4 -k 4 -u "http://127.0.0.1:$port/static/demo.css") ;;
  esac
  slowhttptest "${args[@]}" -c "$conns" -l "$secs" -p 3 >"$out/slowhttptest-$mode.log" 2>&1 &
  attack=$!
  sleep 3 # let the connections build up
  : >"$out/probe-$mode.txt"
  failed=0
  rssmax=$rss0
  end=$((SECONDS + secs - 4))
  while [ $SECONDS -lt $end ]; do
    if t=$(curl -fsS -o /dev/null -m 5 -w '%{time_total}' "http://127.0.0.1:$port/hello"); then
      echo "$t" >>"$out/probe-$mode.txt"
    else
      failed=$((failed + 1))
    fi
    r=$(rss); [ "$r" -gt "$rssmax" ] && rssmax=$r
    sleep 1
  done
  wait "$attack" || true
  rss1=$(rss)
  stats=$(sort -n "$out/probe-$mode.txt" | awk '{a[NR]=$1} END {if (NR==0) {print "- -"} else {printf "%.1f %.1f", a[int((NR+1)/2)]*1000, a[NR]*1000}}')
  name=$([ $mode = H ] && echo slowloris || ([ $mode = B ] && echo slow-body || echo slow-read))
  printf '%-10s %6s %6s %10s %10s %8s %8s %8s %8s\n' "$name" "$conns" "$secs" $stats "$failed" "$rss0" "$rssmax" "$rss1"
done
echo "logs: $out"
