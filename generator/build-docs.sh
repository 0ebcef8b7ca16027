#!/usr/bin/env bash
# make docs: for every service project (a src/ project that sets SpecwrightSpec), an HTML API reference
# of its spec (Redocly build-docs, pinned in generator/package.json) and a Markdown SDK reference
# (generator/Specwright.DocsGen: the spec plus the compiled assembly). Output: $1 (docs/reference).
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
for project in "$root"/src/*/*.csproj; do
  spec=$(grep -o 'openapi/[a-z0-9_-]*\.yaml' "$project" | head -1 || true)
  [ -n "$spec" ] || continue
  name=$(basename "$spec" .yaml)
  "$redocly" build-docs "$root/$spec" --output "$out/$name.html" >/dev/null
  sed -i -E 's#https://cdn\.redocly\.com/redoc/v[0-9.]+/bundles/redoc\.standalone\.js#./redoc.standalone.js#g; s# integrity="[^"]*"##g; s# crossorigin="anonymous"##g' "$out/$name.html"
  dotnet run --no-build --project "$root/generator/Specwright.DocsGen" -- "$root/$spec" "$(basename "$project" .csproj)" "$out/$name-sdk.md" >/dev/null
  echo "docs: $out/$name.html, $out/$name-sdk.md"
done
