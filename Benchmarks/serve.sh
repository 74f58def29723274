#!/bin/sh
# make bench BENCH=serve: `geohub serve` (release) answering cached tiles, beside nginx
# serving the same tiles exported to a folder, in the same run, under the same load:
# wrk, 64 connections, 10 s, cycling through the same few hundred z12-15 basemap and
# flood-risk tile URLs (warmed first, so geohub answers from its cache).
# Before that, geohub's tile cache is filled to its byte budget (Benchmarks/serve_fill.py:
# distinct tiles of every layer, z12-17, 256 px and @2x, until /health says the cache is
# full, and a quarter more so entries are evicted and replaced), so its memory is
# measured with a full cache, over the whole serving phase: VmHWM is reset once the
# layers are loaded and read at the end, with VmRSS.
# Targets: geohub >= 50% of nginx's requests/s with zero errors (non-2xx/3xx answers and
# socket errors), and geohub's resident memory (VmRSS now and VmHWM while serving)
# under its cache budget + 50 MiB, with the cache full.
# Ends with: RESULT name=serve geohub=X peer=Y unit=req/s ratio=R
set -eu
cd "$(dirname "$0")/.."
root="$(pwd)"
out="$root/bench-out/serve"
cache_mb="${SERVE_CACHE_MB:-64}"
duration="${SERVE_DURATION:-10s}"
connections=64
threads=2
rm -rf "$out"
mkdir -p "$out/project/examples" "$out/nginx/logs" "$out/nginx/temp"

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "serve: $tool is missing (scripts/install-deps bench)" >&2; exit 1; }
done
[ -x .build/release/geohub ] || swift build -c release --product geohub >&2
geohub="$root/.build/release/geohub"

# A throwaway copy of the example in the repository's layout (geohub.json reaches ../../basemap).
cp -R examples/nagai "$out/project/examples/nagai"
rm -f "$out/project/examples/nagai"/hub.sqlite*
cp -R basemap "$out/project/basemap"
project="$out/project/examples/nagai"
"$geohub" build "$project" --quiet
"$geohub" export "$project" --out "$out/tiles" --format tiles --layers basemap,flood-risk --zoom 12-15 --quiet

# The URL set: every exported (non-empty) tile of z12-15, thinned evenly to at most 400.
(cd "$out/tiles" && find basemap flood-risk -name '*.png' | sort) >"$out/all-tiles.txt"
total=$(wc -l <"$out/all-tiles.txt")
awk -v n="$total" 'BEGIN { step = n > 400 ? n / 400 : 1; next_pick = 0 }
  NR - 1 >= next_pick { print "/tiles/" $0; next_pick += step }' "$out/all-tiles.txt" >"$out/paths.txt"
count=$(wc -l <"$out/paths.txt")
{
  echo "-- The tile paths, cycled through by every wrk thread from its own offset."
  echo "local paths = {"
  sed 's/.*/  "&",/' "$out/paths.txt"
  echo "}"
  cat <<'LUA'
local counter = 0
function setup(thread)
  counter = counter + 97
  thread:set("offset", counter)
end
function init(args)
  counter = tonumber(offset) or 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
LUA
} >"$out/tiles.lua"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

