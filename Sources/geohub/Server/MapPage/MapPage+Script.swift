extension MapPage {
    /// The page's JavaScript (plain ES2017, no build step). It reads `/layers.json`,
    /// draws each layer's tiles through `fetch` (so private layers can send the bearer
    /// token and an empty tile, 204, stays transparent), overlays GeoJSON layers
    /// invisibly for clicks, and asks `/route` for the two routes.
    ///
    /// `window.geohub` exposes the map and counters (tiles loaded, route drawn) for
    /// browser tests.
    static let script = #"""
        (function () {
          'use strict';
          var state = { layers: [], tiles: {}, features: {}, rain: 0, from: null, to: null, picking: null,
                        markers: {}, route: null };
          var stats = { tilesLoaded: 0, tilesEmpty: 0, tileErrors: 0, routeDrawn: false, routeError: null, routeQuery: null };
          var map = L.map('map', { zoomControl: true, preferCanvas: false });
          map.attributionControl.setPrefix('geohub');
          window.geohub = { map: map, stats: stats, state: state };

          function el(tag, attrs, text) {
            var node = document.createElement(tag);
            Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
            if (text !== undefined) node.textContent = text;
            return node;
          }
          function headers() {
            var token = document.getElementById('token').value.trim();
            return token ? { 'Authorization': 'Bearer ' + token } : {};
          }
          function scenarioQuery(layer) {
            return layer.scenario && state.rain > 0 ? '?scenario=rain=' + state.rain : '';
          }

          // Tiles fetched with fetch(): sends the token, and a 204 (nothing drawn) is a blank tile.
          var FetchTiles = L.GridLayer.extend({
            createTile: function (coords, done) {
              var img = el('img', { alt: '', role: 'presentation' });
              var layer = this.options.layer;
              var suffix = L.Browser.retina ? '@2x.png' : '.png';
              var url = '/tiles/' + layer.name + '/' + coords.z + '/' + coords.x + '/' + coords.y + suffix +
                        scenarioQuery(layer);
              fetch(url, { headers: headers() }).then(function (response) {
                // Nothing drawn: hidden, since an <img> without a picture shows a grey frame.
                if (response.status === 204) { img.style.visibility = 'hidden'; stats.tilesEmpty++; done(null, img); return null; }
                if (!response.ok) throw new Error(response.status + ' for ' + url);
                return response.blob();
              }).then(function (blob) {
                if (!blob) return;
                img.onload = function () { URL.revokeObjectURL(img.src); stats.tilesLoaded++; done(null, img); };
                img.onerror = function () {
                  img.style.visibility = 'hidden';
                  stats.tileErrors++;
                  done(new Error('undecodable tile ' + url), img);
                };
                img.src = URL.createObjectURL(blob);
              }).catch(function (error) { img.style.visibility = 'hidden'; stats.tileErrors++; done(error, img); });
              return img;
            }
          });

          function showProperties(properties, title) {
            var box = document.getElementById('feature-props');
            box.textContent = '';
            box.className = '';
            box.appendChild(el('strong', {}, title));
            var table = el('table');
            Object.keys(properties || {}).sort().forEach(function (key) {
              var row = el('tr');
              var value = properties[key];
              row.appendChild(el('th', {}, key));
              row.appendChild(el('td', {}, typeof value === 'object' ? JSON.stringify(value) : String(value)));
              table.appendChild(row);
            });
            box.appendChild(table);
          }

          // Invisible but clickable vector copies of a layer's features, for their properties.
          function loadFeatures(layer) {
            var url = '/layers/' + layer.name + '.geojson' + scenarioQuery(layer);
            return fetch(url, { headers: headers() }).then(function (response) {
              if (!response.ok) throw new Error(response.status + ' for ' + url);
              return response.json();
            }).then(function (data) {
              if (state.features[layer.name]) map.removeLayer(state.features[layer.name]);
              if (!state.tiles[layer.name] || !map.hasLayer(state.tiles[layer.name])) return;
              var overlay = L.geoJSON(data, {
                style: function () { return { weight: 8, opacity: 0, fillOpacity: 0 }; },
                pointToLayer: function (feature, latlng) {
                  return L.circleMarker(latlng, { radius: 7, opacity: 0, fillOpacity: 0 });
                },
                onEachFeature: function (feature, shape) {
                  shape.on('click', function (event) {
                    if (state.picking) return;
                    L.DomEvent.stopPropagation(event);
                    showProperties(feature.properties, layer.title);
                  });
                }
              });
              state.features[layer.name] = overlay.addTo(map);
            }).catch(function (error) { console.warn('features of ' + layer.name + ': ' + error.message); });
          }

          // Legend numbers: at most three significant digits, no trailing zeros (471.878 → 472).
          function legendNumber(value) {
            if (typeof value !== 'number' || !isFinite(value)) return String(value);
            var rounded = Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3));
            return rounded.toLocaleString('en');
          }
          function legend(spec) {
            var box = el('div', { 'class': 'legend' });
            if (!spec || typeof spec !== 'object') return box;
            if (spec.type === 'ramp' && Array.isArray(spec.stops) && spec.stops.length > 1) {
              // Colour stops placed by value, so an uneven ramp (a density's) reads true.
              var first = spec.stops[0].value, last = spec.stops[spec.stops.length - 1].value;
              var span = last - first || 1;
              var ramp = el('div', { 'class': 'ramp' });
              ramp.style.background = 'linear-gradient(to right, ' + spec.stops.map(function (s) {
                return s.color + ' ' + (100 * (s.value - first) / span).toFixed(1) + '%';
              }).join(', ') + ')';
              box.appendChild(ramp);
              var ends = el('div', { 'class': 'ends' });
              ends.appendChild(el('span', {}, legendNumber(first)));
              if (first < 0 && last > 0) ends.appendChild(el('span', {}, '0'));
              ends.appendChild(el('span', {}, legendNumber(last)));
              box.appendChild(ends);
              if (spec.unit) box.appendChild(el('div', { 'class': 'unit' }, spec.unit));
            }
            if (Array.isArray(spec.items)) {
              spec.items.forEach(function (item) {
                var line = el('div');
                var swatch = el('span', { 'class': 'swatch ' + (item.symbol || 'fill') });
                swatch.style.background = item.color;
                line.appendChild(swatch);
                line.appendChild(document.createTextNode(item.label));
                box.appendChild(line);
              });
            }
            return box;
          }

          function toggle(layer, on) {
            var tiles = state.tiles[layer.name];
            if (on) {
              tiles.addTo(map);
              if (layer.geojson) loadFeatures(layer);
            } else {
              map.removeLayer(tiles);
              if (state.features[layer.name]) { map.removeLayer(state.features[layer.name]); }
            }
          }

          function addLayer(layer, index) {
            state.tiles[layer.name] = new FetchTiles({
              layer: layer, minZoom: 0, maxZoom: 22, minNativeZoom: layer.minzoom, maxNativeZoom: layer.maxzoom,
              zIndex: layer.name === 'basemap' ? 1 : 10 + index, opacity: layer.name === 'basemap' ? 1 : 0.85,
              bounds: L.latLngBounds([layer.bounds[1], layer.bounds[0]], [layer.bounds[3], layer.bounds[2]])
            });
            var item = el('li', { 'class': 'layer', id: 'layer-' + layer.name });
            var box = el('input', { type: 'checkbox', id: 'toggle-' + layer.name, 'data-layer': layer.name });
            var label = el('label', { 'for': 'toggle-' + layer.name }, ' ' + layer.title);
            item.appendChild(box);
            item.appendChild(label);
            if (!layer['public']) item.appendChild(el('span', { 'class': 'lock' }, 'private'));
            item.appendChild(el('div', { 'class': 'meta' },
              'z' + layer.minzoom + '–' + layer.maxzoom + ' · built ' + new Date(layer.builtAt).toLocaleString()));
            item.appendChild(legend(layer.legend));
            document.getElementById('layer-list').appendChild(item);
            box.addEventListener('change', function () { toggle(layer, box.checked); });
            var initiallyOn = layer.name === 'basemap' || layer.name === 'flood-risk';
            if (initiallyOn && layer['public']) { box.checked = true; toggle(layer, true); }
          }

          function refreshScenarioLayers() {
            state.layers.forEach(function (layer) {
              if (!layer.scenario || !map.hasLayer(state.tiles[layer.name])) return;
              state.tiles[layer.name].redraw();
              if (layer.geojson) loadFeatures(layer);
            });
          }
          var rain = document.getElementById('rain');
          rain.addEventListener('change', function () {
            state.rain = Number(rain.value);
            document.getElementById('rain-value').textContent = state.rain > 0 ? state.rain + ' mm/h' : 'none';
            refreshScenarioLayers();
            // Routes avoid the composite's risk, which follows the rain.
            if (state.from && state.to) planRoute();
          });
          rain.addEventListener('input', function () {
            document.getElementById('rain-value').textContent = Number(rain.value) > 0 ? rain.value + ' mm/h' : 'none';
          });
          document.getElementById('token').addEventListener('change', function () {
            state.layers.forEach(function (layer) {
              if (!layer['public'] && map.hasLayer(state.tiles[layer.name])) { toggle(layer, false); toggle(layer, true); }
            });
          });

          // Route picking: a button arms a pick, the next map click places the point.
          function arm(which) {
            state.picking = which;
            document.getElementById('pick-from').classList.toggle('active', which === 'from');
            document.getElementById('pick-to').classList.toggle('active', which === 'to');
            document.getElementById('route-status').textContent =
              which === 'from' ? 'Click the start on the map.' : 'Click the destination on the map.';
          }
          document.getElementById('pick-from').addEventListener('click', function () { arm('from'); });
          document.getElementById('pick-to').addEventListener('click', function () { arm('to'); });
          document.getElementById('clear-route').addEventListener('click', function () {
            ['from', 'to'].forEach(function (k) { if (state.markers[k]) map.removeLayer(state.markers[k]); });
            if (state.route) map.removeLayer(state.route);
            state.from = state.to = state.route = null;
            state.markers = {};
            stats.routeDrawn = false;
            document.getElementById('route-result').textContent = '';
            document.getElementById('route-status').textContent = 'Pick a start and a destination on the map.';
          });
          map.on('click', function (event) {
            if (!state.picking) return;
            var which = state.picking;
            state[which] = event.latlng;
            if (state.markers[which]) map.removeLayer(state.markers[which]);
            state.markers[which] = L.marker(event.latlng, { title: which === 'from' ? 'Start' : 'Destination' }).addTo(map);
            arm(which === 'from' && !state.to ? 'to' : null);
            if (state.from && state.to) planRoute();
            else if (!state.picking) document.getElementById('route-status').textContent = '';
          });

          function fixed(n, digits) { return typeof n === 'number' ? n.toFixed(digits) : '–'; }
          function planRoute() {
            var q = 'from=' + state.from.lng.toFixed(6) + ',' + state.from.lat.toFixed(6) +
                    '&to=' + state.to.lng.toFixed(6) + ',' + state.to.lat.toFixed(6);
            var at = document.getElementById('route-at').value;
            if (at) q += '&at=' + at;
            if (state.rain > 0) q += '&scenario=rain=' + state.rain;
            stats.routeDrawn = false;
            stats.routeQuery = q;
            var status = document.getElementById('route-status');
            status.className = 'hint';
            status.textContent = 'Planning…';
            fetch('/route?' + q).then(function (response) {
              return response.json().then(function (body) {
                if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
                return body;
              });
            }).then(function (data) {
              if (state.route) map.removeLayer(state.route);
              state.route = L.geoJSON(data, {
                style: function (feature) {
                  return feature.properties.route === 'safe'
                    ? { color: '#2a9d8f', weight: 6, opacity: 0.9 }
                    : { color: '#555', weight: 4, opacity: 0.8, dashArray: '8 6' };
                },
                onEachFeature: function (feature, shape) {
                  shape.on('click', function () { showProperties(feature.properties, 'Route: ' + feature.properties.route); });
                }
              }).addTo(map);
              var table = document.getElementById('route-result');
              table.textContent = '';
              var head = el('tr');
              ['route', 'length', 'risk'].forEach(function (h) { head.appendChild(el('th', {}, h)); });
              table.appendChild(head);
              data.features.forEach(function (feature) {
                var p = feature.properties, row = el('tr', { 'class': 'route-' + p.route });
                row.appendChild(el('td', {}, p.route));
                row.appendChild(el('td', {}, fixed(p.length_m / 1000, 2) + ' km'));
                row.appendChild(el('td', {}, fixed(p.risk, 3)));
                table.appendChild(row);
              });
              status.textContent = '';
              stats.routeDrawn = true;
            }).catch(function (error) {
              status.className = 'error';
              status.textContent = 'No route: ' + error.message;
              stats.routeError = error.message;
            });
          }

          fetch('/layers.json').then(function (response) { return response.json(); }).then(function (catalogue) {
            state.layers = catalogue.layers;
            var basemap = catalogue.layers.filter(function (layer) { return layer.name === 'basemap'; });
            var bounds = null;
            (basemap.length ? basemap : catalogue.layers).forEach(function (layer) {
              var b = L.latLngBounds([layer.bounds[1], layer.bounds[0]], [layer.bounds[3], layer.bounds[2]]);
              bounds = bounds ? bounds.extend(b) : b;
            });
            catalogue.layers.forEach(addLayer);
            // The basemap's outskirts (rivers and roads running out of town) may fall
            // outside the first view: fitting its middle 80% shows the town one zoom closer.
            if (bounds) map.fitBounds(bounds.pad(-0.1)); else map.setView([0, 0], 2);
          }).catch(function (error) {
            document.getElementById('layer-list').appendChild(el('li', { 'class': 'error' }, 'Cannot load layers: ' + error.message));
            map.setView([0, 0], 2);
          });
        })();
        """#
}
