#!/usr/bin/env bash
# Streams a large generated attachment (default 3 GiB, past the 2^31 offsets) through
# encryption and decryption in a child JVM limited to a 48 MiB heap, and reads slices through
# the seekable channel. The unit test does the same with 512 MiB; this is the full-size run.
#   scripts/big-attachment.sh            # 3 GiB
#   scripts/big-attachment.sh 2147483648 # any size in bytes
# Needs about the size again in free space under ${TMPDIR:-/tmp}.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-$((3 << 30))}"
./mvnw -o -q -B test -pl core \
  -Dtest=AttachmentConstantMemoryTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquintet.attachment.bigBytes="$size"
cat core/target/surefire-reports/io.quintet.core.attachment.AttachmentConstantMemoryTest-output.txt
