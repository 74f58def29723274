#!/usr/bin/env python3
"""Renders one tile of the benchmark layer with Mapnik in the style of
../shared/bench/mapnik_tiles.py and writes it beside geohub's tile of the same
address: OUT/mapnik-Z-X-Y.png and OUT/side-by-side-Z-X-Y.png (geohub left,
Mapnik right, both over white, 2x enlarged).

Usage: /usr/bin/python3 tiles_side_by_side.py LAYER.geojson OUT Z/X/Y
(with the venv's site-packages on PYTHONPATH for mercantile and Pillow).
"""
import sys
import mapnik, mercantile
from PIL import Image


def mapnik_tile(path, z, x, y):
    m = mapnik.Map(256, 256, "epsg:3857")
    style, rule = mapnik.Style(), mapnik.Rule()
    poly = mapnik.PolygonSymbolizer(); poly.fill = mapnik.Color(200, 50, 50); poly.fill_opacity = 0.4
    line = mapnik.LineSymbolizer(); line.stroke = mapnik.Color(20, 20, 120); line.stroke_width = 2.0
    for sym in (poly, line, mapnik.MarkersSymbolizer()):
        rule.symbols.append(sym)
    style.rules.append(rule)
    m.append_style("s", style)
    layer = mapnik.Layer("l", "epsg:4326")
    layer.datasource = mapnik.Datasource(type="geojson", file=path)
    layer.styles.append("s")
    m.layers.append(layer)
    b = mercantile.xy_bounds(mercantile.Tile(x, y, z))
    m.zoom_to_box(mapnik.Box2d(b.left, b.bottom, b.right, b.top))
    image = mapnik.Image(256, 256)
    mapnik.render(m, image)
    return image.tostring("png")


def main(path, out, address):
    z, x, y = (int(v) for v in address.split("/"))
    name = f"{z}-{x}-{y}"
    with open(f"{out}/mapnik-{name}.png", "wb") as f:
        f.write(mapnik_tile(path, z, x, y))
    tiles = [Image.open(f"{out}/geohub-{name}.png").convert("RGBA"), Image.open(f"{out}/mapnik-{name}.png").convert("RGBA")]
    sheet = Image.new("RGBA", (2 * 512 + 16, 512), (255, 255, 255, 255))
    for i, tile in enumerate(tiles):
        white = Image.new("RGBA", tile.size, (255, 255, 255, 255))
        sheet.paste(Image.alpha_composite(white, tile).resize((512, 512), Image.NEAREST), (i * (512 + 16), 0))
    sheet.convert("RGB").save(f"{out}/side-by-side-{name}.png")
    print(f"side by side (geohub left, Mapnik right): {out}/side-by-side-{name}.png")


if __name__ == "__main__":
    main(*sys.argv[1:4])
