#!/usr/bin/env bash
# make test after its dependencies: one build of the solution, then every tier (each test project, run with --no-build, and
# the AOT and benchmark smokes), a few at a time, longest first. Each tier's output goes to artifacts/test-tiers/<tier>.log;
# a failing tier's log is shown. At the end, the time each tier took and the whole run's wall time; exit 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
out=artifacts/test-tiers
rm -rf "$out" && mkdir -p "$out"
jobs_at_once=${SPECWRIGHT_TEST_JOBS:-3}
started=$(date +%s)

# tier NAME COMMAND...: runs the command, its output in the tier's log; writes "<seconds> <ok|FAILED>" to the tier's .time
tier() {
  local name=$1; shift
  local t0; t0=$(date +%s)
  if "$@" > "$out/$name.log" 2>&1; then status=ok; else status=FAILED; fi
  echo "$(( $(date +%s) - t0 )) $status" > "$out/$name.time"
}

# test PROJECT: one test project, built already; a test that hangs 5 minutes fails its tier and is named (15 for the corpus
# and the CLI, whose first tests wait for a build in a scratch copy: every corpus spec, the whole repository)
test_project() {
  local hang=5m
  case "$1" in Specwright.Corpus.Tests|Specwright.Cli.Tests) hang=15m ;; esac
  SPECWRIGHT_PYTHON=$(python3 -c 'import requests' 2>/dev/null && echo python3 || echo /usr/bin/python3) \
    dotnet test "tests/$1" --no-build --blame-hang --blame-hang-timeout "$hang" --blame-hang-dump-type none
}

# The AOT smoke in a copy of the working tree: the publish for linux-x64 restores and builds every project again, and in
# their own obj/ folders it would race the packaging tests' packs (which restore the same projects without a runtime).
aot_smoke() {
  local copy="$out/aot-src"
  mkdir -p "$copy"
  git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - | tar -xf - -C "$copy"
  make -C "$copy" --no-print-directory aot-smoke
}

summary() {
  echo
  echo "make test: time per tier (after the build, $jobs_at_once tiers at a time on $(nproc) cores)"
  for f in "$out"/*.time; do
    [ -f "$f" ] || continue
    read -r seconds status < "$f"
    printf '  %-32s %5s s  %s\n' "$(basename "$f" .time)" "$seconds" "$status"
  done
  printf '  %-32s %5s s\n' "wall time, all tiers" "$(( $(date +%s) - started ))"
  # Last, so a log cut to its end still names them: each failed test and the first line of its error.
  for f in "$out"/*.log; do
    grep -q 'FAILED' "${f%.log}.time" 2>/dev/null || continue
    grep -E '^\s+Failed [A-Za-z_.]+' "$f" | sed -E 's/^\s+Failed /  failed: /' | sort -u | head -n 20
    grep -E -A1 '^\s+Error Message:' "$f" | grep -vE 'Error Message:|^--$' | sed -E 's/^\s+/    /' | head -n 10
  done
}

# The Release build the benchmark smoke runs and the CI pack of the packaging tests checks: one build for both (same global
# properties, so the pack finds it up to date).
release_build() {
  dotnet build Generated.sln -nologo &&
    dotnet build src/Specwright.Cli -c Release -nologo -p:ContinuousIntegrationBuild=true -p:SpecwrightVersionSuffix=test.ci &&
    dotnet build tests/Specwright.Benchmarks -c Release -nologo -p:ContinuousIntegrationBuild=true -p:SpecwrightVersionSuffix=test.ci
}

echo "make test: building the solution, Debug and Release (log: $out/build.log)"
tier build release_build
if grep -q FAILED "$out/build.time"; then
  grep -E ' error |error\(s\)' "$out/build.log" | sort -u | tail -n 40
  summary
  exit 1
fi

# Longest first, so the slowest tier starts at once; the unit tiers fill the gaps.
tiers=(Specwright.Corpus.Tests Specwright.Packaging.Tests bench-smoke Specwright.Cli.Tests aot-smoke Specwright.Generator.Tests
       Specwright.Sandbox.Tests Specwright.WebScrape.Tests Specwright.Core.Tests Specwright.ScrapeLlm.Tests Specwright.Ittybit.Tests
       Specwright.Redis.Tests)
for t in tests/*.Tests; do
  name=$(basename "$t")
  [[ " ${tiers[*]} " == *" $name "* ]] || tiers+=("$name") # a test project added later runs too
done

echo "make test: ${#tiers[@]} tiers, $jobs_at_once at a time (logs: $out/<tier>.log)"
for name in "${tiers[@]}"; do
  while (( $(jobs -rp | wc -l) >= jobs_at_once )); do wait -n; done
  case "$name" in
    aot-smoke) tier "$name" aot_smoke & ;;
    bench-smoke) tier "$name" make --no-print-directory bench-smoke BENCH_BUILD=--no-build & ;;
    *) tier "$name" test_project "$name" & ;;
  esac
done
wait

failed=0
for name in "${tiers[@]}"; do
  read -r _ status < "$out/$name.time"
  if [ "$status" != ok ]; then
    failed=1
    echo
    echo "== $name FAILED; the end of $out/$name.log:"
    grep -E '^\s+Failed |Error Message|^\s+Assert|The active test run was aborted|error' "$out/$name.log" | head -n 60
    tail -n 30 "$out/$name.log"
  fi
done
summary
exit $failed
