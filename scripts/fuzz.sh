#!/usr/bin/env bash
# A fuzzing campaign over every Jazzer @FuzzTest, one test at a time (Jazzer fuzzes one per
# JVM). Plain `./mvnw test` only replays the committed seeds; this script mutates them.
#
#   scripts/fuzz.sh                      # 60 s per fuzz test, every module
#   FUZZ_SECONDS=600 scripts/fuzz.sh ratchet
#   FUZZ_FILTER=WireFuzzTest#signalMessage FUZZ_SECONDS=30 scripts/fuzz.sh core
#
# Settings (environment): FUZZ_SECONDS per test (60), FUZZ_XMX heap of the fuzzing JVM (256m:
# an allocation sized by a claimed length instead of the real input shows up as an
# OutOfMemoryError finding), FUZZ_TIMEOUT per input in seconds (10: a hang is a finding; passed
# to libFuzzer, since a JUnit timeout would cover the whole campaign), FUZZ_FILTER a
# substring of Class#method to select tests, FUZZ_OFFLINE=0 to let Maven download.
#
# A finding fails its test and is written by Jazzer as crash-<sha1> into that test's seed
# directory (src/test/resources/<package>/<Class>Inputs/<method>/), so once fixed it stays a
# regression test under plain `mvn test`. The generated corpus grows in <module>/.cifuzz-corpus/
# (ignored by git). Logs: target/fuzz/<Class>#<method>.log; summary at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
xmx=${FUZZ_XMX:-256m}
timeout=${FUZZ_TIMEOUT:-10}
filter=${FUZZ_FILTER:-}
offline=-o
[[ ${FUZZ_OFFLINE:-1} == 0 ]] && offline=
modules=("$@")
[[ ${#modules[@]} -eq 0 ]] && modules=(core ratchet devicelist)

mkdir -p target/fuzz
passed=0
failed=()
for module in "${modules[@]}"; do
  # Every @FuzzTest method: the annotation line is followed by `void name(`.
  while IFS= read -r test; do
    [[ -n $filter && $test != *"$filter"* ]] && continue
    log="target/fuzz/${test}.log"
    echo "fuzzing $module $test for ${seconds}s"
    if JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${seconds}s" ./mvnw $offline -q -B test \
        -pl "$module" -am -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
        -Dquintet.jazzer.hooks=true -DargLine="-Xmx$xmx" \
        -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-timeout="${timeout%s}" \
        >"$log" 2>&1; then
      passed=$((passed + 1))
    else
      failed+=("$module $test")
      echo "  FINDING or failure: see $log and $module/target/surefire-reports/"
    fi
  done < <(grep -rl --include='*.java' '@FuzzTest' "$module/src/test/java" | while read -r f; do
      class=$(basename "$f" .java)
      grep -A3 '@FuzzTest' "$f" | grep -oE 'void [a-zA-Z0-9_]+\(' | sed -E 's/void ([^(]+)\(/\1/' \
        | sed "s/^/$class#/"
    done | sort)
done

echo
echo "fuzz campaign: ${passed} passed, ${#failed[@]} failed"
for f in "${failed[@]}"; do
  echo "  failed: $f"
done
[[ ${#failed[@]} -eq 0 ]]
