#!/bin/sh
# Disaster drill: export flood risk and the composite under a rainfall scenario and
# report every river gauge's predicted status. Safe to run again and again (for
# example from cron during a drill): identical inputs give byte-identical files, and
# the digests printed at the end show it.
#
# Run from the repository root:  examples/disaster-drill.sh
# Settings (environment):        PROJECT (examples/nagai), OUT (out/disaster-drill),
#                                RAIN (mm/h, 50), ZOOM (10-14), FAIL_ON_DANGER (set to 1 to
#                                exit 4 when any gauge is predicted at danger, for alerting),
#                                GEOHUB (a geohub binary; default: build a release one)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROJECT=${PROJECT:-$ROOT/examples/nagai}
OUT=${OUT:-$ROOT/out/disaster-drill}
RAIN=${RAIN:-50}
ZOOM=${ZOOM:-10-14}
if [ -z "${GEOHUB:-}" ]; then
  swift build -c release --product geohub --package-path "$ROOT" >&2
  GEOHUB=$ROOT/.build/release/geohub
fi

echo "== export flood-risk and composite under rain=$RAIN mm/h"
"$GEOHUB" export "$PROJECT" --out "$OUT" --layers flood-risk,composite --format geojson,pmtiles,mbtiles \
  --zoom "$ZOOM" --scenario "rain=$RAIN"

geojson=$OUT/flood-risk.geojson
if ! grep -q '"predicted_status"' "$geojson"; then
  echo "disaster-drill: $geojson has no predicted statuses" >&2
  exit 1
fi
echo "== predicted status of the $(grep -c '"site_id"' "$geojson") gauges under rain=$RAIN mm/h"
for status in danger warning advisory normal; do
  count=$(grep -c "\"predicted_status\":\"$status\"" "$geojson" || true)
  echo "$status: $count"
  # One feature per line in geohub's GeoJSON: the gauges at this status, by id and name.
  grep "\"predicted_status\":\"$status\"" "$geojson" | while IFS= read -r feature; do
    id=$(printf '%s' "$feature" | grep -o '"site_id":"[^"]*"' | cut -d'"' -f4)
    name=$(printf '%s' "$feature" | grep -o '"name":"[^"]*"' | cut -d'"' -f4)
    level=$(printf '%s' "$feature" | grep -o '"predicted_level_m":[-0-9.e]*' | cut -d: -f2 | awk '{printf "%.2f", $1}')
    if [ "$status" != normal ]; then echo "  $id $name: predicted $level m"; fi
  done
done
echo "== digests (identical on every run with the same data)"
(cd "$OUT" && sha256sum flood-risk.geojson flood-risk.pmtiles flood-risk.mbtiles composite.pmtiles composite.mbtiles)
if [ "${FAIL_ON_DANGER:-0}" = 1 ] && grep -q '"predicted_status":"danger"' "$geojson"; then exit 4; fi
