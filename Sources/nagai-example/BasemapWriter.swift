import GeoCore

/// Writes `basemap/`: boundary, roads, rivers and schools as GeoJSON FeatureCollections.
struct BasemapWriter {
    let roads: RoadNetwork
    let rivers: RiverSystem

    func write(to folder: OutputFolder) throws(GeneratorError) {
        try folder.write(boundary(), to: "boundary.geojson")
        try folder.write(roadCollection(), to: "roads.geojson")
        try folder.write(riverCollection(), to: "rivers.geojson")
        try folder.write(schoolCollection(), to: "schools.geojson")
        try folder.write(BasemapWriter.readme(), to: "README.md")
    }

    private func boundary() -> TextSink {
        let ring = "[" + GeoJSONText.line(NagaiFacts.boundary) + "]"
        let feature = GeoJSONText.feature(
            geometryType: "Polygon", coordinates: ring,
            properties: [
                ("name", GeoJSONText.string(NagaiFacts.cityName)),
                ("name_en", GeoJSONText.string("Nagai")),
                ("city_code", GeoJSONText.string(NagaiFacts.cityCode)),
                ("source", GeoJSONText.string("国土数値情報（行政区域データ）（国土交通省）を加工して作成 (N03 2021, 1% simplified)")),
            ])
        return GeoJSONText.collection(name: "boundary", features: [feature])
    }

    private func roadCollection() -> TextSink {
        let features = roads.edges.enumerated().map { index, edge in
            var properties: [(String, String)] = [
                ("road_id", GeoJSONText.string("r" + Numbers.padded(index + 1, 4))),
                ("highway", GeoJSONText.string(edge.highway.rawValue)),
            ]
            if edge.bridge { properties.append(("bridge", "true")) }
            properties.append(("synthetic", "true"))
            return GeoJSONText.feature(
                geometryType: "LineString", coordinates: GeoJSONText.line(edge.geometry),
                properties: properties)
        }
        return GeoJSONText.collection(name: "roads", features: features)
    }

    private func riverCollection() -> TextSink {
        let features = rivers.all.map { river in
            var properties: [(String, String)] = [
                ("river_id", GeoJSONText.string(river.id)),
                ("name", GeoJSONText.string(river.name)),
                ("waterway", GeoJSONText.string("river")),
            ]
            if river.synthetic {
                properties.append(("synthetic", "true"))
            } else {
                properties.append(("approximate", "true"))
                properties.append(
                    ("source", GeoJSONText.string("GSHHG 2.3 WDBII rivers (LGPL), nudged east 38.06-38.125N")))
            }
            return GeoJSONText.feature(
                geometryType: "LineString", coordinates: GeoJSONText.line(river.line),
                properties: properties)
        }
        return GeoJSONText.collection(name: "rivers", features: features)
    }

    private func schoolCollection() -> TextSink {
        let features = Places.schools.map { school in
            GeoJSONText.feature(
                geometryType: "Point", coordinates: GeoJSONText.position(school.coordinate),
                properties: [
                    ("school_id", GeoJSONText.string(school.id)),
                    ("name", GeoJSONText.string(school.name)),
                    ("name_en", GeoJSONText.string(school.nameEnglish)),
                    ("amenity", GeoJSONText.string("school")),
                    ("level", GeoJSONText.string("primary")),
                    ("district", GeoJSONText.string(school.district.name)),
                    ("location", GeoJSONText.string("synthetic")),
                ])
        }
        return GeoJSONText.collection(name: "schools", features: features)
    }
}
