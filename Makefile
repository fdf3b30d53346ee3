# PHRCard: the two commands of the README are `make demo` and `make test`. Both install what is missing first.
SWIFT ?= swift
# test-browser, screenshots: the station (issue 14)
.PHONY: bootstrap build release demo test test-embed docs test-browser screenshots bench bench-size bench-report bench-fhir bench-scale vectors clean fuzz fuzz-smoke robustness

bootstrap:
	@./scripts/bootstrap

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release --product phrcard

demo: release
	@./scripts/demo

# A short fuzz pass (about 10 s per libFuzzer target; fails only on a crash), then the whole suite.
test: bootstrap
	./scripts/fuzz-smoke
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory test-embed
	$(MAKE) --no-print-directory test-browser

# examples/embed-decoder, a separate package on the PHRCardCore product alone: builds it (its own scratch path,
# about 1.5 min the first time), verifies and opens a card issued by phrcard, and checks with ldd that it links
# libcrypto and libz and none of the other native libraries (scripts/test-embed-decoder).
test-embed: bootstrap
	./scripts/test-embed-decoder --phrcard $$($(SWIFT) build --show-bin-path)/phrcard

# API documentation (DocC): one archive for every module with a catalog (Sources/<Module>/<Module>.docc) in
# .build-docs/PHRCard.doccarchive; fails on any DocC or compiler warning (scripts/docs).
docs: bootstrap
	SWIFT=$(SWIFT) ./scripts/docs

# The station in headless Chromium (Tests/Browser, about 40 s): camera, scanner, issue page. Screenshots go to a
# temporary folder; `make screenshots` refreshes the ones in docs/station/.
test-browser: bootstrap
	.build-python/bin/python Tests/Browser/station_browser_test.py --phrcard $$($(SWIFT) build --show-bin-path)/phrcard \
		--screenshots $${TMPDIR:-/tmp}/phrcard-station-screenshots

screenshots: bootstrap
	$(SWIFT) build --product phrcard
	.build-python/bin/python Tests/Browser/station_browser_test.py --phrcard $$($(SWIFT) build --show-bin-path)/phrcard --screenshots docs/station

vectors: bootstrap
	$(SWIFT) build --product phrcard-vectors
	$$($(SWIFT) build --show-bin-path)/phrcard-vectors generate --samples examples --out vectors
	$$($(SWIFT) build --show-bin-path)/phrcard-vectors check --dir vectors

# Benchmarks (docs/benchmarks.md). bench-size is fast (about a second after the build) and suits CI.
BENCH = $$($(SWIFT) build -c release --show-bin-path)/phrcard-bench

bench-size: bootstrap
	$(SWIFT) build -c release --product phrcard-bench
	$(BENCH) size --examples examples

# The IPS corpus (Tests/PHRCardTests/Fixtures/ips-corpus): recall of clinical resources, card size and QR version,
# and the same Bundles as SMART Health Cards (README "FHIR IPS import"). A few seconds after the build.
bench-fhir: bootstrap
	$(SWIFT) build -c release --product phrcard-bench
	$(BENCH) fhir --corpus Tests/PHRCardTests/Fixtures/ips-corpus

# In-process speed against the raw crypto (rounds interleaved), then the command line: batch issue on 1 and on every
# core against raw scrypt, one-card start-up, many cards in one process (scripts/bench-cli); also `phrcard report`
# on 100,000 records (bench-report). A few minutes.
bench: bootstrap
	$(SWIFT) build -c release --product phrcard-bench
	$(SWIFT) build -c release --product phrcard
	$(BENCH) speed --sample examples/typical.json
	$(BENCH) report --records 100000
	./scripts/bench-cli --bin-dir $$($(SWIFT) build -c release --show-bin-path)

# phrcard report (spec/reports.md §10): records/s and resident memory for 100,000 and 1,000,000 generated records
# (generated into a temporary JSON Lines file first, not committed; about 600 MB of disk for the larger run).
bench-report: bootstrap
	$(SWIFT) build -c release --product phrcard-bench
	$(BENCH) report --records 100000
	$(BENCH) report --records 100000 --jobs 2
	$(BENCH) report --records 1000000
	$(BENCH) report --records 1000000 --jobs 2

# Scaling through the command line: 1,000 and 100,000 cards in one batch on every core, each set verified in one
# process, and 1,000,000 card texts verified through stdin (scripts/bench-scale). Hours on 2 shared cores: run it
# in the background, e.g. `nice -n 10 make bench-scale > scale.log 2>&1 &`.
SCALE_SIZES ?= 1000,100000
bench-scale: bootstrap
	$(SWIFT) build -c release --product phrcard
	./scripts/bench-scale --sizes $(SCALE_SIZES) --bin $$($(SWIFT) build -c release --show-bin-path)/phrcard

# Scanning after wear (docs/robustness.md): decode rates per ECC level and module size after simulated printing,
# stains/folds and a phone photo, then the perspective sweep, each photo read by zbar alone, ZXing-C++ alone and
# ZXing-C++ then zbar (the library's order; WEAR_READERS=zxing,zbar for that row only). About 12 minutes on 2 cores.
WEAR = $$($(SWIFT) build -c release --show-bin-path)/phrcard-wear
WEAR_IMAGES ?= 80
WEAR_READERS ?= compare
robustness: bootstrap
	$(SWIFT) build -c release --product phrcard-wear
	$(WEAR) measure --examples examples --images $(WEAR_IMAGES) --readers $(WEAR_READERS)
	@echo; echo "Largest card framed 700-1000 px wide (an A6 print):"
	$(WEAR) measure --examples examples --images $(WEAR_IMAGES) --readers $(WEAR_READERS) --cards largest --levels LM --width 700:1000
	@echo; echo "Perspective (corner jitter up to 4 % and 6 % of the side), M at 0.40 mm:"
	$(WEAR) measure --examples examples --images $(WEAR_IMAGES) --readers $(WEAR_READERS) --cards typical,largest --levels M --modules 0.40 --jitter 0.04
	$(WEAR) measure --examples examples --images $(WEAR_IMAGES) --readers $(WEAR_READERS) --cards typical,largest --levels M --modules 0.40 --jitter 0.06

# libFuzzer targets (Fuzz/*), each for FUZZ_SECONDS seconds; see docs/robustness.md.
FUZZ_SECONDS ?= 60
fuzz: bootstrap
	FUZZ_SECONDS=$(FUZZ_SECONDS) ./scripts/fuzz

fuzz-smoke: bootstrap
	./scripts/fuzz-smoke

clean:
	rm -rf .build .build-fuzz .build-docs
