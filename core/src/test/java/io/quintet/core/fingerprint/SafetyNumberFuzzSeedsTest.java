package io.quintet.core.fingerprint;

import io.quintet.core.AccountId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.testing.FuzzSeedsContract;
import java.util.List;

/** Seeds for {@link SafetyNumberFuzzTest}: a genuine code (of other keys: it must not match). */
class SafetyNumberFuzzSeedsTest extends FuzzSeedsContract {
  @Override
  protected List<Seeds> seeds() {
    return List.of(new Seeds(SafetyNumberFuzzTest.class, "scannedCode",
        () -> named("code", SafetyNumber.forAccounts(AccountId.of("bob"),
            IdentityKeyPair.generate().identityKey(), AccountId.of("alice"),
            IdentityKeyPair.generate().identityKey()).scannable()),
        seed -> {
          if (seed.length == 0 || seed.length > 1024) {
            throw new AssertionError("not a plausible code");
          }
        }));
  }
}
