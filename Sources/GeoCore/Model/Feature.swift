/// One map feature: a shape in lon/lat degrees, its properties, and an optional id.
///
/// Property names that scripts read are fixed by DESIGN.md (for example flood-risk
/// `status`, census-delta `population_change`, bus stops `boardings`). Ids from
/// sources stay strings (`"0101"` keeps its zero).
public struct Feature: Sendable, Hashable {
    public var id: String?
    public var shape: Shape
    public var properties: [String: JSONValue]

    public init(id: String? = nil, shape: Shape, properties: [String: JSONValue] = [:]) {
        self.id = id
        self.shape = shape
        self.properties = properties
    }
}
