import GeoCore

extension CompositeBuilder {
    /// A river gauge as a flood hazard source.
    public struct FloodGauge: Sendable, Hashable {
        /// Where the gauge is, lon/lat degrees.
        public var location: Coordinate
        /// 0 (normal) … 1 (danger): the gauge's status rank over 3, the worse of the
        /// current and the scenario-predicted status.
        public var severity: Double

        public init(location: Coordinate, severity: Double) {
            self.location = location
            self.severity = severity
        }

        /// The gauges of a built `flood-risk` layer: its Point features with
        /// `status_rank` (0…3, or `status` `normal|advisory|warning|danger`) and, under a
        /// scenario, `predicted_status_rank` (or `predicted_status`). A gauge without a
        /// status is left out.
        public static func gauges(in floodRisk: BuiltLayer) -> [FloodGauge] {
            floodRisk.features.compactMap { feature in
                guard case .point(let location) = feature.shape else { return nil }
                let ranks = [rank(feature.properties, "status"), rank(feature.properties, "predicted_status")]
                guard let worst = ranks.compactMap({ $0 }).max() else { return nil }
                return FloodGauge(location: location, severity: Double(worst) / 3)
            }
        }

        /// A gauge from the flood-risk builder's typed value: the worse of its current
        /// and predicted status; nil without either.
        public init?(site: FloodSite) {
            guard let worst = [site.status, site.predictedStatus].compactMap({ $0 }).max() else { return nil }
            self.init(location: site.sensor.location, severity: Double(worst.rank) / 3)
        }

        private static func rank(_ properties: [String: JSONValue], _ key: String) -> Int? {
            if let rank = properties["\(key)_rank"]?.intValue { return Swift.min(Swift.max(rank, 0), 3) }
            switch properties[key]?.stringValue {
            case "normal": return 0
            case "advisory": return 1
            case "warning": return 2
            case "danger": return 3
            default: return nil
            }
        }
    }

    /// A wildlife zone as a hazard source.
    public struct WildlifeHazard: Sendable, Hashable {
        /// The zone polygon(s), lon/lat degrees.
        public var shape: Shape
        /// All-day hazard, 0…1 (the zone's score over the layer's highest).
        public var allDay: Double
        /// Hazard in each time-of-day band 0–6, 6–12, 12–18, 18–24 h, 0…1 (exactly 4 values).
        public var byBand: [Double]

        public init(shape: Shape, allDay: Double, byBand: [Double]) {
            self.shape = shape
            self.allDay = allDay
            self.byBand =
                byBand.count == RiskSurface.bandCount
                ? byBand
                : Array(repeating: allDay, count: RiskSurface.bandCount)
        }

        /// A zone from the wildlife builder's typed value (`risk`, `bandRisk`).
        public init(zone: WildlifeZone) {
            self.init(
                shape: zone.shape, allDay: zone.risk,
                byBand: TimeOfDayBand.allCases.map { zone.bandRisk[$0] ?? 0 })
        }

        /// The zones of a built `wildlife` layer: its (Multi)Polygon features with
        /// `kind: "zone"`, `risk` (0…1) and `band_risk` {"0-6", "6-12", "12-18", "18-24"}
        /// (0…1); a zone without `band_risk` weighs `risk` at every hour.
        public static func zones(in wildlife: BuiltLayer) -> [WildlifeHazard] {
            wildlife.features.compactMap { feature in
                switch feature.shape {
                case .polygon, .multiPolygon: break
                default: return nil
                }
                if let kind = feature.properties["kind"]?.stringValue, kind != "zone" { return nil }
                let risk = Swift.max(0, feature.properties["risk"]?.doubleValue ?? 0)
                var bands = [Double](repeating: risk, count: RiskSurface.bandCount)
                if let object = feature.properties["band_risk"]?.objectValue {
                    for band in 0..<RiskSurface.bandCount {
                        let key = TimeOfDayBand(rawValue: band)?.key ?? ""
                        bands[band] = Swift.max(0, object[key]?.doubleValue ?? 0)
                    }
                }
                return WildlifeHazard(shape: feature.shape, allDay: risk, byBand: bands)
            }
        }
    }
}
