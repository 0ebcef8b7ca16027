#!/usr/bin/env bash
# make peers: the real-spec peer table (docs/peers.md). Every spec in tests/corpus, unedited, through three generators:
#   Specwright  make new-service + dotnet build (warnings as errors), in a scratch copy of the repository
#   NSwag       NSwag's CLI (NSwag.ConsoleCore, .config/dotnet-tools.json): openapi2csclient with its defaults (Newtonsoft.Json)
#   Kiota       Kiota's generator (Microsoft.OpenApi.Kiota 1.38.0, .config/dotnet-tools.json) with its 2.1.6 runtime
# A spec "compiles" when its generator succeeds and the generated code builds with no error (Specwright's own build
# also refuses warnings).
# "Operations reached" counts the operations that have a method, and is 0 for code that does not compile:
#   Specwright  distinct operation ids of [SpecOperation] public methods on the generated client
#   NSwag       distinct public async methods taking a CancellationToken in the generated client
#   Kiota       distinct To<Verb>RequestInformation methods per request builder
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/docs/peers.md}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$root" && dotnet tool restore >/dev/null || { echo "peers: dotnet tool restore failed" >&2; exit 1; }

scratch="$work/specwright"; mkdir -p "$scratch/openapi" "$scratch/src"
for p in Directory.Build.props Directory.Build.targets NuGet.config Generated.sln Makefile; do cp "$root/$p" "$scratch/"; done
cp -r "$root/eng" "$scratch/"
tar -C "$root" --exclude bin --exclude obj --exclude node_modules -cf - generator src/Specwright.Core | tar -C "$scratch" -xf -

kiota_refs='<PackageReference Include="Microsoft.Kiota.Abstractions" Version="2.1.6" /><PackageReference Include="Microsoft.Kiota.Http.HttpClientLibrary" Version="2.1.6" /><PackageReference Include="Microsoft.Kiota.Serialization.Json" Version="2.1.6" /><PackageReference Include="Microsoft.Kiota.Serialization.Form" Version="2.1.6" /><PackageReference Include="Microsoft.Kiota.Serialization.Text" Version="2.1.6" /><PackageReference Include="Microsoft.Kiota.Serialization.Multipart" Version="2.1.6" />'
project() { # project <dir> <package references>
  cat > "$1/Peer.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><NoWarn>\$(NoWarn);CS1591;CS8618;CS8603;CS8600;CS8601;CS8602;CS8604;CS8625;CS0108;CS0114;CS0618;CS0612</NoWarn></PropertyGroup>
  <ItemGroup>$2</ItemGroup>
</Project>
PROJ
}
build() { # build <project dir> -> prints the number of errors (0 = compiles)
  dotnet build "$1" -nologo -v:q -clp:NoSummary > "$1/build.log" 2>&1
  local rc=$? errors; errors=$(grep -E ' error [A-Z]+[0-9]+' "$1/build.log" | sed 's/ \[.*//' | sort -u | wc -l)
  [ $rc -eq 0 ] && echo 0 || echo $(( errors > 0 ? errors : 1 ))
}
cell() { # cell <errors, or -1 when the generator failed> <operations>
  if [ "$1" -eq 0 ]; then echo "compiles, $2 ops"; elif [ "$1" -lt 0 ]; then echo "**generator failed**, 0 ops"; else echo "**does not compile** ($1 errors), 0 ops"; fi; }

