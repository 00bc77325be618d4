#!/bin/sh
# Kills the crash test's child JVM thousands of times (SIGKILL at random moments of sends,
# receives and opens) and then checks that every ciphertext handed out decrypts exactly once,
# that no message key was used twice and that every session still works. The same code as the
# 50-kill CrashCampaignTest in the normal build, with a bigger count.
#
#   scripts/crash-campaign.sh [kills] [seed]      # default: 2000 kills, a fresh seed
#
# About a second per kill on an idle machine. A failure prints the seed to reproduce it.
set -eu
cd "$(dirname "$0")/.."
KILLS="${1:-2000}"
SEED="${2:-}"
SEED_ARG=""
if [ -n "$SEED" ]; then
  SEED_ARG="-Dquintet.crash.seed=$SEED"
fi
status=0
./mvnw -q -B test -pl store-sqlite -am \
  -Dtest=CrashCampaignTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquintet.crash.kills="$KILLS" $SEED_ARG || status=$?
cat store-sqlite/target/surefire-reports/io.quintet.store.sqlite.CrashCampaignTest-output.txt
exit "$status"
