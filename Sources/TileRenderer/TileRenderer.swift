// TileRenderer module: see README and DESIGN.
