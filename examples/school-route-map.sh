#!/bin/sh
# School-route map: build the Nagai layers, plan the safe and the shortest walk from a
# home area to its primary school, and export the composite risk with the basemap so
# the route can be drawn over them (QGIS, Leaflet or `geohub serve`).
#
# Run from the repository root:  examples/school-route-map.sh
# Settings (environment):        PROJECT (examples/nagai), OUT (out/school-route-map),
#                                HOME_AREA and SCHOOL as LON,LAT, AT (07:30), ZOOM (12-15),
#                                SCENARIO (e.g. rain=50 to plan around a flood; default none),
#                                GEOHUB (a geohub binary; default: build a release one)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROJECT=${PROJECT:-$ROOT/examples/nagai}
OUT=${OUT:-$ROOT/out/school-route-map}
HOME_AREA=${HOME_AREA:-140.0166,38.1224}  # homes by the Nogawa, north-west of the centre
SCHOOL=${SCHOOL:-140.0345,38.1125}        # 長井小学校 (basemap/schools.geojson)
SCENARIO=${SCENARIO:-}
AT=${AT:-07:30}
ZOOM=${ZOOM:-12-15}
if [ -z "${GEOHUB:-}" ]; then
  swift build -c release --product geohub --package-path "$ROOT" >&2
  GEOHUB=$ROOT/.build/release/geohub
fi
mkdir -p "$OUT"

echo "== build $PROJECT"
"$GEOHUB" build "$PROJECT"

# With a scenario, the route and the composite are planned for that rainfall.
set --
[ -z "$SCENARIO" ] || set -- --scenario "$SCENARIO"

echo "== route from $HOME_AREA to $SCHOOL at $AT${SCENARIO:+ under $SCENARIO}"
"$GEOHUB" route "$PROJECT" --from "$HOME_AREA" --to "$SCHOOL" --at "$AT" --out "$OUT/route.geojson" "$@"

echo "== composite risk and basemap, zooms $ZOOM"
"$GEOHUB" export "$PROJECT" --out "$OUT" --layers composite,basemap --format tiles,geojson --zoom "$ZOOM" "$@"

echo "school-route map in $OUT:"
echo "  route.geojson       the safe and the shortest route (route, length_m, risk)"
echo "  composite/, basemap/ tiles with tilejson.json; basemap.geojson"
