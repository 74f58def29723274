#!/bin/sh
# make bench BENCH=heatmap: child-traffic aggregation of 10,000,000 lon/lat points,
# projection to metres included, beside datashader on the identical points in the
# same run (../shared/bench/datashader_agg.py writes them, then times itself).
# Ends with: RESULT name=heatmap geohub=X peer=Y unit=Mpoints/s ratio=R
set -eu
cd "$(dirname "$0")/.."
n="${HEATMAP_POINTS:-10000000}"
out="bench-out/heatmap"
mkdir -p "$out"
py="$(Benchmarks/peer-venv numpy pandas datashader)"

swift build -c release --product geohub-bench >&2

# The peer writes the points (not timed), then prints its own figure (median of 5).
peer_line="$("$py" ../shared/bench/datashader_agg.py "$n" "$out/points.csv")"
echo "$peer_line"
peer="$(echo "$peer_line" | sed -n 's/^datashader: \([0-9.]*\) M points\/s.*/\1/p')"

geohub_out="$(.build/release/geohub-bench heatmap "$out/points.csv" --repeat 5)"
echo "$geohub_out"
geohub="$(echo "$geohub_out" | sed -n 's/^geohub heatmap: \([0-9.]*\) M points\/s.*/\1/p')"

# Full `geohub build` of the example and of a 10x scaled copy, each from scratch in
# bench-out (examples/ is left alone). The hook: it runs as soon as the geohub CLI can
# build (issue 5); until then, or if a build fails, it says so and the RESULT still prints.
if [ -x .build/release/geohub ] && .build/release/geohub build --help >/dev/null 2>&1; then
  for scale in 1 10; do
    copy="$out/build-x$scale"
    rm -rf "$copy"
    mkdir -p "$copy/examples"
    if [ "$scale" = 1 ]; then
      cp -R examples/nagai "$copy/examples/nagai"
      cp -R basemap "$copy/basemap"
      rm -f "$copy/examples/nagai/hub.sqlite"
    else
      swift build -c release --product nagai-example >&2
      .build/release/nagai-example --out "$copy/examples/nagai" --basemap "$copy/basemap" --scale "$scale" >&2
    fi
    start=$(date +%s.%N)
    if .build/release/geohub build "$copy/examples/nagai" >"$copy/build.log" 2>&1; then
      end=$(date +%s.%N)
      echo "geohub build examples/nagai (scale $scale): $(echo "$end - $start" | bc) s"
    else
      echo "geohub build examples/nagai (scale $scale): failed, see $copy/build.log"
    fi
  done
else
  echo "geohub build timing: skipped (this geohub cannot build yet)"
fi

if [ -z "$peer" ] || [ -z "$geohub" ]; then echo "heatmap: could not read both figures" >&2; exit 1; fi
ratio="$(awk -v g="$geohub" -v p="$peer" 'BEGIN { printf "%.2f", g / p }')"
echo "RESULT name=heatmap geohub=$geohub peer=$peer unit=Mpoints/s ratio=$ratio"