declare -a rows; sw_specs=0; sw_ops=0; ns_specs=0; ns_ops=0; ki_specs=0; ki_ops=0; total_ops=0
for spec in "$root"/tests/corpus/*.y*ml "$root"/tests/corpus/*.json; do
  [ -f "$spec" ] || continue
  file=$(basename "$spec"); base="${file%.*}"
  name=$(echo "$base" | sed -E 's/(^|[-_.])([a-z0-9])/\U\2/g; s/[^A-Za-z0-9]//g; s/^([0-9])/N\1/')
  ops=$(python3 - "$spec" <<'PY' 2>/dev/null || grep -cE '^    (get|put|post|delete|options|head|patch|trace):' "$spec"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
print(sum(1 for p in (d.get("paths") or {}).values() if isinstance(p, dict) for m in p if m in ("get","put","post","delete","options","head","patch","trace")))
PY
)
  total_ops=$((total_ops + ops))
  echo "peers: $file ($ops operations)" >&2

  # Specwright
  cp "$spec" "$scratch/openapi/$file"
  (cd "$scratch" && make --no-print-directory new-service NAME="$name" SPEC="openapi/$file" >/dev/null 2>&1)
  if [ -f "$scratch/src/Specwright.$name/Specwright.$name.csproj" ]; then sw_err=$(build "$scratch/src/Specwright.$name"); else sw_err=-1; fi
  [ "$sw_err" -eq 0 ] && grep -q -E ' warning ' "$scratch/src/Specwright.$name/build.log" && sw_err=1
  [ "$sw_err" -gt 0 ] && grep -q 'error SPECWRIGHT' "$scratch/src/Specwright.$name/build.log" && sw_err=-1
  sw_n=0; [ "$sw_err" -eq 0 ] && sw_n=$(grep -oE 'SpecOperation\("[^"]+"\)\]' "$scratch/src/Specwright.$name/obj/Generated/${name}Client.g.cs" | sort -u | wc -l)

  # NSwag's CLI
  mkdir -p "$work/nswag-$base"; project "$work/nswag-$base" '<PackageReference Include="Newtonsoft.Json" Version="13.0.3" />'
  if (cd "$root" && dotnet nswag openapi2csclient /input:"$spec" /output:"$work/nswag-$base/Client.cs" /namespace:"Peer.$name" /className:"${name}Client" > "$work/nswag-$base/gen.log" 2>&1) \
     && [ -s "$work/nswag-$base/Client.cs" ]; then ns_err=$(build "$work/nswag-$base"); else ns_err=-1; fi
  ns_n=0; [ "$ns_err" -eq 0 ] && ns_n=$(grep -oE 'public virtual async [^(]* ([A-Za-z0-9_]+)Async\([^)]*CancellationToken cancellationToken\)' "$work/nswag-$base/Client.cs" | grep -oE ' [A-Za-z0-9_]+Async\(' | sort -u | wc -l)

  # Kiota
  mkdir -p "$work/kiota-$base"; project "$work/kiota-$base" "$kiota_refs"
  if (cd "$root" && dotnet kiota generate -l CSharp -d "$spec" -o "$work/kiota-$base/Client" -n "Peer.$name" -c "${name}Client" --log-level Error > "$work/kiota-$base/gen.log" 2>&1) \
     && [ -n "$(find "$work/kiota-$base/Client" -name '*.cs' 2>/dev/null | head -1)" ]; then ki_err=$(build "$work/kiota-$base"); else ki_err=-1; fi
  ki_n=0; [ "$ki_err" -eq 0 ] && ki_n=$(grep -roE 'public RequestInformation To[A-Z][a-z]+RequestInformation\(' "$work/kiota-$base/Client" | sort -u | wc -l)

  [ "$sw_err" -eq 0 ] && sw_specs=$((sw_specs + 1)); sw_ops=$((sw_ops + sw_n))
  [ "$ns_err" -eq 0 ] && ns_specs=$((ns_specs + 1)); ns_ops=$((ns_ops + ns_n))
  [ "$ki_err" -eq 0 ] && ki_specs=$((ki_specs + 1)); ki_ops=$((ki_ops + ki_n))
  rows+=("| $file | $ops | $(cell "$sw_err" "$sw_n") | $(cell "$ns_err" "$ns_n") | $(cell "$ki_err" "$ki_n") |")
done

specs=${#rows[@]}
{
  echo "# Real specs: Specwright and its peers"
  echo
  echo "Generated by \`make peers\` ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD)). Each vendor spec in"
  echo "\`tests/corpus/\` (sources in \`SOURCES.txt\`), unedited, through three generators; the generated code is built and"
  echo "its operations counted as \`eng/peer-table.sh\` says. Specwright builds with warnings as errors; the peers' warnings are allowed."
  echo
  echo "| Spec | Operations | Specwright | NSwag CLI 14.8.0 | Kiota 1.38.0 |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo "| **all** | **$total_ops** | **$sw_specs/$specs specs, $sw_ops ops** | **$ns_specs/$specs specs, $ns_ops ops** | **$ki_specs/$specs specs, $ki_ops ops** |"
} > "$out"
echo "peers: Specwright $sw_specs/$specs specs $sw_ops/$total_ops ops; NSwag $ns_specs/$specs $ns_ops; Kiota $ki_specs/$specs $ki_ops -> ${out#$root/}"
