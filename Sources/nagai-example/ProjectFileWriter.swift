/// Writes `geohub.json` in the shape DESIGN.md fixes ("Project file").
enum ProjectFileWriter {
    static func text(basemap: String) -> TextSink {
        var sink = TextSink()
        sink.raw(
            """
            {
              "name": "Nagai",
              "bbox": [139.88, 38.03, 140.13, 38.20],
              "crs": "EPSG:6678",
              "sources": {
                "childGPS": "data/child_gps.csv",
                "riverSensors": "data/river_sensors.csv",
                "riverLevels": "data/river_levels.csv",
                "rainfall": "data/rainfall.csv",
                "wildlifeCameras": "data/wildlife_cameras.csv",
                "wildlifeDetections": "data/wildlife_detections.csv",
                "census": ["data/census_mesh.csv", {"path": "data/\(EStatMeshFile.fileName)", "year": 2020}],
                "gtfs": "data/gtfs.zip",
                "busBoardings": "data/bus_boardings.csv",
                "boundary": "\(basemap)/boundary.geojson",
                "roads": "\(basemap)/roads.geojson",
                "rivers": "\(basemap)/rivers.geojson",
                "schools": "\(basemap)/schools.geojson"
              },
              "layers": { "child-traffic": { "minDistinctDevices": 5 } }
            }

            """)
        return sink
    }
}
