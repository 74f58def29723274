extension MapPage {
    /// The page's CSS: a full-window map with a scrollable side panel.
    static let style = """
        html, body { height: 100%; margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #222; }
        body { display: flex; }
        #map { flex: 1; height: 100%; background: #f4f1ea; }
        #panel { width: 320px; height: 100%; overflow-y: auto; padding: 12px 16px; box-sizing: border-box;
                 border-left: 1px solid #ccc; background: #fff; }
        h1 { font-size: 20px; margin: 0 0 8px; }
        h2 { font-size: 15px; margin: 16px 0 6px; border-bottom: 1px solid #eee; }
        ul { list-style: none; padding: 0; margin: 0; }
        li.layer { margin: 6px 0; }
        li.layer label { cursor: pointer; }
        li.layer .meta { color: #777; font-size: 12px; margin-left: 22px; }
        .legend { margin: 4px 0 0 22px; font-size: 12px; }
        .legend .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -2px;
                          border: 1px solid rgba(0,0,0,.35); box-sizing: border-box; }
        .legend .swatch.line { height: 4px; vertical-align: 2px; border: none; }
        .legend .ramp { height: 10px; border: 1px solid rgba(0,0,0,.2); }
        .legend .ends { display: flex; justify-content: space-between; color: #555; }
        .legend .unit { color: #555; text-align: center; }
        .hint { color: #666; font-size: 12px; }
        .error { color: #b00020; }
        .buttons { display: flex; gap: 6px; flex-wrap: wrap; margin-bottom: 6px; }
        button.active { background: #1d3557; color: #fff; }
        input[type=range] { width: 100%; }
        table { border-collapse: collapse; width: 100%; font-size: 12px; }
        td, th { border-bottom: 1px solid #eee; padding: 2px 4px; text-align: left; vertical-align: top; }
        th { color: #555; font-weight: normal; }
        .lock { font-size: 11px; color: #b00020; margin-left: 4px; }
        @media (max-width: 700px) { body { flex-direction: column; } #map { height: 60%; } #panel { width: 100%; height: 40%; } }
        """
}
