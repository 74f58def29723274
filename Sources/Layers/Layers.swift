// Layers module: see README and DESIGN.
