#!/bin/sh
# Bus routes over population change: the bus network (routes, stops with boardings by
# rider type, low-use flags, population within walking distance) and the census
# population change per mesh cell, as GeoJSON and GeoPackage for QGIS.
#
# Run from the repository root:  examples/bus-over-population.sh
# Settings (environment):        PROJECT (examples/nagai), OUT (out/bus-over-population),
#                                GEOHUB (a geohub binary; default: build a release one)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROJECT=${PROJECT:-$ROOT/examples/nagai}
OUT=${OUT:-$ROOT/out/bus-over-population}
if [ -z "${GEOHUB:-}" ]; then
  swift build -c release --product geohub --package-path "$ROOT" >&2
  GEOHUB=$ROOT/.build/release/geohub
fi

echo "== export bus-routes and census-delta"
"$GEOHUB" export "$PROJECT" --out "$OUT" --layers bus-routes,census-delta --format geojson,gpkg

echo "== $OUT/bus-routes.gpkg"
"$GEOHUB" inspect "$OUT/bus-routes.gpkg"
echo "== $OUT/census-delta.gpkg"
"$GEOHUB" inspect "$OUT/census-delta.gpkg"

# One feature per line in geohub's GeoJSON: stops flagged as little used.
low=$(grep -c '"low_use":true' "$OUT/bus-routes.geojson" || true)
echo "== stops flagged low-use (under 10 boardings in the period): $low"
grep '"low_use":true' "$OUT/bus-routes.geojson" | while IFS= read -r stop; do
  name=$(printf '%s' "$stop" | grep -o '"name":"[^"]*"' | cut -d'"' -f4)
  id=$(printf '%s' "$stop" | grep -o '"stop_id":"[^"]*"' | cut -d'"' -f4)
  boardings=$(printf '%s' "$stop" | grep -o '"boardings":[0-9]*' | cut -d: -f2)
  people=$(printf '%s' "$stop" | grep -o '"population_within":[-0-9.e]*' | cut -d: -f2 | cut -d. -f1)
  change=$(printf '%s' "$stop" | grep -o '"population_change_within":[-0-9.e]*' | cut -d: -f2 | cut -d. -f1)
  echo "  $id $name: $boardings boardings; ${people:-?} people within walking distance (change ${change:-?})"
done
echo "Open both .gpkg files in QGIS: bus stops (boardings, population_change within walking distance) over census-delta (population_change)."
