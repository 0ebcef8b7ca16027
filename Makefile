# Specwright: the two set-up commands are `make demo` and `make test` (see README.md).
DOTNET  ?= dotnet
SPECS   := $(wildcard openapi/*.yaml)
REDOCLY := generator/node_modules/.bin/redocly
TOOLS   := generator/node_modules/.package-lock.json
# Ajv and Prism for the contract checks (the sandbox and CLI tests), installed before any test runs: two test
# projects building at once must not both run npm ci in one folder.
CONTRACT_TOOLS := tests/contract/node_modules/.package-lock.json
# Every service project: the src/ projects that name a spec (make new-service adds one by itself).
SERVICE_PROJECTS := $(shell grep -l '<SpecwrightSpec>' src/*/*.csproj)
# Every library package in src/ (the services, Core, the webhook receiver, Redis); the CLI tool and the sandbox are apps.
LIBRARY_PROJECTS := $(shell grep -L '<OutputType>Exe</OutputType>' src/*/*.csproj)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

.PHONY: spec-check peers redis-deps pack samples new-service demo test bench bench-smoke lint generate build clean tools sandbox python-requests aot aot-deps aot-smoke api spec-diff changelog docs docs-deps

## demo: the main job (a tour of the SDKs against the embedded sandbox)
demo:
	@test -f src/Specwright.Cli/bin/Debug/net10.0/specwright.dll || echo "make demo: the first run builds the SDKs (code generation included), the sandbox and the CLI: about 2.5 minutes on 2 cores, with only 'Restore' and 'Build' on screen meanwhile. Later runs start in seconds."
	$(DOTNET) run --project src/Specwright.Cli -- demo

## test: lint every spec, build everything (code generation included) and run all tests; a test that hangs 5 minutes
## fails the run and is named (instead of holding CI until its limit)
## The tiers (each test project, the AOT smoke, the benchmark smoke) run after one build, a few at once; the time each took is
## printed at the end (eng/test-tiers.sh; logs in artifacts/test-tiers/)
test: lint python-requests docs-deps redis-deps aot-deps $(TOOLS) $(CONTRACT_TOOLS)
	@bash eng/test-tiers.sh

# BENCH_BUILD=--no-build runs the benchmark as already built (make test builds it once, with the packaging tests' CI pack).
BENCH := $(DOTNET) run -c Release $(BENCH_BUILD) --project tests/Specwright.Benchmarks --

## bench: every benchmark (per-call overhead vs peers, polling, throughput under rate limits, large results, a fleet of
## workers on one key, a fleet of webhook receivers; about 27 min on 2 cores);
## writes docs/benchmarks.md and BenchmarkDotNet's reports in artifacts/benchmarks/
bench: $(TOOLS) redis-deps
	$(BENCH) --job default --out artifacts/benchmarks --summary docs/benchmarks.md

## bench-smoke: the same program with BenchmarkDotNet's short job, fewer calls; a smoke test in CI, never timed pass/fail
bench-smoke: $(TOOLS) redis-deps
	@mkdir -p artifacts/bench-smoke
	@echo "bench-smoke: the benchmark program, short job (log: artifacts/bench-smoke/run.log)"
	@$(BENCH) --job short --out artifacts/bench-smoke --summary artifacts/bench-smoke/benchmarks.md > artifacts/bench-smoke/run.log 2>&1 \
	  || (tail -n 60 artifacts/bench-smoke/run.log; echo "bench-smoke failed; the whole log is artifacts/bench-smoke/run.log"; false)
	@echo "bench-smoke: ok, $$(grep -c '| yes |' artifacts/bench-smoke/benchmarks.md) targets met and $$(grep -c '| \*\*no\*\* |' artifacts/bench-smoke/benchmarks.md) not (a smoke run: numbers in artifacts/bench-smoke/benchmarks.md, never pass/fail)"

## aot-smoke: the Native AOT CLI builds with zero trim/AOT warnings (they are errors) and runs a SmartBrowse wait, a ScrapeLLM job and an Ittybit run
aot-smoke: aot
	./artifacts/aot/specwright webscrape smartbrowse run m3Yc2tFvN8q --wait --json --sandbox > /dev/null
	./artifacts/aot/specwright scrapellm submit perplexity "aot smoke" --wait --json --sandbox > /dev/null
	./artifacts/aot/specwright ittybit run https://example.com/aot.mp4 --then video --then speech --wait --json --sandbox > /dev/null

## docs: HTML API reference (Redocly) and Markdown SDK reference of every spec, in docs/reference/
docs: $(TOOLS)
	@generator/build-docs.sh docs/reference

# The Redis tier (shared rate limits, webhook claims) runs a real redis-server on a free loopback port: Debian's package, installed when missing.
redis-deps:
	@command -v redis-server >/dev/null || test -x /usr/bin/redis-server || (apt-get update -qq && apt-get install -y -qq redis-server >/dev/null)

# The docs test opens the HTML in headless Chromium: Debian's package, installed when missing.
docs-deps:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# A build that is not a release: dev.<commits>.g<commit>, plus .d<hash> of uncommitted changes (tracked and new files),
# so every pack of different code has its own version and the NuGet cache never serves an older build under it.
VERSION_SUFFIX = dev.$(shell git rev-list --count HEAD 2>/dev/null || echo 0).g$(shell git rev-parse --short=7 HEAD 2>/dev/null || echo 0000000)$(shell \
  test -z "$$(git status --porcelain 2>/dev/null)" || { git diff HEAD; git ls-files --others --exclude-standard -z | xargs -0 -r cat; } | sha1sum | cut -c1-8 | sed 's/^/.d/')
PACK_VERSION = $(if $(RELEASE),-p:SpecwrightRelease=true,-p:SpecwrightVersionSuffix=$(VERSION_SUFFIX))

## pack: every package (the SDKs, Core, the webhook receiver, Redis, the sandbox for tests and the specwright CLI tool), with symbols (.snupkg),
## in artifacts/packages; versions from eng/Versions.props with a dev suffix; RELEASE=1 packs the release (clean tree only)
pack:
	@test -z "$(RELEASE)" || test -z "$$(git status --porcelain)" || (echo "make pack RELEASE=1: commit first; a release is built from a commit" && false)
	$(DOTNET) pack src/Specwright.Cli -c Release -o artifacts/packages -p:ContinuousIntegrationBuild=true $(PACK_VERSION)
	$(DOTNET) pack src/Specwright.Sandbox -c Release -o artifacts/packages -p:ContinuousIntegrationBuild=true $(PACK_VERSION)
	@$(foreach p,$(LIBRARY_PROJECTS),$(DOTNET) pack $(p) -c Release -o artifacts/packages -p:ContinuousIntegrationBuild=true $(PACK_VERSION) &&) true
	@echo "pack: packages in $(CURDIR)/artifacts/packages; for your app (README \"Using the SDKs in your own app\"):"
	@echo "  dotnet nuget add source $(CURDIR)/artifacts/packages --name specwright --configfile nuget.config"

## samples: the consumer samples (samples/) built against this checkout's packages, each pinned to the exact version make pack made
SAMPLE_VERSION = $$($(DOTNET) msbuild src/$(1) -nologo -getProperty:SpecwrightVersion)-$(VERSION_SUFFIX)
samples: pack
	@w=$(call SAMPLE_VERSION,Specwright.WebScrape); i=$(call SAMPLE_VERSION,Specwright.Ittybit); h=$(call SAMPLE_VERSION,Specwright.Webhooks.AspNetCore); \
	  s=$(call SAMPLE_VERSION,Specwright.Sandbox); \
	  echo "samples: Specwright.WebScrape $$w, Specwright.Ittybit $$i, Specwright.Webhooks.AspNetCore $$h, Specwright.Sandbox $$s"; \
	  pins="-p:SpecwrightWebScrapeVersion=$$w -p:SpecwrightIttybitVersion=$$i -p:SpecwrightWebhooksVersion=$$h -p:SpecwrightSandboxVersion=$$s"; \
	  $(DOTNET) build samples/ConsoleApp $$pins && $(DOTNET) build samples/WebApp $$pins && $(DOTNET) test samples/SandboxTests $$pins

## api: rewrite the public API listings in api/ after a deliberate change of the public surface (then review the diff)
api:
	SPECWRIGHT_UPDATE_API=1 $(DOTNET) test tests/Specwright.Packaging.Tests

SPEC_DIFF := $(DOTNET) run --project generator/Specwright.SpecDiff --

## spec-diff: list what changed in every spec since BASE (a git ref), breaking vs additive, and propose each service
## package's next version from its last release (eng/Versions.props): breaking -> next major, additive -> next minor
spec-diff:
	@test -n "$(BASE)" || (echo "usage: make spec-diff BASE=<git ref>" && false)
	@$(foreach p,$(SERVICE_PROJECTS),$(SPEC_DIFF) $$(grep -oE 'openapi/[A-Za-z0-9_.-]+\.(yaml|yml|json)' $(p) | head -1) $(BASE) \
	  --package $(basename $(notdir $(p))) --released "$$($(DOTNET) msbuild $(p) -nologo -getProperty:SpecwrightReleasedVersion)" &&) true

## changelog: prepend each service package's CHANGELOG.md with its spec's changes since BASE
changelog:
	@test -n "$(BASE)" || (echo "usage: make changelog BASE=<git ref>" && false)
	@$(foreach p,$(SERVICE_PROJECTS),$(SPEC_DIFF) $$(grep -oE 'openapi/[A-Za-z0-9_.-]+\.(yaml|yml|json)' $(p) | head -1) $(BASE) \
	  --changelog $(dir $(p))CHANGELOG.md --version $$($(DOTNET) msbuild $(p) -nologo -getProperty:SpecwrightVersion) &&) true

## sandbox: the local sandbox server on http://127.0.0.1:5080 (Ctrl+C to stop)
sandbox:
	$(DOTNET) run --project src/Specwright.Sandbox -- --urls http://127.0.0.1:5080

# The docs' Python polling loop (a sandbox test) needs `requests`; Debian's package if python3 lacks it.
python-requests:
	@python3 -c 'import requests' 2>/dev/null || /usr/bin/python3 -c 'import requests' 2>/dev/null \
	  || (apt-get update -qq && apt-get install -y -qq python3-requests >/dev/null)

## lint: Redocly lint of every spec in openapi/ (rules in redocly.yaml)
# Redocly's Node 20 end-of-life box is dropped (the repo pins Node 20 on purpose); every finding and the exit code stay.
lint: $(TOOLS)
	@bash -o pipefail -c '$(REDOCLY) lint $(SPECS) --format=stylish 2>&1 | sed "/╔/,/╝/d"' 

## generate: regenerate the C# of every service project now, even if nothing changed
generate: $(TOOLS)
	rm -f $(foreach p,$(SERVICE_PROJECTS),$(dir $(p))obj/Generated/generated.stamp)
	$(foreach p,$(SERVICE_PROJECTS),$(DOTNET) msbuild -restore -nologo -v:m -t:SpecwrightGenerate $(p) &&) true

build:
	$(DOTNET) build Generated.sln

clean:
	$(DOTNET) clean Generated.sln -v:q
	rm -rf generator/node_modules tests/contract/node_modules artifacts docs/reference

tools: $(TOOLS)

# The pinned npm tool (@redocly/cli) from generator/package-lock.json.
$(TOOLS): generator/package-lock.json
	cd generator && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CONTRACT_TOOLS): tests/contract/package-lock.json
	cd tests/contract && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## aot: publish the specwright CLI as a Native AOT binary (artifacts/aot/specwright)
aot: aot-deps
	$(DOTNET) publish src/Specwright.Cli -c Release -r linux-x64 -p:PublishAot=true -o artifacts/aot

# Native AOT on Linux links with clang and zlib; Debian's packages, installed when missing (CI runs as root).
aot-deps:
	@command -v clang >/dev/null && test -f /usr/include/zlib.h \
	  || (apt-get update -qq && apt-get install -y -qq clang zlib1g-dev >/dev/null)

## peers: the real-spec peer table (docs/peers.md): every spec in tests/corpus through Specwright, NSwag's CLI and Kiota
## (both pinned in .config/dotnet-tools.json), each built and its operations counted (about 10 min on 2 cores)
peers:
	@bash eng/peer-table.sh docs/peers.md

## spec-check: call every operation of a spec once through its generated SDK against Prism mocking that spec, requests
## validated (make spec-check SPEC=openapi/ittybit.yaml; any OpenAPI file: a spec no service here is made from gets a scratch SDK)
spec-check: $(CONTRACT_TOOLS)
	@bash generator/spec-check.sh "$(SPEC)"

## new-service: scaffold src/Specwright.<Name>/ for a spec (make new-service NAME=Crawler SPEC=openapi/crawler.yaml); the SDK is generated on build
new-service:
	@bash generator/new-service.sh "$(NAME)" "$(SPEC)"
