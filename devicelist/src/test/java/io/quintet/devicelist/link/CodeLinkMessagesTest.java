package io.quintet.devicelist.link;

import static io.quintet.devicelist.link.CodeLinkFixture.expect;
import static io.quintet.devicelist.link.CodeLinkFixture.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.google.protobuf.ByteString;
import io.quintet.core.keys.IdentityKeyPair;
import io.quintet.core.testing.Vectors;
import io.quintet.devicelist.internal.proto.CodeLinkProtos.CodeLinkHello;
import io.quintet.devicelist.link.CodeLinkException.Reason;
import io.quintet.devicelist.link.CodeLinkMessages.Confirmation;
import io.quintet.devicelist.link.CodeLinkMessages.Hello;
import io.quintet.devicelist.link.CodeLinkMessages.Response;
import io.quintet.devicelist.link.CodeLinkMessages.Sealed;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every parser and every entry point of linking by code on truncated, oversized, garbage and
 * bit-flipped input: a {@link CodeLinkException}, never a runtime exception, and the run that
 * was waiting is not spent (it completes afterwards).
 */
class CodeLinkMessagesTest {
  private final CodeLinkFixture alice = new CodeLinkFixture();
  private final CodeLinkRequest request;
  private final byte[] hello;

  CodeLinkMessagesTest() throws CodeLinkException {
    request = alice.request(IdentityKeyPair.generate());
    hello = request.hello();
  }

  private static Gen<byte[]> bytes(int max) {
    return Generate.byteArrays(integers().between(0, max), integers().between(-128, 127)
        .map(Integer::byteValue)).describedAs(Vectors::hex);
  }

  /** {@code step} on every generated input throws a CodeLinkException (with {@code reason} if set). */
  private static void refusesAll(Gen<byte[]> inputs, Reason reason, Parser step) {
    qt().withExamples(500).forAll(inputs).checkAssert(b -> {
      try {
        step.parse(b);
        throw new AssertionError("accepted " + Vectors.hex(b));
      } catch (CodeLinkException e) {
        if (reason != null) {
          assertEquals(reason, e.reason(), e.getMessage());
        }
      } catch (Exception e) {
        throw new AssertionError("untyped failure on " + Vectors.hex(b), e);
      }
    });
  }

  @FunctionalInterface
  private interface Parser {
    Object parse(byte[] b) throws Exception;
  }

  @Test
  void eachParserRefusesRandomBytesAsMalformed() {
    refusesAll(bytes(1200), Reason.MALFORMED, Hello::parse);
    refusesAll(bytes(300), Reason.MALFORMED, Response::parse);
    refusesAll(bytes(200), Reason.MALFORMED, Confirmation::parse);
    refusesAll(bytes(300), Reason.MALFORMED, b -> Sealed.parse(b, "sealed"));
    refusesAll(bytes(300), Reason.MALFORMED, CodeLinkApprover::ref);
  }

  @Test
  void garbageAtEveryStepIsRefusedAndTheRunGoesOn() throws Exception {
    refusesAll(bytes(1200), null, b -> alice.approver.respond(b, shown(request), alice.now()));
    byte[] response = alice.approver.respond(hello, shown(request), alice.now());
    refusesAll(bytes(300), null, b -> request.confirm(b, alice.now()));
    byte[] confirmation = request.confirm(response, alice.now());
    refusesAll(bytes(200), null, b -> alice.approver.approve(b, alice.now()));
    byte[] sealed = alice.approver.approve(confirmation, alice.now());
    refusesAll(bytes(300), null, b -> request.open(b, alice.now()));
    request.open(sealed, alice.now());
    refusesAll(bytes(300), null, b -> alice.approver.complete(b, alice.now()));
    assertEquals(1, alice.approver.complete(request.reply(), alice.now()).entries().size());
  }

