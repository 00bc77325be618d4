package io.quintet.devicelist.link;

import io.quintet.core.AccountId;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.testing.FuzzSeedsContract;
import io.quintet.devicelist.LinkPolicy;
import io.quintet.devicelist.PrimaryDevices;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/** Seeds for {@link LinkFuzzTest}: a genuine offer (valid at its clock), approval and code. */
class LinkFuzzSeedsTest extends FuzzSeedsContract {
  @Override
  protected List<Seeds> seeds() {
    Class<?> t = LinkFuzzTest.class;
    return List.of(
        new Seeds(t, "scannedPayload", () -> named("offer", offer().payload()
            .getBytes(StandardCharsets.ISO_8859_1)),
            seed -> QrLinkApprover.ref(new String(seed, StandardCharsets.ISO_8859_1))),
        new Seeds(t, "sealedApproval", LinkFuzzSeedsTest::approval, seed -> { }),
        new Seeds(t, "typedCode", () -> named("code", "4k7q-9xmb".getBytes(StandardCharsets.UTF_8)),
            seed -> LinkCode.normalize(new String(seed, StandardCharsets.UTF_8)).orElseThrow()));
  }

  private static QrLinkOffer offer() {
    return QrLinkOffer.create(IdentityKeyPair.generate(), LinkFuzzTest.NOW, Duration.ofMinutes(2));
  }

  private static java.util.Map<String, byte[]> approval() {
    IdentityKeyPair phone = IdentityKeyPair.generate();
    PrimaryDevices devices = PrimaryDevices.create(phone, AccountId.of("seed"), LinkPolicy.DEFAULT,
        Clock.fixed(LinkFuzzTest.NOW, ZoneOffset.UTC));
    try {
      return named("sealed", QrLinkApprover.approve(devices, phone, offer().payload(), LinkFuzzTest.NOW));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