geohub_pid=""
nginx_pid=""
cleanup() {
  [ -z "$geohub_pid" ] || kill "$geohub_pid" 2>/dev/null || true
  [ -z "$nginx_pid" ] || kill "$nginx_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# geohub: the release binary with its access log on (to a file), a free port.
# The token lets the cache filler ask for the private layer (child-traffic) too.
token="serve-bench-token"
GEOHUB_TOKEN="$token" "$geohub" serve "$project" --port 0 --cache-mb "$cache_mb" --watch-interval 0 --quiet \
  --access-log "$out/geohub-access.log" >"$out/geohub.out" 2>"$out/geohub.err" &
geohub_pid=$!
i=0
until grep -q '^geohub: serving ' "$out/geohub.out" 2>/dev/null; do
  i=$((i + 1))
  if [ "$i" -gt 600 ] || ! kill -0 "$geohub_pid" 2>/dev/null; then
    echo "serve: geohub did not start: $(cat "$out/geohub.err")" >&2
    exit 1
  fi
  sleep 0.1
done
geohub_url=$(sed -n 's/^geohub: serving .* at \(http:[^ ]*\)\/$/\1/p' "$out/geohub.out")

# nginx: a minimal static-file configuration of its own, in the foreground, as our child;
# the same headers a tile host sends (Cache-Control, CORS) and an access log, like geohub.
nginx_port=$(free_port)
user_line=""
[ "$(id -u)" -ne 0 ] || user_line="user root;"
cat >"$out/nginx/nginx.conf" <<EOF
$user_line
worker_processes auto;
daemon off;
pid $out/nginx/nginx.pid;
error_log $out/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  types { image/png png; }
  default_type application/octet-stream;
  access_log $out/nginx/logs/access.log;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path $out/nginx/temp/body;
  proxy_temp_path $out/nginx/temp/proxy;
  fastcgi_temp_path $out/nginx/temp/fastcgi;
  uwsgi_temp_path $out/nginx/temp/uwsgi;
  scgi_temp_path $out/nginx/temp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    location /tiles/ {
      alias $out/tiles/;
      add_header Cache-Control "public, max-age=300";
      add_header Access-Control-Allow-Origin "*";
    }
  }
}
EOF
nginx -p "$out/nginx" -e "$out/nginx/logs/error.log" -c "$out/nginx/nginx.conf" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port"
i=0
until curl -s -o /dev/null "$nginx_url/"; do
  i=$((i + 1))
  if [ "$i" -gt 100 ] || ! kill -0 "$nginx_pid" 2>/dev/null; then
    echo "serve: nginx did not start: $(cat "$out/nginx/logs/error.log" 2>/dev/null)" >&2
    exit 1
  fi
  sleep 0.1
done

# Memory once the layers are loaded; from here on VmHWM measures the serving (the peak
# of the start-up build of the layers is printed apart).
status() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$geohub_pid/status"; }
startup_rss_kb=$(status VmRSS)
startup_hwm_kb=$(status VmHWM)
echo 5 >"/proc/$geohub_pid/clear_refs" 2>/dev/null || echo "serve: cannot reset VmHWM (needs Linux 4.0+ and ownership)" >&2

# Fill the cache to its budget with distinct tiles.
fill_ok=1
python3 Benchmarks/serve_fill.py "$geohub_url" "$token" || fill_ok=0

# Warm geohub's cache with every path, and check both servers answer 200 with the same bytes.
python3 - "$geohub_url" "$nginx_url" "$out/paths.txt" <<'PY'
import sys, urllib.request
geohub, nginx, paths = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().split()
differ = 0
for path in paths:
    ours = urllib.request.urlopen(geohub + path)
    theirs = urllib.request.urlopen(nginx + path)
    if ours.status != 200 or theirs.status != 200:
        sys.exit("serve: %s answered %d (geohub) and %d (nginx)" % (path, ours.status, theirs.status))
    differ += ours.read() != theirs.read()
print("warmed %d tile URLs; %d of them differ in bytes between geohub and the exported folder" % (len(paths), differ))
PY
echo "tiles: $count URLs of $total exported (z12-15, basemap and flood-risk); cache budget ${cache_mb} MiB"

# CPU time (user + system, in clock ticks) of a process and its direct children so far.
cpu_ticks() {
  total=0
  for pid in "$1" $(ps -o pid= --ppid "$1"); do
    ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + ticks))
  done
  echo "$total"
}

# One wrk run: its output in wrk-NAME.txt, the server's CPU seconds in cpu-NAME.txt.
run_wrk() {
  name=$1
  url=$2
  pid=$3
  before=$(cpu_ticks "$pid")
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$out/tiles.lua" "$url" >"$out/wrk-$name.txt" 2>&1
  after=$(cpu_ticks "$pid")
  awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f\n", t / hz }' >"$out/cpu-$name.txt"
  sed -n '/Requests\/sec/p;/Latency  /p;/Non-2xx/p;/Socket errors/p;/  99%/p' "$out/wrk-$name.txt" | sed "s/^/  $name: /" >&2
}

run_wrk geohub "$geohub_url" "$geohub_pid"
run_wrk nginx "$nginx_url" "$nginx_pid"

