import Foundation
import GeoCore

/// Cleans children's GPS pings and bins them into metric cells per time window,
/// counting pings and distinct devices, while they stream in.
///
/// Cleaning rules, applied in this order (each dropped ping is counted by reason):
/// 1. `accuracy`: a ping whose reported accuracy radius exceeds `maxAccuracy` (50 m
///    by default) is GPS noise.
/// 2. `outsideArea`: a ping outside the project's bbox (or one PROJ cannot project).
/// 3. `duplicate`: the same device at the same time and place as its previous kept ping.
/// 4. `speed`: a ping implying a move faster than `maxSpeed` (40 km/h by default) from
///    the device's previous kept ping is a jump. After three jumps in a row the fourth
///    ping is kept and becomes the reference, since then the earlier reference was
///    the outlier. Pings are compared in file order, which should be time order per
///    device.
///
/// Kept pings are projected to the project CRS (one PROJ call per batch) and counted
/// in cell `(⌊x / cellSize⌋, ⌊y / cellSize⌋)` of every window whose local time and
/// day they fall in. Memory grows with the number of cells and of (cell, device)
/// pairs, never with the number of pings. Device ids are mapped to small integers by
/// the caller and exist only in memory: the result holds counts alone.
public final class GPSAggregator {
    public let configuration: Configuration
    private let transformer: Transformer
    private struct CellKey: Hashable {
        var window: Int32
        var column: Int32
        var row: Int32
    }
    private struct CellDevice: Hashable {
        var cell: CellKey
        var device: Int32
    }
    private struct WindowDevice: Hashable {
        var window: Int32
        var device: Int32
    }
    private struct Anchor {
        var time: Double
        var x: Double
        var y: Double
        var jumps: Int
    }
    private var pings: [CellKey: Int] = [:]
    private var cellDevices: Set<CellDevice> = []
    private var windowDevices: Set<WindowDevice> = []
    private var windowPings: [Int]
    private var devices: Set<Int32> = []
    private var anchors: [Int32: Anchor] = [:]
    private(set) var kept = 0
    private(set) var filtered: [String: Int] = ["accuracy": 0, "outsideArea": 0, "duplicate": 0, "speed": 0]
    private var batch = PingBatch()

    /// A batch of pings in columns, filled by the caller and projected in one call.
    struct PingBatch {
        var device: [Int32] = []
        var time: [Double] = []
        var x: [Double] = []
        var y: [Double] = []
        var count: Int { device.count }

        mutating func removeAll() {
            device.removeAll(keepingCapacity: true)
            time.removeAll(keepingCapacity: true)
            x.removeAll(keepingCapacity: true)
            y.removeAll(keepingCapacity: true)
        }
    }

    static let batchSize = 65_536

    /// - Throws: ``PROJError`` when PROJ cannot transform lon/lat to the configured CRS.
    public init(configuration: Configuration) throws(PROJError) {
        self.configuration = configuration
        transformer = try Transformer(from: .wgs84, to: configuration.crs)
        windowPings = Array(repeating: 0, count: configuration.windows.count)
    }

    /// Adds one ping.
    ///
    /// - Parameters:
    ///   - device: the caller's small integer for the device (never its id).
    ///   - time: epoch seconds.
    ///   - lon, lat: degrees.
    ///   - accuracy: reported accuracy radius in metres, if the source gives one.
    public func add(device: Int32, time: Double, lon: Double, lat: Double, accuracy: Double?) throws(PROJError) {
        if let accuracy, accuracy > configuration.maxAccuracy {
            filtered["accuracy", default: 0] += 1
            return
        }
        guard configuration.area.contains(Coordinate(lon: lon, lat: lat)) else {
            filtered["outsideArea", default: 0] += 1
            return
        }
        batch.device.append(device)
        batch.time.append(time)
        batch.x.append(lon)
        batch.y.append(lat)
        if batch.count >= Self.batchSize { try flush() }
    }

    /// Projects and bins the pending batch.
    private func flush() throws(PROJError) {
        guard batch.count > 0 else { return }
        // Move the columns out of the stored property: two inout accesses to parts of
        // one class property at once would break exclusivity.
        var pending = batch
        batch = PingBatch()
        try transformer.transform(xs: &pending.x, ys: &pending.y, policy: .keepNonFinite)
        for i in 0..<pending.count {
            bin(device: pending.device[i], time: pending.time[i], x: pending.x[i], y: pending.y[i])
        }
        pending.removeAll()
        batch = pending
    }

    private func bin(device: Int32, time: Double, x: Double, y: Double) {
        guard x.isFinite, y.isFinite else {
            filtered["outsideArea", default: 0] += 1
            return
        }
        if var anchor = anchors[device] {
            let distance = ((x - anchor.x) * (x - anchor.x) + (y - anchor.y) * (y - anchor.y)).squareRoot()
            let elapsed = abs(time - anchor.time)
            if elapsed == 0 && distance == 0 {
                filtered["duplicate", default: 0] += 1
                return
            }
            if elapsed == 0 || distance / elapsed > configuration.maxSpeed, anchor.jumps < 3 {
                anchor.jumps += 1
                anchors[device] = anchor
                filtered["speed", default: 0] += 1
                return
            }
        }
        anchors[device] = Anchor(time: time, x: x, y: y, jumps: 0)
        kept += 1
        devices.insert(device)
        let local = Int((time + Double(configuration.utcOffsetSeconds)).rounded(.down))
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let minute = (local - day * 86_400) / 60
        let weekday = ((day % 7 + 7) % 7 + 3) % 7 + 1  // 1970-01-01 was a Thursday (ISO 4)
        let column = Int32(clamping: Int((x / configuration.cellSize).rounded(.down)))
        let row = Int32(clamping: Int((y / configuration.cellSize).rounded(.down)))
        for (index, window) in configuration.windows.enumerated()
        where window.contains(minuteOfDay: minute, weekday: weekday) {
            let key = CellKey(window: Int32(index), column: column, row: row)
            pings[key, default: 0] += 1
            cellDevices.insert(CellDevice(cell: key, device: device))
            windowDevices.insert(WindowDevice(window: Int32(index), device: device))
            windowPings[index] += 1
        }
    }

    /// Flushes what is pending and returns the aggregates. The aggregator can take no
    /// more pings afterwards.
    public func finish() throws(PROJError) -> TrafficAggregate {
        try flush()
        var deviceCounts: [CellKey: Int] = [:]
        for pair in cellDevices { deviceCounts[pair.cell, default: 0] += 1 }
        var cells = Array(repeating: [TrafficCell](), count: configuration.windows.count)
        for (key, count) in pings {
            cells[Int(key.window)].append(
                TrafficCell(
                    column: Int(key.column), row: Int(key.row), pings: count,
                    devices: deviceCounts[key] ?? 0))
        }
        var perWindowDevices = Array(repeating: 0, count: configuration.windows.count)
        for pair in windowDevices { perWindowDevices[Int(pair.window)] += 1 }
        let windows = configuration.windows.enumerated().map { index, window in
            TrafficWindowAggregate(
                window: window, pings: windowPings[index], devices: perWindowDevices[index],
                cells: cells[index].sorted { ($0.row, $0.column) < ($1.row, $1.column) })
        }
        anchors.removeAll()
        cellDevices.removeAll()
        return TrafficAggregate(
            crs: configuration.crs, cellSize: configuration.cellSize, pings: kept,
            devices: devices.count, windows: windows, filtered: filtered)
    }
}
