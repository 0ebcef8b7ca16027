#!/usr/bin/env bash
# make docs: for every service project (a src/ project that sets SpecwrightSpec), an HTML API reference
# of its spec (Redocly build-docs, pinned in generator/package.json) and a Markdown SDK reference
# (generator/Specwright.DocsGen: the spec plus the compiled assembly), code samples of every operation, and a landing
# page listing the services. Output: $1 (docs/reference).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/docs/reference}"
mkdir -p "$out"
redocly="$root/generator/node_modules/.bin/redocly"
# Redocly's page imports Redoc from a CDN; serve the same version (shipped inside @redocly/cli) beside
# it instead, so the docs render offline. The page loads it as an ES module: open it over HTTP.
bundle="$root/generator/node_modules/@redocly/cli/lib/chunks/redoc.standalone.js"
cp "$bundle" "$out/redoc.standalone.js"
dotnet build "$root/generator/Specwright.DocsGen" -nologo -v:q >/dev/null
# Code samples (C# SDK call, CLI, curl) of every operation are made from the spec and the compiled SDK, written as an
# OpenAPI overlay (x-codeSamples), and applied to a bundled copy of the spec that Redocly renders: the spec stays hand-kept.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
index=()
# Every service project: the src/ projects whose <SpecwrightSpec> names a spec (make new-service writes it), whatever its
# extension; the SDK each was built into is read by path.
for project in "$root"/src/*/*.csproj; do
  spec=$(grep -oE '<SpecwrightSpec>[^<]*openapi/[A-Za-z0-9_.-]+\.(yaml|yml|json)</SpecwrightSpec>' "$project" | grep -oE 'openapi/[A-Za-z0-9_.-]+' | head -1 || true)
  [ -n "$spec" ] || continue
  name=$(basename "${spec%.*}")
  package=$(basename "$project" .csproj)
  dotnet build "$project" -nologo -v:q >/dev/null
  dotnet run --no-build --project "$root/generator/Specwright.DocsGen" -- "$root/$spec" "$(dirname "$project")/bin/Debug/net10.0/$package.dll" "$out/$name-sdk.md" \
    --samples "$out/$name-samples.json" --overlay "$work/$name.overlay.json" >/dev/null
  bundled=$("$redocly" bundle --config "$root/redocly.yaml" "$root/$spec" --overlay "$work/$name.overlay.json" --output "$work/$name.yaml" 2>&1) || { echo "$bundled" >&2; exit 1; }
  # Redocly's notices (Node 20's end of life, Redoc 3, progress) are shown only when the build fails: `make docs` says what it wrote.
  built=$("$redocly" build-docs --config "$root/redocly.yaml" "$work/$name.yaml" --output "$out/$name.html" 2>&1) || { echo "$built" >&2; exit 1; }
  sed -i -E 's#https://cdn\.redocly\.com/redoc/v[0-9.]+/bundles/redoc\.standalone\.js#./redoc.standalone.js#g; s# integrity="[^"]*"##g; s# crossorigin="anonymous"##g' "$out/$name.html"
  index+=("$root/$spec=$package")
  echo "docs: $out/$name.html (with code samples), $out/$name-sdk.html (and .md)"
done
dotnet run --no-build --project "$root/generator/Specwright.DocsGen" -- --index "$out/index.html" "${index[@]}" >/dev/null
echo "docs: $out/index.html"