rps() { awk '/^Requests\/sec:/ { print $2 }' "$out/wrk-$1.txt"; }
errors() {
  awk '/Non-2xx or 3xx responses:/ { n += $NF }
       /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { v = $i; sub(",", "", v); n += v } }
       END { print n + 0 }' "$out/wrk-$1.txt"
}
geohub_rps=$(rps geohub)
nginx_rps=$(rps nginx)
geohub_errors=$(errors geohub)
nginx_errors=$(errors nginx)

# geohub's memory after the run: resident now and at its peak while serving (fill, warm-up
# and wrk), from /proc; RssAnon is geohub's own (heap, layers, cache), RssFile the pages of
# its binary and shared libraries (code mostly, shared with other processes).
rss_kb=$(status VmRSS)
hwm_kb=$(status VmHWM)
anon_kb=$(status RssAnon)
file_kb=$(status RssFile)
limit_kb=$(((cache_mb + 50) * 1024))
health=$(curl -s "$geohub_url/health")
cache_bytes=$(echo "$health" | sed -n 's/.*"bytes":\([0-9]*\).*/\1/p')
cache_entries=$(echo "$health" | sed -n 's/.*"entries":\([0-9]*\).*/\1/p')
cache_budget=$(echo "$health" | sed -n 's/.*"budget":\([0-9]*\).*/\1/p')

ratio=$(awk -v a="$geohub_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
echo "memory at start-up (layers loaded, cache empty): VmRSS $(mib "$startup_rss_kb") MiB; start-up peak VmHWM $(mib "$startup_hwm_kb") MiB"
echo "cache after the run: $cache_entries entries, $(mib $((cache_bytes / 1024))) of $(mib $((cache_budget / 1024))) MiB"
echo "memory while serving: VmRSS $(mib "$rss_kb") MiB now (RssAnon $(mib "$anon_kb"), RssFile $(mib "$file_kb")), VmHWM $(mib "$hwm_kb") MiB;" \
  "limit: budget + 50 MiB = $(mib "$limit_kb") MiB"
echo "memory beyond the cache: $(mib $((rss_kb - cache_bytes / 1024))) MiB now, $(mib $((hwm_kb - cache_bytes / 1024))) MiB at the peak (of which RssFile $(mib "$file_kb"))"
echo "errors: geohub $geohub_errors, nginx $nginx_errors (non-2xx/3xx answers and socket errors)"
geohub_cpu=$(cat "$out/cpu-geohub.txt")
nginx_cpu=$(cat "$out/cpu-nginx.txt")
awk -v gr="$geohub_rps" -v nr="$nginx_rps" -v gc="$geohub_cpu" -v nc="$nginx_cpu" -v d="${duration%s}" 'BEGIN {
  printf "server CPU: geohub %.1f s, nginx %.1f s in %s s; requests per CPU second: geohub %.0f, nginx %.0f (ratio %.2f)\n",
    gc, nc, d, gr * d / gc, nr * d / nc, (gr / gc) / (nr / nc) }'
verdict() { if [ "$1" -eq 1 ]; then echo PASS; else echo FAIL; fi; }
speed_ok=0
awk -v r="$ratio" 'BEGIN { exit !(r >= 0.5) }' && speed_ok=1
errors_ok=0
[ "$geohub_errors" -eq 0 ] && errors_ok=1
full_ok=0
[ "$fill_ok" -eq 1 ] && [ "$cache_bytes" -ge $((cache_budget * 99 / 100)) ] && full_ok=1
memory_ok=0
[ "$rss_kb" -lt "$limit_kb" ] && [ "$hwm_kb" -lt "$limit_kb" ] && memory_ok=1
echo "throughput >= 50% of nginx: $(verdict $speed_ok) (ratio $ratio)"
echo "zero errors: $(verdict $errors_ok) ($geohub_errors)"
echo "cache full (>= 99% of its budget): $(verdict $full_ok)"
echo "memory (VmRSS and serving VmHWM < budget + 50 MiB, cache full): $(verdict $((memory_ok * full_ok)))"
[ $((speed_ok * errors_ok * full_ok * memory_ok)) -eq 1 ] && echo "target: met" || echo "target: missed"
echo "RESULT name=serve geohub=$geohub_rps peer=$nginx_rps unit=req/s ratio=$ratio"
