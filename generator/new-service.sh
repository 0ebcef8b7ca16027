#!/usr/bin/env bash
# make new-service NAME=<Name> SPEC=openapi/<name>.yaml (or .yml, .json): scaffolds src/Specwright.<Name>/ (a project file
# that points at the spec, and a package README) and adds it to Generated.sln. Everything else, the
# client, models, options, DI, errors and paging, is generated from the spec when the project builds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name="${1:-}"; spec="${2:-}"
[[ "$name" =~ ^[A-Z][A-Za-z0-9]*$ ]] || { echo "new-service: NAME must be a PascalCase C# name (e.g. Crawler), got '$name'" >&2; exit 2; }
[ -n "$spec" ] || { echo "new-service: SPEC=openapi/<name>.yaml is required" >&2; exit 2; }
case "$spec" in /*) spec_abs="$spec" ;; *) spec_abs="$root/$spec" ;; esac
[ -f "$spec_abs" ] || { echo "new-service: no spec at $spec" >&2; exit 2; }
case "$spec_abs" in "$root"/openapi/*.yaml|"$root"/openapi/*.yml|"$root"/openapi/*.json) ;;
  *) echo "new-service: the spec must be a .yaml, .yml or .json file in openapi/ (got $spec)" >&2; exit 2 ;; esac
dir="$root/src/Specwright.$name"
[ ! -e "$dir" ] || { echo "new-service: $dir already exists" >&2; exit 2; }
file="$(basename "$spec_abs")"
# The title for the project's description: YAML's `  title: X` or JSON's `"title": "X"`, whichever comes first.
title="$(grep -m1 -E '^  title:|^[[:space:]]*"title"[[:space:]]*:' "$spec_abs" \
  | sed -E 's/^[[:space:]]*"?title"?[[:space:]]*:[[:space:]]*//; s/,[[:space:]]*$//; s/^["'"'"']//; s/["'"'"']$//; s/[<>&]//g' || true)"
mkdir -p "$dir"
cat > "$dir/Specwright.$name.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <Description>C# SDK for the ${title:-$name}, generated at build time from openapi/$file.</Description>
    <SpecwrightSpec>\$(MSBuildThisFileDirectory)../../openapi/$file</SpecwrightSpec>
    <SpecwrightService>$name</SpecwrightService>
  </PropertyGroup>

  <ItemGroup>
    <ProjectReference Include="../Specwright.Core/Specwright.Core.csproj" />
  </ItemGroup>

  <Import Project="../../generator/Specwright.CodeGen.targets" />
</Project>
PROJ
cat > "$dir/README.md" <<README
# Specwright.$name

C# SDK for the ${title:-$name}, generated at build time from \`openapi/$file\` by Specwright.

\`\`\`csharp
using Specwright.$name;

using var client = new ${name}Client(new ${name}ClientOptions()); // key from the environment (see ${name}Spec.ApiKeyEnvironmentVariable)
\`\`\`

Every operation of the spec is a method of \`${name}Client\` or of one of its sub-clients (one per tag). Calls
return \`ApiResponse<T>\` (value, status, headers, request id), lists return \`AsyncPageable<T>\`, and errors
throw one exception type per documented error.
README
dotnet sln "$root/Generated.sln" add --solution-folder src "$dir/Specwright.$name.csproj" >/dev/null
echo "new-service: created src/Specwright.$name (spec openapi/$file) and added it to Generated.sln; build it with: dotnet build src/Specwright.$name"
