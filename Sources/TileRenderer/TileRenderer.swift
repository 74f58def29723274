// TileRenderer: features and metric grids → Web Mercator PNG tiles → tile stores.
//
// Only this module knows pixels; only PNG/ knows libpng; only Stores/ knows files and
// archives. The folders follow the pipeline:
//
// - Raster/       `Canvas` (premultiplied RGBA), `Color`, `Path`, `Rasterizer` (exact-area
//                 anti-aliased scanline fill, non-zero and even-odd), `Stroker` (widths,
//                 miter/round/bevel joins, butt/round/square caps, dashes), compositing,
//                 `ClipRectangle`, markers.
// - Styles/       `Style` (fill, outline, stroke, markers, grid), `Paint` (constant,
//                 categorical, ramp, colour property), `ColorRamp`, `RampDomain`,
//                 `Legend`, defaults per `LayerName`, `Style(settings:base:)` and
//                 `Style.applying(_: StyleOverride?)` for the project file.
// - Symbolizers/  one file per symbolizer (polygon, line, point, grid) behind one
//                 pipeline: clip to the tile plus its buffer → Web Mercator (done once
//                 per layer) → the tile's pixel affine → rasterize → composite.
// - PNG/          `PNGEncoder` (RGBA or 8-bit palette, exact or median-cut, through the
//                 CPNG shim that owns libpng's setjmp), `PNGOptions`, `PNGError`.
// - Pyramid/      `PreparedLayer` (projected, styled, indexed, `Sendable`),
//                 `LayerRenderer` (per thread: tile → canvas or PNG; nil for an empty
//                 tile), `PyramidRenderer` (a bbox × zooms on every core, with progress),
//                 `TileExport` (a pyramid into several stores at once), `TileScale`.
// - Stores/       `TileStore` and `TileStoreFormat`: `FolderTileStore` (Z/X/Y.png +
//                 TileJSON 3.0.0), `MBTilesStore` (MBTiles 1.3), `PMTilesStore` and
//                 `PMTilesArchive` (PMTiles v3), all written under a temporary name and
//                 renamed into place; `TilesetMetadata`, `TileStoreError`.
//
// Typical use:
//
//     let layer = try PreparedLayer(builtLayer, style: Style.default(for: builtLayer.name)
//                                                  .applying(project.styles[builtLayer.name]))
//     let png = try LayerRenderer(layer: layer).renderPNG(try TileID(z: 14, x: 14565, y: 6313))
//     try TileExport.run(layer, formats: [.tiles, .mbtiles, .pmtiles], directory: out, zooms: 10...16)
