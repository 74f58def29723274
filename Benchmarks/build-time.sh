#!/bin/sh
# Full `geohub build` time (ingest of every source + every layer) of the reference
# example and of a 10x scaled copy, release build, each from scratch in bench-out/
# (examples/ is left alone), then the same build again with nothing changed.
# Used by `make bench BENCH=heatmap` (Benchmarks/heatmap.sh) for its report; runs alone too.
# Prints lines such as:  geohub build examples/nagai (scale 10): 9.81 s from scratch, 1.02 s unchanged
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product geohub >&2
swift build -c release --product nagai-example >&2
geohub=.build/release/geohub

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

for scale in 1 10; do
  if [ "$scale" = 1 ]; then
    copy=bench-out/build-time/nagai1
    rm -rf bench-out/build-time
    mkdir -p bench-out/build-time/examples
    cp -R examples/nagai bench-out/build-time/examples/nagai
    cp -R basemap bench-out/build-time/basemap
    project=bench-out/build-time/examples/nagai
  else
    # The scaled copy is generated once and kept (it takes a while); its hub is not.
    project=bench-out/nagai10
    if [ ! -f "$project/geohub.json" ]; then
      .build/release/nagai-example --out "$project" --scale "$scale" >&2
    fi
  fi
  rm -f "$project"/hub.sqlite*
  log="$project/../build-x$scale.log"
  start=$(now)
  if "$geohub" build "$project" >"$log" 2>&1; then
    first=$(now)
    "$geohub" build "$project" --quiet >>"$log" 2>&1
    second=$(now)
    rows=$(sed -n 's/.* from \([0-9]*\) rows.*/\1/p' "$log" | head -1)
    echo "geohub build examples/nagai (scale $scale): $(seconds "$start" "$first") s from scratch ($rows rows, 7 layers), $(seconds "$first" "$second") s unchanged"
  else
    echo "geohub build examples/nagai (scale $scale): failed, see $log"
  fi
done
