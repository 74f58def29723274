import GeoCore

/// Real facts about Nagai (長井市, city code 06209) that the example is built around.
///
/// These numbers are embedded (not read from ../shared) so the generator runs on a fresh
/// clone. Credits, as the sources ask:
/// - Boundary: 「国土数値情報（行政区域データ）（国土交通省）を加工して作成」 — MLIT N03 (2021),
///   feature 06209, simplified to 1 % (46 vertices) as published in smartnews-smri/japan-topography.
/// - Town points: representative points of 大字・町丁目, Geolonia japanese-addresses (CC BY 4.0),
///   derived from MLIT 位置参照情報.
/// - Stations: 山形鉄道フラワー長井線 station points, MLIT 国土数値情報 鉄道 (N02).
/// - Mogami river: GSHHG 2.3 WDBII rivers (LGPL), an approximate centreline (0.5–1.5 km off).
/// - Population: 2015 census 27,755; 2020 resident register (住民基本台帳, 2020-01-01) 26,492.
///   No 2020 census figure is in the offline facts, so the example uses the resident count for 2020.
/// The district a town belongs to (Nagai's six districts) is this example's own assignment.
enum NagaiFacts {
    static let cityCode = "06209"
    static let cityName = "長井市"

    /// 2015 census population (平成27年国勢調査).
    static let population2015 = 27_755
    /// 2020 figure used for the example: the resident register count of 2020-01-01 (not a census value).
    static let population2020 = 26_492

    /// The city outline (MLIT N03 2021, 1 % simplification), closed, counter-clockwise.
    static let boundary: [Coordinate] = [
        Coordinate(lon: 139.91657289212537, lat: 38.24642297364136),
        Coordinate(lon: 139.90206383907503, lat: 38.234912198239385),
        Coordinate(lon: 139.8991109987736, lat: 38.21660755919157),
        Coordinate(lon: 139.89130036252175, lat: 38.21278008143565),
        Coordinate(lon: 139.87729019488665, lat: 38.19965461287012),
        Coordinate(lon: 139.88068966279775, lat: 38.186795468636035),
        Coordinate(lon: 139.87900769045257, lat: 38.16895664063651),
        Coordinate(lon: 139.88503744512207, lat: 38.154781666840506),
        Coordinate(lon: 139.89505533063902, lat: 38.14682277555073),
        Coordinate(lon: 139.88731827511833, lat: 38.13704505398613),
        Coordinate(lon: 139.8984981710538, lat: 38.10723566679263),
        Coordinate(lon: 139.90692661457172, lat: 38.09967399975534),
        Coordinate(lon: 139.92996383876016, lat: 38.10058502737718),
        Coordinate(lon: 139.95433608314374, lat: 38.085696080909486),
        Coordinate(lon: 139.9846603888659, lat: 38.090816504977795),
        Coordinate(lon: 140.01519053141794, lat: 38.079267504791574),
        Coordinate(lon: 140.01409189352614, lat: 38.07137725245826),
        Coordinate(lon: 140.0240176650832, lat: 38.069978640302054),
        Coordinate(lon: 140.02088364466454, lat: 38.05361453228488),
        Coordinate(lon: 140.0296487547863, lat: 38.042516775029185),
        Coordinate(lon: 140.0430303367807, lat: 38.04996364001005),
        Coordinate(lon: 140.05550605685914, lat: 38.049723865464046),
        Coordinate(lon: 140.06462678230025, lat: 38.066391775260286),
        Coordinate(lon: 140.07057797669233, lat: 38.0651895588511),
        Coordinate(lon: 140.08861992197194, lat: 38.07907527920082),
        Coordinate(lon: 140.09676669242901, lat: 38.09072353216533),
        Coordinate(lon: 140.096615862632, lat: 38.09764350504378),
        Coordinate(lon: 140.10871296992764, lat: 38.112737360241056),
        Coordinate(lon: 140.10532625170526, lat: 38.123020667170124),
        Coordinate(lon: 140.10992907906382, lat: 38.12909594642082),
        Coordinate(lon: 140.09727138746462, lat: 38.138344837844045),
        Coordinate(lon: 140.09063518756398, lat: 38.12925786485863),
        Coordinate(lon: 140.06817208787163, lat: 38.13696013550191),
        Coordinate(lon: 140.05054430557527, lat: 38.14523997324625),
        Coordinate(lon: 140.05220878071077, lat: 38.155014171267055),
        Coordinate(lon: 140.04061306074425, lat: 38.15914505420096),
        Coordinate(lon: 140.01443571963284, lat: 38.17495817098285),
        Coordinate(lon: 139.99245544706127, lat: 38.179871278836515),
        Coordinate(lon: 139.97754914367806, lat: 38.17968327916003),
        Coordinate(lon: 139.95789805405207, lat: 38.19856383865027),
        Coordinate(lon: 139.96051282660574, lat: 38.20373797292916),
        Coordinate(lon: 139.94073396849797, lat: 38.208775224996714),
        Coordinate(lon: 139.94522652368516, lat: 38.22084241454587),
        Coordinate(lon: 139.9441573664693, lat: 38.230485721638786),
        Coordinate(lon: 139.93196055763372, lat: 38.23412269420703),
        Coordinate(lon: 139.91657289212537, lat: 38.24642297364136),
    ]

