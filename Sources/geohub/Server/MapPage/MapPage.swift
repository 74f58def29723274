/// The map page served at `/`: a Leaflet map with every layer as a toggle and its
/// legend, feature properties on click, route picking and the rainfall scenario.
///
/// HTML, CSS and JavaScript are Swift literals (this file, `MapPage+Style.swift`,
/// `MapPage+Script.swift`) so the binary needs no resource bundle. Leaflet itself
/// comes from `/leaflet/` (Debian's libjs-leaflet); nothing is loaded from the
/// internet: the basemap is geohub's own `basemap` layer.
enum MapPage {
    /// The page for a project called `title`.
    static func html(title: String) -> String {
        let name = escape(title)
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(name) · geohub</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/leaflet/leaflet.css">
            <style>
            \(style)
            </style>
            </head>
            <body>
            <div id="map" role="application" aria-label="Map of \(name)"></div>
            <aside id="panel">
              <h1>\(name)</h1>
              <section id="layers-section">
                <h2>Layers</h2>
                <ul id="layer-list"></ul>
              </section>
              <section id="scenario-section">
                <h2>Rainfall scenario</h2>
                <label for="rain">Hourly rainfall: <output id="rain-value">none</output></label>
                <input type="range" id="rain" min="0" max="150" step="5" value="0">
                <p class="hint">Redraws flood risk (and the layers built on it) for this much rain per hour.</p>
              </section>
              <section id="route-section">
                <h2>Route</h2>
                <div class="buttons">
                  <button type="button" id="pick-from">Pick start</button>
                  <button type="button" id="pick-to">Pick destination</button>
                  <button type="button" id="clear-route">Clear</button>
                </div>
                <label for="route-at">Departure <input type="time" id="route-at"></label>
                <div id="route-status" class="hint">Pick a start and a destination on the map.</div>
                <table id="route-result"></table>
                <p class="hint">Risk: the route's metres weighted by hazard (1 m at full hazard counts 1).
                The safe route accepts a detour to lower it.</p>
              </section>
              <section id="token-section">
                <h2>Private layers</h2>
                <input type="password" id="token" placeholder="Bearer token" autocomplete="off">
              </section>
              <section id="feature-section">
                <h2>Feature</h2>
                <div id="feature-props" class="hint">Click a feature on the map.</div>
              </section>
            </aside>
            <script src="/leaflet/leaflet.js"></script>
            <script>
            \(script)
            </script>
            </body>
            </html>

            """
    }

    /// Escapes text for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
