"""Fill `geohub serve`'s tile cache to its byte budget, for the serve benchmark.

Usage: serve_fill.py BASE_URL TOKEN

Requests distinct tiles of every layer (the private ones with the bearer token),
zooms 12-17, 256 px and @2x, over each layer's bounds from /layers.json, in an
interleaved order (layer, zoom and scale change from one request to the next), from
four connections at once. Every 250 requests it reads /health; once the cache holds
at least 99% of its budget it goes on for another quarter of the requests made so far
(so entries are evicted and replaced, as in a server that has run for a while) and
stops. Prints one line of figures; exits 1 if a request fails, or if the cache never
reached 99% of its budget (every tile was asked for).
"""

import http.client
import json
import math
import sys
import threading
import time
import urllib.parse

base, token = sys.argv[1], sys.argv[2]
url = urllib.parse.urlparse(base)
auth = {"Authorization": "Bearer " + token}


def get_json(path):
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    connection.request("GET", path, headers=auth)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        sys.exit("serve_fill: %s answered %d" % (path, response.status))
    return json.loads(body)


def tiles(bounds, z):
    west, south, east, north = bounds
    n = 1 << z

    def column(lon):
        return min(n - 1, max(0, int((lon + 180) / 360 * n)))

    def row(lat):
        y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
        return min(n - 1, max(0, int(y)))

    return [(x, y) for x in range(column(west), column(east) + 1) for y in range(row(north), row(south) + 1)]


layers = get_json("/layers.json")["layers"]
streams = []
for layer in layers:
    for z in range(max(12, layer["minzoom"]), min(17, layer["maxzoom"]) + 1):
        for suffix in ("", "@2x"):
            streams.append(["/tiles/%s/%d/%d/%d%s.png" % (layer["name"], z, x, y, suffix)
                            for (x, y) in tiles(layer["bounds"], z)])
# Round-robin over the streams, each walked with a stride so neighbouring requests
# are far apart on the map.
paths = []
cursors = [0] * len(streams)
while any(c < len(s) for c, s in zip(cursors, streams)):
    for i, stream in enumerate(streams):
        if cursors[i] < len(stream):
            k = (cursors[i] * 7919) % len(stream) if math.gcd(7919, len(stream)) == 1 else cursors[i]
            paths.append(stream[k])
            cursors[i] += 1

lock = threading.Lock()
state = {"next": 0, "stop": len(paths), "full_at": None, "ok": 0, "empty": 0, "failed": 0, "bytes": 0}


def worker():
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    while True:
        with lock:
            if state["next"] >= state["stop"]:
                return
            path = paths[state["next"]]
            state["next"] += 1
            check = state["next"] % 250 == 0
        connection.request("GET", path, headers=auth)
        response = connection.getresponse()
        body = response.read()
        with lock:
            if response.status == 200:
                state["ok"] += 1
                state["bytes"] += len(body)
            elif response.status == 204:
                state["empty"] += 1
            else:
                state["failed"] += 1
                state["stop"] = state["next"]
                print("serve_fill: %s answered %d" % (path, response.status), file=sys.stderr)
        if check:
            cache = get_json("/health")["cache"]
            with lock:
                if state["full_at"] is None and cache["bytes"] >= 0.99 * cache["budget"]:
                    state["full_at"] = state["next"]
                    state["stop"] = min(len(paths), state["next"] + state["next"] // 4)


start = time.time()
threads = [threading.Thread(target=worker) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
cache = get_json("/health")["cache"]
print("fill: %d tile requests in %.0f s (%d PNG, %d empty, %d failed; %.1f MB of PNG) of %d distinct tiles at z12-17, "
      "256 px and @2x, %d layers; cache %s after %s requests: %d entries, %.1f of %.1f MiB"
      % (state["next"], time.time() - start, state["ok"], state["empty"], state["failed"], state["bytes"] / 1e6,
         len(paths), len(layers), "full" if state["full_at"] else "NOT full", state["full_at"] or state["next"],
         cache["entries"], cache["bytes"] / 1048576, cache["budget"] / 1048576))
if state["failed"] or state["full_at"] is None:
    sys.exit(1)
