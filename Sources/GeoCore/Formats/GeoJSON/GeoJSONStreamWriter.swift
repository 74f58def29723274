/// Writes a GeoJSON FeatureCollection one feature at a time, for collections too
/// large to hold in memory; the bytes equal ``GeoJSONWriter/data(for:)-([Feature])``.
///
/// ```swift
/// let stream = try GeoJSONStreamWriter(output: try ByteOutput(atomicallyWritingTo: url))
/// for feature in features { try stream.write(feature) }
/// try stream.finish()   // closes the collection and renames the file into place
/// ```
/// Without ``finish()`` an atomic output is discarded, never left half-written.
public final class GeoJSONStreamWriter {
    private let output: ByteOutput
    private let writer: GeoJSONWriter
    private var text = JSONTextWriter()
    private var finished = false
    /// Features written so far.
    public private(set) var count = 0

    /// Starts the collection on `output`.
    public init(output: ByteOutput, options: GeoJSONWriter.Options = GeoJSONWriter.Options()) throws(OutputError) {
        self.output = output
        writer = GeoJSONWriter(options: options)
        output.write(#"{"type":"FeatureCollection","features":["#)
    }

    /// Appends one feature.
    public func write(_ feature: Feature) throws(OutputError) {
        guard !finished else { throw OutputError(path: output.label, reason: "the collection is already finished") }
        text.bytes.removeAll(keepingCapacity: true)
        text.bytes.append(contentsOf: count == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
        try writer.append(feature, to: &text, label: output.label)
        output.write(bytes: text.bytes)
        count += 1
        try output.flushIfNeeded()
    }

    /// Closes the collection and commits the output (renaming an atomic file into place).
    public func finish() throws(OutputError) {
        guard !finished else { return }
        finished = true
        output.write(count == 0 ? "]}\n" : "\n]}\n")
        try output.commit()
    }
}
