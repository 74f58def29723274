import Foundation

/// Writes zip archives with Python's `zipfile` (a reference implementation nobody here
/// wrote), for reader tests: ordinary archives, stored and deflated members, hostile
/// member paths and zip bombs.
public enum ZipFixtures {
    /// One member to write.
    public struct Member {
        public var name: String
        public var data: Data
        public var deflated: Bool

        public init(_ name: String, _ data: Data, deflated: Bool = true) {
            self.name = name
            self.data = data
            self.deflated = deflated
        }

        public init(_ name: String, text: String, deflated: Bool = true) {
            self.init(name, Data(text.utf8), deflated: deflated)
        }
    }

    /// Writes `members` into a new archive at `url`.
    public static func write(_ members: [Member], to url: URL) throws {
        let spec: [[String: Any]] = members.map {
            ["name": $0.name, "b64": $0.data.base64EncodedString(), "deflated": $0.deflated]
        }
        let input = try JSONSerialization.data(withJSONObject: ["path": url.path, "members": spec])
        try ReferencePython.run(
            """
            import base64, json, sys, zipfile
            spec = json.load(sys.stdin)
            with zipfile.ZipFile(spec["path"], "w") as zf:
                for m in spec["members"]:
                    info = zipfile.ZipInfo(m["name"], date_time=(2024, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED if m["deflated"] else zipfile.ZIP_STORED
                    zf.writestr(info, base64.b64decode(m["b64"]))
            """, packages: [], input: input)
    }

    /// Writes an archive whose one member `name` is `megabytes` MiB of zero bytes,
    /// deflated (a ratio of about 1000:1), streamed so Python never holds it whole.
    public static func writeBomb(named name: String, megabytes: Int, to url: URL) throws {
        try ReferencePython.run(
            """
            import sys, zipfile
            path, name, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
            block = bytes(1 << 20)
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
                with zf.open(name, "w") as f:
                    for _ in range(mb):
                        f.write(block)
            """, packages: [], arguments: [url.path, name, String(megabytes)])
    }

    /// Every member's bytes as Python's `zipfile` reads them, keyed by name.
    public static func pythonRead(_ url: URL) throws -> [String: Data] {
        let out = try ReferencePython.json(
            """
            import base64, json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as zf:
                print(json.dumps({i.filename: base64.b64encode(zf.read(i)).decode()
                                  for i in zf.infolist() if not i.is_dir()}))
            """, packages: [], arguments: [url.path])
        guard let object = out as? [String: String] else { return [:] }
        return object.compactMapValues { Data(base64Encoded: $0) }
    }
}
