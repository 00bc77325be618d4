package io.quintet.devicelist.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quintet.core.testing.FuzzSeedsContract;
import java.util.List;

/** Seeds for {@link QrDecodeFuzzTest}: a readable code, drawn as the fuzz test draws frames. */
class QrDecodeFuzzSeedsTest extends FuzzSeedsContract {
  private static final String PAYLOAD = "quintet-link:1:seed";

  @Override
  protected List<Seeds> seeds() {
    return List.of(new Seeds(QrDecodeFuzzTest.class, "cameraFrame",
        () -> named("code", QrDecodeFuzzTest.input(QrCode.encode(PAYLOAD).toImage(3))),
        seed -> assertEquals(PAYLOAD, QrCode.decode(QrDecodeFuzzTest.frame(seed)))));
  }
}
