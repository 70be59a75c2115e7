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

.PHONY: serve dist test test-native test-wasm test-e2e tools rust-tools npm-tools browser bench bench-web size clean

serve: dist
	node tests/e2e/server.mjs dist $(PORT)

## The site: one self-contained folder that works under any path.
dist: rust-tools npm-tools
	cargo build --release --target $(WASM_TARGET) --features ui --bin vpc-cni-calc-web
	rm -rf dist && mkdir -p dist/pkg dist/www
	$(WBG) --target web --no-typescript --out-dir dist/pkg target/$(WASM_TARGET)/release/vpc-cni-calc-web.wasm
	$(WASM_OPT) -Oz dist/pkg/vpc-cni-calc-web_bg.wasm -o dist/pkg/vpc-cni-calc-web_bg.wasm
	cp index.html dist/ && cp www/* dist/www/
	node tests/e2e/precompress.mjs dist
	@$(MAKE) --no-print-directory size

test: test-native test-wasm test-e2e

test-native:
	cargo test

test-wasm: rust-tools browser
	CHROMEDRIVER=$(CHROMEDRIVER) cargo test --target $(WASM_TARGET) --features ui --lib

test-e2e: dist browser
	node --test tests/e2e/

bench:
	cargo bench --bench plan

## The page in headless Chromium: first render against a static snapshot, per-edit vpc:* measures, keystroke lag.
bench-web: dist browser
	node tests/e2e/bench.mjs

## Raw, gzip and brotli sizes of everything the page loads (the .gz and .br copies are what is sent).
size:
	@total=0; gz=0; br=0; printf '%-34s %10s %10s %10s\n' file bytes gzip brotli; \
	for f in dist/index.html dist/www/* dist/pkg/*; do \
	  case $$f in *.gz|*.br) continue;; esac; \
	  r=$$(wc -c < $$f); g=$$(gzip -9 -c $$f | wc -c); b=$$(if [ -f $$f.br ]; then wc -c < $$f.br; else echo $$r; fi); \
	  total=$$((total+r)); gz=$$((gz+g)); br=$$((br+b)); \
	  printf '%-34s %10d %10d %10d\n' $$f $$r $$g $$b; done; \
	printf '%-34s %10d %10d %10d\n' total $$total $$gz $$br; \
	for f in data/*.csv; do printf '%-34s %10d %10d  (inside the wasm)\n' $$f $$(wc -c < $$f) $$(gzip -9 -c $$f | wc -c); done; \
	if [ $$gz -gt 204800 ]; then echo "over the 200 KB gzip budget"; exit 1; fi

tools: rust-tools npm-tools browser

rust-tools:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$($(WBG) --version 2>/dev/null)" != "wasm-bindgen $(WBG_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WBG_VERSION) into $(WBG_DIR) (about 2 minutes, once)"; \
	  CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback cargo install --quiet wasm-bindgen-cli --version =$(WBG_VERSION) --root $(WBG_DIR); \
	fi

npm-tools:
	@if [ ! -x $(WASM_OPT) ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then \
	  npm ci --no-audit --no-fund --loglevel=error; fi

browser:
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(CHROMEDRIVER) ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; fi

clean:
	rm -rf dist target node_modules
