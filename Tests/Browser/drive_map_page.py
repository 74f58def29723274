"""Drives geohub's map page in headless Chromium and reports what the page shows.

Used by Tests/geohubTests/Server/BrowserMapPageTests.swift; runnable by hand too:

    python drive_map_page.py URL OUT_DIR FROM_LON,LAT TO_LON,LAT [CHROMIUM]

The browser is driven over the Chrome DevTools Protocol on a pipe
(--remote-debugging-pipe: NUL-terminated JSON on file descriptors 3 and 4), so only
the standard library is needed for the browser; Pillow checks the screenshot. Every
interaction is a real input event (mouse clicks at the element's position); the page's
own state (window.geohub) is only read. Prints one JSON object with the findings;
the Swift test asserts on them. Exits 2 on a protocol failure or timeout, with the
reason on standard error.
"""

import base64
import fcntl
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

WIDTH, HEIGHT = 1280, 800
DEADLINE = time.monotonic() + 50


class Browser:
    """One Chromium process and one page session over the DevTools pipe."""

    def __init__(self, executable, out_dir):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        # High, close-on-exec copies, so putting them at 3 and 4 in the child cannot clobber each other.
        child_read = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD_CLOEXEC, 10)
        child_write = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_browser_read)
        os.close(from_browser_write)

        def descriptors():
            os.dup2(child_read, 3)
            os.dup2(child_write, 4)

        self.profile = tempfile.mkdtemp(prefix="geohub-chromium-")
        self.log = open(os.path.join(out_dir, "chromium.log"), "wb")
        self.process = subprocess.Popen(
            [executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--remote-debugging-pipe", "--user-data-dir=" + self.profile, "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
             "--disable-sync", "--disable-component-update", "--mute-audio", "--force-device-scale-factor=1",
             "--window-size=%d,%d" % (WIDTH, HEIGHT), "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, close_fds=False, preexec_fn=descriptors)
        os.close(child_read)
        os.close(child_write)
        self.next_id = 0
        self.replies = {}
        self.events = []
        self.incoming = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.session = None

    def _read(self):
        buffer = b""
        while True:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                self.incoming.put(None)
                return
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                self.incoming.put(json.loads(message))

    def _pump(self, timeout):
        try:
            message = self.incoming.get(timeout=timeout)
        except queue.Empty:
            return
        if message is None:
            raise RuntimeError("Chromium closed the DevTools pipe (see chromium.log)")
        if "id" in message:
            self.replies[message["id"]] = message
        else:
            self.events.append(message)

    def call(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while self.next_id not in self.replies:
            if time.monotonic() > DEADLINE:
                raise RuntimeError("no answer to %s in time" % method)
            self._pump(0.1)
        reply = self.replies.pop(self.next_id)
        if "error" in reply:
            raise RuntimeError("%s: %s" % (method, reply["error"]))
        return reply.get("result", {})

    def attach_to_page(self):
        targets = self.call("Target.getTargets", session=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}, session=False)["sessionId"]

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError("page script failed: %s" % json.dumps(result["exceptionDetails"])[:500])
        return result["result"].get("value")

    def wait_for(self, expression, what, timeout=25):
        """Polls `expression` until it is truthy; returns its value."""
        limit = min(DEADLINE, time.monotonic() + timeout)
        while time.monotonic() < limit:
            value = self.evaluate(expression)
            if value:
                return value
            self._pump(0.1)
        raise RuntimeError("timed out waiting for " + what + "; last state " + json.dumps(self.evaluate(STATE)))

    def click(self, x, y):
        """A real left click (press and release) at page coordinates."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            params = {"type": kind, "x": x, "y": y}
            if kind != "mouseMoved":
                params.update(button="left", buttons=1 if kind == "mousePressed" else 0, clickCount=1)
            self.call("Input.dispatchMouseEvent", params)

    def click_element(self, selector):
        box = self.evaluate(
            "(() => { const e = document.querySelector(%s); if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()"
            % json.dumps(selector))
        if not box:
            raise RuntimeError("no element " + selector)
        self.click(box[0], box[1])

    def close(self):
        try:
            self.call("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


# What the page reports about itself: counters the page keeps for tests, layers on the
# map and whether Leaflet still loads any of their tiles, drawn tile images, the route.
STATE = """(() => {
  const g = window.geohub;
  if (!g || !g.state.layers.length) return null;
  const on = Object.keys(g.state.tiles).filter(n => g.map.hasLayer(g.state.tiles[n]));
  const images = n => [...g.state.tiles[n].getContainer().querySelectorAll('img.leaflet-tile-loaded')]
    .filter(img => img.naturalWidth > 0).length;
  return {
    stats: g.stats, zoom: g.map.getZoom(), layersOn: on,
    loading: on.filter(n => g.state.tiles[n].isLoading()),
    drawnTiles: Object.fromEntries(on.map(n => [n, images(n)])),
    checked: [...document.querySelectorAll('#layer-list input:checked')].map(b => b.dataset.layer),
    legends: [...document.querySelectorAll('#layer-list li.layer')].map(li =>
      ({layer: li.id.replace('layer-', ''), swatches: li.querySelectorAll('.swatch').length,
        ramps: li.querySelectorAll('.ramp').length, text: li.querySelector('.legend').textContent})),
    routeFeatures: g.state.route ? g.state.route.getLayers().map(l => l.feature.properties) : [],
    routeRows: [...document.querySelectorAll('#route-result tr')].map(tr => tr.textContent),
    routeStatus: document.getElementById('route-status').textContent,
    markers: document.querySelectorAll('.leaflet-marker-icon').length,
    visibleEmptyTiles: [...document.querySelectorAll('.leaflet-tile-container img')]
      .filter(img => !img.naturalWidth && getComputedStyle(img).visibility !== 'hidden').length,
    routePaths: [...document.querySelectorAll('.leaflet-overlay-pane path')]
      .map(p => p.getAttribute('stroke')).filter(s => s === '#2a9d8f' || s === '#555').length
  };
})()"""

TILES_SETTLED = "(() => { const s = %s; return s && s.stats.tilesLoaded > 0 && s.loading.length === 0 " \
                "&& Object.values(s.drawnTiles).some(n => n > 0) ? s : null; })()" % STATE.strip()


def point_on_map(browser, lon, lat):
    """Page coordinates of a lon/lat point, panning it into view first when needed."""
    script = """(() => {
      const g = window.geohub, ll = L.latLng(%f, %f);
      if (!g.map.getBounds().pad(-0.1).contains(ll)) g.map.panTo(ll, {animate: false});
      const p = g.map.latLngToContainerPoint(ll), r = g.map.getContainer().getBoundingClientRect();
      return [r.left + p.x, r.top + p.y];
    })()""" % (lat, lon)
    return browser.evaluate(script)


def check_screenshot(path):
    """Pillow's view of the screenshot: size, colours, how much of the map is drawn."""
    from PIL import Image
    image = Image.open(path)
    image.load()
    rgb = image.convert("RGB")
    map_part = rgb.crop((0, 0, WIDTH - 320, HEIGHT))  # the side panel is 320 px wide
    pixels = list(map_part.get_flattened_data() if hasattr(map_part, 'get_flattened_data') else map_part.getdata())
    background = (0xF4, 0xF1, 0xEA)  # #map's CSS background

    def near(p, q, tolerance=24):
        return all(abs(a - b) <= tolerance for a, b in zip(p, q))

    return {
        "format": image.format, "size": list(image.size),
        "colours": len(rgb.getcolors(maxcolors=1 << 24) or []),
        "mapColours": len(map_part.getcolors(maxcolors=1 << 24) or []),
        "mapDrawnFraction": sum(1 for p in pixels if not near(p, background, 6)) / len(pixels),
        "safeRoutePixels": sum(1 for p in pixels if near(p, (0x2A, 0x9D, 0x8F), 30)),
        "floodGreenPixels": sum(1 for p in pixels if near(p, (0x1A, 0x98, 0x50), 30)),
        "riverBluePixels": sum(1 for p in pixels if near(p, (0x4A, 0x90, 0xD9), 30)),
    }


def main():
    url, out_dir, start, end = sys.argv[1:5]
    executable = sys.argv[5] if len(sys.argv) > 5 else "chromium"
    os.makedirs(out_dir, exist_ok=True)
    report = {"steps": []}
    browser = Browser(executable, out_dir)
    try:
        browser.attach_to_page()
        for domain in ("Page", "Runtime", "Log"):
            browser.call(domain + ".enable")
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
        began = time.monotonic()
        browser.call("Page.navigate", {"url": url})

        # 1. The page loads the catalogue and draws the layers that start on.
        report["initial"] = browser.wait_for(TILES_SETTLED, "the first tiles")
        report["steps"].append(["tiles drawn", round(time.monotonic() - began, 2)])

        # 2. Toggle a layer on with a real click on its checkbox, and another off.
        browser.click_element("#toggle-wildlife")
        report["wildlifeOn"] = browser.wait_for(
            "(() => { const s = %s; return s && s.layersOn.includes('wildlife') && s.loading.length === 0 "
            "&& s.drawnTiles['wildlife'] > 0 ? s : null; })()" % STATE.strip(), "wildlife tiles")
        browser.click_element("#toggle-bus-routes")
        browser.wait_for("(() => { const s = %s; return s && s.layersOn.includes('bus-routes') "
                         "&& s.loading.length === 0 ? s : null; })()" % STATE.strip(), "bus-routes tiles")
        browser.click_element("#toggle-bus-routes")
        report["busRoutesOff"] = browser.wait_for(
            "(() => { const s = %s; return s && !s.layersOn.includes('bus-routes') ? s : null; })()"
            % STATE.strip(), "bus-routes off")
        report["steps"].append(["layers toggled", round(time.monotonic() - began, 2)])

        # 3. Ask for a route: "Pick start", a click on the map, then a click for the destination.
        browser.click_element("#pick-from")
        lon, lat = map(float, start.split(","))
        x, y = point_on_map(browser, lon, lat)
        browser.click(x, y)
        lon, lat = map(float, end.split(","))
        x, y = point_on_map(browser, lon, lat)
        browser.click(x, y)
        def route_done(query_test, what):
            """The page's state once a route (or its error) is in and no tile is loading."""
            return browser.wait_for(
                "(() => { const s = %s; return s && (s.stats.routeDrawn || s.stats.routeError) "
                "&& (%s) && s.loading.length === 0 ? s : null; })()" % (STATE.strip(), query_test), what)

        def set_rain(mm):
            browser.evaluate("""(() => { const rain = document.getElementById('rain');
              rain.value = %d; rain.dispatchEvent(new Event('change')); return true; })()""" % mm)

        report["route"] = route_done("true", "the route")
        report["steps"].append(["route drawn", round(time.monotonic() - began, 2)])

        # 3b. The rain control at 50 mm/h plans the route again under that scenario, then
        # back to no rain (the route again without a scenario) for the screenshot's checks.
        set_rain(50)
        report["rainRoute"] = route_done(
            "(s.stats.routeQuery || '').includes('scenario=rain=50')", "the route under 50 mm/h")
        report["steps"].append(["route under rain", round(time.monotonic() - began, 2)])
        set_rain(0)
        report["dryRoute"] = route_done("!(s.stats.routeQuery || '').includes('scenario')", "the route without rain")

        # 4. A click on the drawn route shows its properties in the panel.
        middle = browser.evaluate("""(() => {
          const safe = window.geohub.state.route && window.geohub.state.route.getLayers()
            .find(l => l.feature.properties.route === 'safe');
          if (!safe) return null;
          const c = safe.feature.geometry.coordinates;
          return c[Math.floor(c.length / 2)];
        })()""")
        if middle:
            x, y = point_on_map(browser, middle[0], middle[1])
            browser.click(x, y)
            report["panel"] = browser.wait_for(
                "(() => { const t = document.getElementById('feature-props').textContent;"
                " return t.startsWith('Route: ') ? t : null; })()", "the route's properties", timeout=5)

        # 5. The screenshot, as the user sees the page now.
        time.sleep(0.3)  # let the last tiles fade in (Leaflet's 200 ms opacity transition)
        shot = browser.call("Page.captureScreenshot", {"format": "png"})
        path = os.path.join(out_dir, "map-page.png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        report["screenshot"] = dict(check_screenshot(path), path=path)
        report["steps"].append(["screenshot", round(time.monotonic() - began, 2)])

        browser._pump(0.2)
        report["consoleErrors"] = [
            e["params"]["entry"]["text"] + " " + e["params"]["entry"].get("url", "")
            for e in browser.events
            if e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"
        ] + [
            " ".join(str(a.get("value", a.get("description", ""))) for a in e["params"]["args"])
            for e in browser.events
            if e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "warning")
        ]
        report["exceptions"] = [
            e["params"]["exceptionDetails"].get("exception", {}).get("description", "")
            or e["params"]["exceptionDetails"].get("text", "")
            for e in browser.events if e.get("method") == "Runtime.exceptionThrown"
        ]
    except Exception as error:  # the test prints the reason
        print("drive_map_page: %s" % error, file=sys.stderr)
        sys.exit(2)
    finally:
        browser.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
