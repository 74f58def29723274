#!/bin/sh
# make bench BENCH=tiles: geohub against Mapnik on the same layer and the same 1,640 tiles
# (every 256 px tile of zooms 12-16 over 139.95,38.03,140.13,38.18), both to PNG in memory.
# Each side runs three times and its best run counts.
# Ends with: RESULT name=tiles geohub=X peer=Y unit=tiles/s ratio=R (single core, as Mapnik runs).
set -eu
cd "$(dirname "$0")/.."
out=bench-out/tiles
mkdir -p "$out"
shared=../shared/bench
py=$(Benchmarks/peer-venv mercantile pillow)
site=$("$py" -c "import site; print(site.getsitepackages()[0])")

"$py" "$shared/bench_layer.py" "$out/bench_layer.geojson"
[ -x .build/release/geohub-bench ] || swift build -c release --product geohub-bench >&2

sample=14/14565/6313
.build/release/geohub-bench tiles "$out/bench_layer.geojson" --out "$out" --sample "$sample" | tee "$out/geohub.txt"
# Mapnik gets the same treatment as geohub: three runs, the best one counts (for its
# tiles/s and its CPU time alike).
: >"$out/mapnik.txt"
: >"$out/mapnik-cpu.txt"
for run in 1 2 3; do
  PYTHONPATH="$site" /usr/bin/time -f "mapnik-cpu %U %S" -a -o "$out/mapnik-cpu.txt" \
    /usr/bin/python3 "$shared/mapnik_tiles.py" "$out/bench_layer.geojson" | tee -a "$out/mapnik.txt"
done
PYTHONPATH="$site" /usr/bin/python3 Benchmarks/tiles_side_by_side.py "$out/bench_layer.geojson" "$out" "$sample"

geohub=$(sed -n 's/^geohub-machine single=\([0-9.]*\).*/\1/p' "$out/geohub.txt")
all=$(sed -n 's/^geohub-machine .* allseconds=\([0-9.]*\).*/\1/p' "$out/geohub.txt")
ours=$(sed -n 's/^geohub-machine .* mean=\([0-9]*\).*/\1/p' "$out/geohub.txt")
peer=$(sed -n 's/^mapnik: .* = \([0-9.]*\) tiles\/s.*/\1/p' "$out/mapnik.txt" | sort -g | tail -n 1)
theirs=$(sed -n 's/^mapnik: .* mean \([0-9]*\) B.*/\1/p' "$out/mapnik.txt" | head -n 1)
echo "mapnik best of 3: $peer tiles/s"
ratio=$(awk -v a="$geohub" -v b="$peer" 'BEGIN { printf "%.2f", a / b }')
# The cores are shared: also compare CPU time, which other people's work does not inflate
# (Mapnik's includes its few tenths of a second of start-up, so it slightly favours geohub).
ourcpu=$(sed -n 's/.*(\([0-9.]*\) s of CPU each).*/\1/p' "$out/geohub.txt")
theircpu=$(awk '/^mapnik-cpu/ { t = $2 + $3; if (best == "" || t < best) best = t } END { print best }' "$out/mapnik-cpu.txt")
awk -v a="$ourcpu" -v b="$theircpu" 'BEGIN { printf "tiles per CPU second: geohub %.0f, Mapnik %.0f (ratio %.2f)\n", 1640 / a, 1640 / b, b / a }'
echo "tiles: whole set on all cores in ${all} s (target < 1.5 s); mean PNG ${ours} B (geohub, non-empty tiles) vs ${theirs} B (Mapnik, all tiles)"
echo "RESULT name=tiles geohub=$geohub peer=$peer unit=tiles/s ratio=$ratio"
