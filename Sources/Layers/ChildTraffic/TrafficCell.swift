import GeoCore

/// One aggregation cell of children's GPS in one time window, as the hub stores it:
/// never a ping or a device, only how many pings fell in the cell and how many
/// distinct devices sent them.
///
/// The hub aggregates at ingest (raw pings never reach storage); the child-traffic
/// builder reads these cells back, suppresses those seen by fewer than k devices and
/// smooths the rest into a density.
public struct TrafficCell: Sendable, Hashable {
    /// The centre of the cell in the project CRS (metres).
    public var center: Coordinate
    /// Pings that fell in the cell during the window.
    public var pings: Int
    /// Distinct devices among those pings: the k-anonymity count.
    public var devices: Int

    public init(center: Coordinate, pings: Int, devices: Int) {
        self.center = center
        self.pings = pings
        self.devices = devices
    }
}
