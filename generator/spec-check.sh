#!/usr/bin/env bash
# make spec-check SPEC=<file>: builds the SDK of one spec and calls every operation once through its public client against
# Prism (tests/contract) mocking that same spec with request validation on. A spec a service of this repository is made from
# (src/*/*.csproj names it) is checked with that service's SDK; any other spec gets one scaffolded by `make new-service` in a
# scratch copy of the repository, removed afterwards. SPEC_CHECK_NO_BUILD=1 checks what is already built.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
spec="${1:-}"
[ -n "$spec" ] || { echo "usage: make spec-check SPEC=<OpenAPI file>" >&2; exit 2; }
[ -f "$spec" ] || { echo "spec-check: no file at $spec" >&2; exit 2; }
spec="$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"
file="$(basename "$spec")"
prism="$root/tests/contract/node_modules/.bin/prism"

project=""
if [ "$(dirname "$spec")" = "$root/openapi" ]; then
  project="$(grep -l "<SpecwrightSpec>.*/openapi/$file</SpecwrightSpec>" "$root"/src/*/*.csproj 2>/dev/null | head -1 || true)"
fi
if [ -z "$project" ]; then
  # Not a service here yet: a scratch repository with Core and the generator, the spec scaffolded as a new service.
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/src" "$scratch/openapi"
  cp -r "$root"/Directory.Build.props "$root"/Directory.Build.targets "$root"/eng "$root"/NuGet.config "$root"/Generated.sln "$root"/Makefile "$scratch/"
  cp -r "$root/src/Specwright.Core" "$scratch/src/"
  (cd "$root" && tar cf - --exclude=bin --exclude=obj --exclude=node_modules generator) | tar xf - -C "$scratch"
  ln -s "$root/generator/node_modules" "$scratch/generator/node_modules"
  rm -rf "$scratch/src/Specwright.Core/bin" "$scratch/src/Specwright.Core/obj"
  cp "$spec" "$scratch/openapi/$file"
  # The service's name from the file's: its words capitalized (typesense.yml -> Typesense, openai-2023.yaml -> Openai2023).
  name="$(basename "${file%.*}" | sed -E 's/[^A-Za-z0-9]+/ /g' | awk '{for (i = 1; i <= NF; i++) printf "%s", toupper(substr($i, 1, 1)) substr($i, 2)}')"
  [[ "$name" =~ ^[A-Z] ]] || name="Api$name"
  bash "$scratch/generator/new-service.sh" "$name" "openapi/$file" >/dev/null
  project="$scratch/src/Specwright.$name/Specwright.$name.csproj"
  SPEC_CHECK_NO_BUILD=0
fi

sdk="$(dirname "$project")/bin/Debug/net10.0/$(basename "$project" .csproj).dll"
if [ "${SPEC_CHECK_NO_BUILD:-0}" != 1 ] || [ ! -f "$sdk" ]; then
  "${DOTNET:-dotnet}" build "$project" -nologo -v:q -clp:NoSummary >/tmp/spec-check-build.$$.log 2>&1 \
    || { grep -E " error " /tmp/spec-check-build.$$.log | sort -u | head -20 >&2; rm -f /tmp/spec-check-build.$$.log; echo "spec-check $file: the SDK did not build" >&2; exit 1; }
  rm -f /tmp/spec-check-build.$$.log
fi
tool="$root/generator/Specwright.SpecCheck/bin/Debug/net10.0/Specwright.SpecCheck.dll"
if [ "${SPEC_CHECK_NO_BUILD:-0}" != 1 ] || [ ! -f "$tool" ]; then
  "${DOTNET:-dotnet}" build "$root/generator/Specwright.SpecCheck" -nologo -v:q -clp:NoSummary >/dev/null
fi
"${DOTNET:-dotnet}" "$tool" --spec "$spec" --sdk "$sdk" --prism "$prism"