    /// The 52 大字・町丁目 representative points (Geolonia japanese-addresses, CC BY 4.0).
    static let towns: [Town] = [
        Town(name: "芦沢", lon: 140.082349, lat: 38.087402, district: .isazawa),
        Town(name: "あら町", lon: 140.037788, lat: 38.101844, district: .central),
        Town(name: "五十川", lon: 140.04756, lat: 38.13774, district: .chiho),
        Town(name: "泉", lon: 140.039776, lat: 38.08419, district: .nishine),
        Town(name: "今泉", lon: 140.048032, lat: 38.057391, district: .toyoda),
        Town(name: "歌丸", lon: 140.031434, lat: 38.058048, district: .toyoda),
        Town(name: "大町", lon: 140.038135, lat: 38.110472, district: .central),
        Town(name: "片田町", lon: 140.040202, lat: 38.10393, district: .central),
        Town(name: "上伊佐沢", lon: 140.087744, lat: 38.114238, district: .isazawa),
        Town(name: "河井", lon: 140.049902, lat: 38.072497, district: .toyoda),
        Town(name: "川原沢", lon: 139.930123, lat: 38.182688, district: .hirano),
        Town(name: "勧進代", lon: 140.00827, lat: 38.159531, district: .hirano),
        Town(name: "草岡", lon: 139.974501, lat: 38.169897, district: .hirano),
        Town(name: "九野本", lon: 140.015472, lat: 38.091645, district: .nishine),
        Town(name: "小出", lon: 140.056505, lat: 38.09639, district: .central),
        Town(name: "高野町一丁目", lon: 140.034701, lat: 38.107986, district: .central),
        Town(name: "高野町二丁目", lon: 140.034521, lat: 38.110343, district: .central),
        Town(name: "幸町", lon: 140.030098, lat: 38.113299, district: .central),
        Town(name: "栄町", lon: 140.037571, lat: 38.107696, district: .central),
        Town(name: "清水町一丁目", lon: 140.025037, lat: 38.111512, district: .central),
        Town(name: "清水町二丁目", lon: 140.018824, lat: 38.107412, district: .central),
        Town(name: "下伊佐沢", lon: 140.070866, lat: 38.072532, district: .isazawa),
        Town(name: "白兎", lon: 140.02636, lat: 38.164154, district: .chiho),
        Town(name: "新町", lon: 140.032082, lat: 38.110815, district: .central),
        Town(name: "神明町", lon: 140.041227, lat: 38.102134, district: .central),
        Town(name: "台町", lon: 140.033365, lat: 38.094816, district: .central),
        Town(name: "館町北", lon: 140.042408, lat: 38.10034, district: .central),
        Town(name: "館町南", lon: 140.042001, lat: 38.094034, district: .central),
        Town(name: "寺泉", lon: 139.960906, lat: 38.123058, district: .nishine),
        Town(name: "十日町一丁目", lon: 140.03876, lat: 38.112403, district: .central),
        Town(name: "十日町二丁目", lon: 140.037295, lat: 38.114864, district: .central),
        Town(name: "時庭", lon: 140.03041, lat: 38.070068, district: .toyoda),
        Town(name: "中伊佐沢", lon: 140.062623, lat: 38.08558, district: .isazawa),
        Town(name: "中道一丁目", lon: 140.027747, lat: 38.107249, district: .central),
        Town(name: "中道二丁目", lon: 140.028874, lat: 38.105571, district: .central),
        Town(name: "成田", lon: 140.040394, lat: 38.125922, district: .chiho),
        Town(name: "花作町", lon: 140.031723, lat: 38.100569, district: .central),
        Town(name: "日の出町", lon: 140.050056, lat: 38.094996, district: .central),
        Town(name: "平野", lon: 139.909476, lat: 38.147164, district: .hirano),
        Town(name: "平山", lon: 140.004777, lat: 38.098284, district: .nishine),
        Town(name: "舟場", lon: 140.044046, lat: 38.119869, district: .central),
        Town(name: "ままの上", lon: 140.040459, lat: 38.107103, district: .central),
        Town(name: "緑町", lon: 140.039633, lat: 38.117895, district: .central),
        Town(name: "宮", lon: 140.023563, lat: 38.100411, district: .central),
        Town(name: "本町一丁目", lon: 140.036343, lat: 38.105647, district: .central),
        Town(name: "本町二丁目", lon: 140.035822, lat: 38.103424, district: .central),
        Town(name: "森", lon: 140.059248, lat: 38.12291, district: .chiho),
        Town(name: "横町", lon: 140.034123, lat: 38.116074, district: .central),
        Town(name: "四ツ谷一丁目", lon: 140.036084, lat: 38.099672, district: .central),
        Town(name: "四ツ谷二丁目", lon: 140.036997, lat: 38.096171, district: .central),
        Town(name: "東町", lon: 140.043752, lat: 38.106389, district: .central),
        Town(name: "屋城町", lon: 140.044005, lat: 38.110102, district: .central),
    ]