  @Test
  void everyTruncationIsMalformed() throws Exception {
    byte[] response = alice.approver.respond(hello, shown(request), alice.now());
    byte[] confirmation = request.confirm(response, alice.now());
    byte[] sealed = alice.approver.approve(confirmation, alice.now());
    for (int n = 0; n < hello.length; n++) {
      byte[] cut = Arrays.copyOf(hello, n);
      expect(Reason.MALFORMED, () -> Hello.parse(cut));
    }
    for (int n = 0; n < response.length; n++) {
      byte[] cut = Arrays.copyOf(response, n);
      expect(Reason.MALFORMED, () -> Response.parse(cut));
    }
    for (int n = 0; n < confirmation.length; n++) {
      byte[] cut = Arrays.copyOf(confirmation, n);
      expect(Reason.MALFORMED, () -> Confirmation.parse(cut));
    }
    for (int n = 0; n < sealed.length; n++) {
      byte[] cut = Arrays.copyOf(sealed, n);
      expect(Reason.MALFORMED, () -> Sealed.parse(cut, "sealed"));
    }
    expect(Reason.MALFORMED, () -> Hello.parse(null));
  }

  @Test
  void wrongLengthsVersionsExpiriesAndExtraFieldsAreMalformed() throws Exception {
    ByteString extra = ByteString.copyFrom(new byte[1]);
    UnaryOperator<ByteString> longer = b -> b.concat(extra);
    UnaryOperator<ByteString> shorter = b -> b.substring(0, b.size() - 1);
    for (UnaryOperator<CodeLinkHello.Builder> edit : java.util.List.<UnaryOperator<CodeLinkHello.Builder>>of(
        h -> h.setVersion(2),
        h -> h.setVersion(0),
        h -> h.setRef(longer.apply(h.getRef())),
        h -> h.setRef(shorter.apply(h.getRef())),
        h -> h.setShare(longer.apply(h.getShare())),
        h -> h.setShare(shorter.apply(h.getShare())),
        h -> h.setCompanionIdentityKey(shorter.apply(h.getCompanionIdentityKey())),
        h -> h.setPrimaryIdentityKey(longer.apply(h.getPrimaryIdentityKey())),
        h -> h.setAccount(""),
        h -> h.setAccount("x".repeat(257)),
        h -> h.setExpiresAt(0),
        h -> h.setExpiresAt(-1L), // 2^64 - 1 on the wire
        h -> h.setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
            .addField(99, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build())
            .build()))) {
      byte[] bad = edit.apply(CodeLinkHello.parseFrom(hello).toBuilder()).build().toByteArray();
      expect(Reason.MALFORMED, () -> Hello.parse(bad));
      expect(Reason.MALFORMED, () -> alice.approver.respond(bad, shown(request), alice.now()));
    }
    // A well-formed protobuf, but longer than any request can be: refused before parsing.
    byte[] oversized = CodeLinkHello.parseFrom(hello).toBuilder()
        .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
            .addField(99, com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(ByteString.copyFrom(new byte[CodeLinkMessages.MAX_HELLO])).build())
            .build()).build().toByteArray();
    CodeLinkException e = expect(Reason.MALFORMED, () -> Hello.parse(oversized));
    assertEquals("link request is longer than 1024 bytes", e.getMessage());
    expect(Reason.MALFORMED, () -> alice.approver.respond(oversized, shown(request), alice.now()));
    assertEquals(0, alice.approver.failedAttempts(alice.now()));
  }

  @Test
  void flippedBitsInTheRequestNeverEscapeAsRuntimeExceptions() {
    qt().withExamples(500).forAll(integers().between(0, hello.length * 8 - 1)).checkAssert(bit -> {
      byte[] bad = hello.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      try {
        Hello h = Hello.parse(bad);
        // Parsed: then only a field's content changed, and re-encoding gives the same record.
        assertEquals(Vectors.hex(h.serialize()), Vectors.hex(Hello.parse(h.serialize()).serialize()));
      } catch (CodeLinkException e) {
        assertEquals(Reason.MALFORMED, e.reason(), e.getMessage());
      }
    });
  }
}
