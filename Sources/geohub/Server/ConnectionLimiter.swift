import Foundation

/// Limits the connections open at once from one client address.
///
/// libmicrohttpd 0.9.75 (Debian 12) ignores `MHD_OPTION_PER_IP_CONNECTION_LIMIT`
/// for accepted sockets (it keys addresses by an exact `addrlen` that `accept`
/// does not give), so geohub counts itself: the accept policy asks ``admits(_:)``
/// and the connection notifications call ``opened(_:)`` and ``closed(_:)``.
/// Threads of the pool accepting at the same instant can overshoot the limit by
/// at most the pool size.
final class ConnectionLimiter: Sendable {
    /// A client address: family byte followed by the 4 or 16 address bytes.
    typealias Address = [UInt8]

    /// Connections allowed from one address; 0 means no limit.
    let limit: Int
    private let open = Locked<[Address: Int]>([:])

    init(limit: Int) { self.limit = max(0, limit) }

    /// Whether a new connection from `address` may be accepted.
    func admits(_ address: Address) -> Bool {
        guard limit > 0 else { return true }
        return open.withLock { ($0[address] ?? 0) < limit }
    }

    func opened(_ address: Address) {
        guard limit > 0 else { return }
        open.withLock { $0[address, default: 0] += 1 }
    }

    func closed(_ address: Address) {
        guard limit > 0 else { return }
        open.withLock { table in
            let remaining = (table[address] ?? 1) - 1
            table[address] = remaining > 0 ? remaining : nil
        }
    }

    /// Connections currently counted for `address`.
    func count(_ address: Address) -> Int { open.withLock { $0[address] ?? 0 } }

    /// The address of an IPv4 or IPv6 socket address, or nil for another family.
    static func address(of socketAddress: UnsafePointer<sockaddr>, length: Int) -> Address? {
        switch Int32(socketAddress.pointee.sa_family) {
        case AF_INET where length >= MemoryLayout<sockaddr_in>.size:
            return socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin_addr) { [UInt8(AF_INET)] + Array($0) }
            }
        case AF_INET6 where length >= MemoryLayout<sockaddr_in6>.size:
            return socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin6_addr) { [UInt8(AF_INET6)] + Array($0) }
            }
        default:
            return nil
        }
    }
}
