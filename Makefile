# geohub developer commands. `make help` lists them.
SWIFT ?= swift
PROJECT ?= examples/nagai
BENCH ?=

.PHONY: help deps example test test-only lint leaks bench clean

help:
	@echo "make example   install what is missing, build release, run geohub on examples/nagai"
	@echo "make test      install what is missing and run the whole test suite"
	@echo "make leaks     run the GeoCore tests under LeakSanitizer (zero definite leaks expected)"
	@echo "make bench     release benchmarks against their peers (BENCH=join|tiles|heatmap|serve)"

deps:
	@scripts/install-deps

example: deps
	$(SWIFT) build -c release --product geohub
	.build/release/geohub build $(PROJECT)
	.build/release/geohub export $(PROJECT) --out out/nagai --format tiles,geojson,mbtiles,pmtiles,gpkg --zoom 11-14

test:
	@scripts/install-deps test
	$(SWIFT) build --build-tests -Xswiftc -warnings-as-errors
	$(SWIFT) test --skip-build

leaks:
	@scripts/install-deps test
	scripts/leak-check

bench:
	@scripts/install-deps bench
	$(SWIFT) build -c release
	Benchmarks/run $(BENCH)

clean:
	rm -rf .build out bench-out
