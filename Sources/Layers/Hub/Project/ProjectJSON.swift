import Foundation
import GeoCore

/// Turns the text of `geohub.json` into a ``JSONValue``.
///
/// Foundation's `JSONSerialization` does the parsing; this only maps its objects to
/// ``JSONValue``, keeping integers apart from doubles and booleans apart from numbers
/// (on Linux a JSON boolean arrives as an `NSNumber` whose type code is `c`).
enum ProjectJSON {
    static func parse(_ data: Data, file: String) throws(ProjectError) -> JSONValue {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw ProjectError(file: file, path: "", reason: "is not valid JSON (\(detail ?? error.localizedDescription))")
        }
        return convert(object)
    }

    private static func convert(_ object: Any) -> JSONValue {
        switch object {
        case let dictionary as [String: Any]:
            return .object(dictionary.mapValues(convert))
        case let array as [Any]:
            return .array(array.map(convert))
        case let string as String:
            return .string(string)
        case let number as NSNumber:
            switch String(cString: number.objCType) {
            case "c", "B": return .bool(number.boolValue)
            case "d", "f": return .double(number.doubleValue)
            default: return .int(number.intValue)
            }
        default:
            return .null
        }
    }
}
