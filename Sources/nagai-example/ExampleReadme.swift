/// The README written into the example project folder.
enum ExampleReadme {
    static func text(scale: Int) -> TextSink {
        var sink = TextSink()
        let scaleNote =
            scale == 1
            ? ""
            : """

            **This is a benchmark copy at scale \(scale)**: \(scale)× the children, days of river
            readings, camera detections and weeks of bus taps of the committed example.

            """
        sink.raw(
            """
            # Nagai (長井市) reference project

            The reference project of geohub: `geohub build examples/nagai` ingests it, and every
            example script draws from it. It is **generated** by `swift run nagai-example` (source in
            `Sources/nagai-example/`), the same bytes on every run; do not edit these files by hand.
            `swift run nagai-example --out DIR --scale N` writes an N× copy for benchmarks.
            \(scaleNote)
            ## What is real and what is synthetic

            Real things are placed where they are; everything else is invented, plausibly and
            reproducibly (a seeded SplitMix64 generator, never the system random source). **No row of
            any data file below is a real observation**, and no child, sensor, camera or rider exists.

            | file | real | synthetic |
            |---|---|---|
            | `../../basemap/boundary.geojson` | the city outline (MLIT N03 2021, 1 % simplified, 46 vertices) | — |
            | `../../basemap/roads.geojson` | junctions at the 52 real town points and the 7 real stations | the roads themselves: a planar (Gabriel) graph of those points plus a centre street grid, one bridge per Mogami stretch; `highway` classes by use |
            | `../../basemap/rivers.geojson` | the Mogami's course (GSHHG WDBII, approximate, 0.5–1.5 km off; nudged up to 1.1 km east between 38.06° and 38.125° N so 日の出町 and 小出 lie on the west bank) | the three tributaries (野川, 置賜白川, 伊佐沢川): names used for illustration, courses invented |
            | `../../basemap/schools.geojson` | the names of Nagai's six primary schools, one per district | their positions: placed near their districts' town points, not surveyed |
            | `data/child_gps.csv` | — | 325 children, homes on roads near their district's towns, walking the shortest road path to school, Mon 5 – Fri 9 Sep 2022, 07:00–08:30 and 14:30–17:00, a ping every 30–60 s, GPS scatter by reported accuracy, ~1 % bad fixes (50–300 m accuracy), ~0.4 % jumps |
            | `data/river_sensors.csv`, `river_levels.csv`, `rainfall.csv` | the rivers they stand on; a heavy-rain event modelled on 3 Aug 2022 in Okitama | 20 gauges (9 Mogami, 11 tributaries), thresholds, levels every 10 min and hourly rain, 30 Jul – 8 Aug 2022. Levels are a linear response to lagged hourly rain (5–7 h on the Mogami, 1–2 h on tributaries) plus 1 cm noise; 3 gauges pass danger, 5 more pass warning. Rain is stamped at the end of its hour (JMA style); times carry no offset (Asia/Tokyo) |
            | `data/wildlife_cameras.csv`, `wildlife_detections.csv` | the Teraizumi (寺泉) pattern: 34 bear sightings in Aug 2022, 45 of the season's between 18:00 and 06:00 | 13 cameras at forest edges, Apr–Nov 2022 detections of bear, boar, serow and other; cameras CAM08–CAM13 write species in Japanese (クマ, イノシシ, カモシカ, その他) |
            | `data/census_mesh.csv` | the totals: 2015 = 27,755 (census); 2020 = 26,492 (**resident register of 2020-01-01**, as no 2020 census figure is in the offline facts) | the spread over 500 m squares (JIS X 0410, 9 digits) and the households |
            | `data/tblT000876Q5740.txt` | the e-Stat file layout (Shift_JIS/CP932, CRLF, `KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T000876001…T000876041`, a second header row of Japanese item names, `*` for hidden squares merged into a sibling, `-` for zero) | the values: the 2020 squares of `census_mesh.csv` inside 1st-level square 5740, split into 250 m quarters (10 digits). T000876 is e-Stat's 250 m table id; `geohub.json` reads the file as year 2020 |
            | `data/gtfs.zip` | GTFS-JP structure (agency_jp, feed_info; route and stop ids with leading zeros) | a five-route city bus on the synthetic roads, stops at town points, stations, schools, the hospital, city hall and a supermarket; members stored uncompressed |
            | `data/bus_boardings.csv` | — | RFID taps (board/alight; student/adult/senior), 5 Sep – 2 Oct 2022; a Friday peak at 南ショッピングセンター前 (the supermarket stop in the south); 川原沢, 芦沢, 上伊佐沢 and 草岡 under 10 boardings |

            Timestamps: `child_gps.csv` and `wildlife_detections.csv` carry `+09:00`; the river, rain and
            bus files carry none (read as Asia/Tokyo, as the input contract says).

            The 2020 squares appear twice on purpose: at 500 m in `census_mesh.csv` (all of the city)
            and at 250 m in the e-Stat file (1st-level square 5740 only), where each 500 m square's
            quarters add up to its value. A reader that takes both should prefer one resolution per
            year rather than add them.

            ## Credits

            - 「国土数値情報（行政区域データ）（国土交通省）を加工して作成」 (N03, 2021)
            - Town points: Geolonia japanese-addresses, CC BY 4.0 (from MLIT 位置参照情報)
            - Stations: MLIT 国土数値情報 鉄道 (N02)
            - Mogami centreline: GSHHG 2.3 WDBII rivers (LGPL)
            - Population totals: 平成27年国勢調査; 住民基本台帳 (2020-01-01)

            """)
        return sink
    }
}
