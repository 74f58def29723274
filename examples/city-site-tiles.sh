#!/bin/sh
# Tiles for the city site: every public layer as a static tile folder with its
# TileJSON (for any web server) and as one PMTiles archive per layer (for an object
# store or CDN). Children's traffic is private and never exported here.
#
# Run from the repository root:  examples/city-site-tiles.sh
# Settings (environment):        PROJECT (examples/nagai), OUT (out/city-site),
#                                LAYERS (the public layers), ZOOM (10-15), SCALE (1 or 2),
#                                GEOHUB (a geohub binary; default: build a release one)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROJECT=${PROJECT:-$ROOT/examples/nagai}
OUT=${OUT:-$ROOT/out/city-site}
LAYERS=${LAYERS:-basemap,flood-risk,wildlife,census-delta,bus-routes,composite}
ZOOM=${ZOOM:-10-15}
SCALE=${SCALE:-1}
if [ -z "${GEOHUB:-}" ]; then
  swift build -c release --product geohub --package-path "$ROOT" >&2
  GEOHUB=$ROOT/.build/release/geohub
fi

echo "== export $LAYERS, zooms $ZOOM, scale $SCALE"
"$GEOHUB" export "$PROJECT" --out "$OUT" --layers "$LAYERS" --format tiles,pmtiles --zoom "$ZOOM" --scale "$SCALE"

echo "== what the web team gets"
for layer in $(echo "$LAYERS" | tr ',' ' '); do
  echo "-- $layer: $OUT/$layer/{z}/{x}/{y}.png with $OUT/$layer/tilejson.json, and $OUT/$layer.pmtiles"
  "$GEOHUB" inspect "$OUT/$layer.pmtiles" | sed -n 's/^\(zooms\|bounds\|tiles\): /  \1: /p'
done
echo "Copy $OUT to the site's static host, or upload the .pmtiles files to an object store;"
echo "TileJSON tile URLs are relative (./{z}/{x}/{y}.png), so the folders work wherever they are served."
