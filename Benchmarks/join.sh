#!/bin/sh
# The spatial-join benchmark behind `make bench BENCH=join`.
#
# 1. Writes the data with ../shared/bench/join_data.py into bench-out/join:
#    2,000 circles (polygons.wkt) and 1,000,000 points (points.csv), metric.
# 2. Runs `geohub-bench join` (release build): point-in-polygon (`within`) and
#    300 m within-distance (`dwithin`) joins, timed from loaded data to index pairs.
# 3. Runs the peer, ../shared/bench/shapely_join.py (shapely 2 STRtree), on the
#    same files in the same run.
# 4. Fails (exit 1) unless both find exactly the same number of pairs, then ends with
#      RESULT name=join-within geohub=X peer=Y unit=Mpoints/s ratio=R
#      RESULT name=join-dwithin geohub=X peer=Y unit=Mpoints/s ratio=R
#    (R = geohub ÷ peer, higher is better).
# Paths are relative to the repository root; CI has ../shared beside the checkout.
set -eu
cd "$(dirname "$0")/.."
shared=../shared/bench
data=bench-out/join
python=$(Benchmarks/peer-venv shapely numpy)

"$python" "$shared/join_data.py" "$data"
swift build -c release --product geohub-bench >&2
ours=$(.build/release/geohub-bench join "$data")
peer=$("$python" "$shared/shapely_join.py" "$data")
echo "$ours"
echo "$peer"

# "NAME within: R M points/s, P pairs" and "NAME dwithin 300 m: R M points/s, P pairs"
field() { # $1 text, $2 tool, $3 within|dwithin, $4 rate|pairs
  printf '%s\n' "$1" | awk -v tool="$2" -v kind="$3" -v what="$4" '
    $1 == tool && $2 == kind":" { print (what == "rate" ? $3 : $6) }
    $1 == tool && $2 == kind && $4 == "m:" { print (what == "rate" ? $5 : $8) }'
}

status=0
for kind in within dwithin; do
  ours_pairs=$(field "$ours" geohub "$kind" pairs)
  peer_pairs=$(field "$peer" shapely "$kind" pairs)
  if [ -z "$ours_pairs" ] || [ "$ours_pairs" != "$peer_pairs" ]; then
    echo "join: $kind pair counts differ: geohub ${ours_pairs:-none}, shapely ${peer_pairs:-none}" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] || exit 1

for kind in within dwithin; do
  g=$(field "$ours" geohub "$kind" rate)
  p=$(field "$peer" shapely "$kind" rate)
  awk -v k="$kind" -v g="$g" -v p="$p" \
    'BEGIN { printf "RESULT name=join-%s geohub=%s peer=%s unit=Mpoints/s ratio=%.2f\n", k, g, p, g / p }'
done