    /// The seven Flower Nagai line stations inside Nagai (MLIT N02), south to north.
    static let stations: [Station] = [
        Station(name: "今泉", lon: 140.04423, lat: 38.0567),
        Station(name: "時庭", lon: 140.02959, lat: 38.07666),
        Station(name: "南長井", lon: 140.03455, lat: 38.09761),
        Station(name: "長井", lon: 140.03353, lat: 38.10687),
        Station(name: "あやめ公園", lon: 140.03278, lat: 38.11419),
        Station(name: "羽前成田", lon: 140.03512, lat: 38.13106),
        Station(name: "白兎", lon: 140.04119, lat: 38.15031),
    ]

    /// The Mogami (最上川) centreline from GSHHG WDBII (approximate, south to north), 38.02–38.21 N.
    static let mogamiApproximate: [Coordinate] = [
        Coordinate(lon: 140.10889, lat: 38.01805), Coordinate(lon: 140.10638, lat: 38.02251),
        Coordinate(lon: 140.10249, lat: 38.02667),
        Coordinate(lon: 140.09666, lat: 38.02972), Coordinate(lon: 140.08945, lat: 38.03027),
        Coordinate(lon: 140.08556, lat: 38.03444),
        Coordinate(lon: 140.08167, lat: 38.03833), Coordinate(lon: 140.07916, lat: 38.04306),
        Coordinate(lon: 140.07527, lat: 38.04694),
        Coordinate(lon: 140.07167, lat: 38.05112), Coordinate(lon: 140.06667, lat: 38.05472),
        Coordinate(lon: 140.06166, lat: 38.05833),
        Coordinate(lon: 140.05695, lat: 38.06195), Coordinate(lon: 140.05194, lat: 38.06555),
        Coordinate(lon: 140.04944, lat: 38.06999),
        Coordinate(lon: 140.04778, lat: 38.075), Coordinate(lon: 140.04639, lat: 38.07973),
        Coordinate(lon: 140.04584, lat: 38.08499),
        Coordinate(lon: 140.04666, lat: 38.09084), Coordinate(lon: 140.04861, lat: 38.09694),
        Coordinate(lon: 140.05055, lat: 38.10306),
        Coordinate(lon: 140.05139, lat: 38.10861), Coordinate(lon: 140.05305, lat: 38.11501),
        Coordinate(lon: 140.05499, lat: 38.12111),
        Coordinate(lon: 140.05695, lat: 38.12721), Coordinate(lon: 140.05667, lat: 38.13249),
        Coordinate(lon: 140.05722, lat: 38.13805),
        Coordinate(lon: 140.05806, lat: 38.14389), Coordinate(lon: 140.06166, lat: 38.14944),
        Coordinate(lon: 140.06612, lat: 38.15334),
        Coordinate(lon: 140.07083, lat: 38.15723), Coordinate(lon: 140.07556, lat: 38.1611),
        Coordinate(lon: 140.07944, lat: 38.16583),
        Coordinate(lon: 140.0836, lat: 38.17055), Coordinate(lon: 140.08861, lat: 38.17361),
        Coordinate(lon: 140.09334, lat: 38.17749),
        Coordinate(lon: 140.0975, lat: 38.18222), Coordinate(lon: 140.09944, lat: 38.18832),
        Coordinate(lon: 140.09889, lat: 38.1936),
        Coordinate(lon: 140.0975, lat: 38.19861), Coordinate(lon: 140.095, lat: 38.20305),
        Coordinate(lon: 140.09334, lat: 38.20778),
        Coordinate(lon: 140.09195, lat: 38.21277),
    ]
}

/// Nagai's six districts (地区), each with one primary school.
enum District: String, CaseIterable, Sendable {
    case central, chiho, nishine, hirano, isazawa, toyoda

    /// The district's Japanese name.
    var name: String {
        switch self {
        case .central: "中央"
        case .chiho: "致芳"
        case .nishine: "西根"
        case .hirano: "平野"
        case .isazawa: "伊佐沢"
        case .toyoda: "豊田"
        }
    }
}

/// A 大字・町丁目 representative point.
struct Town: Sendable {
    let name: String
    let lon: Double
    let lat: Double
    let district: District

    var coordinate: Coordinate { Coordinate(lon: lon, lat: lat) }
}

/// A railway station of the Flower Nagai line.
struct Station: Sendable {
    let name: String
    let lon: Double
    let lat: Double

    var coordinate: Coordinate { Coordinate(lon: lon, lat: lat) }
}
