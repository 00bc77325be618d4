package io.quintet.core.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.quintet.core.AccountId;
import io.quintet.core.DeviceAddress;
import io.quintet.core.DeviceId;
import io.quintet.core.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The cases of {@code vectors/libsignal/sender_keys.json} (README section 2): 5 recorded
 * from libsignal-client 0.86.5 (libsignal's layout) and 2 from signal-protocol-java 2.8.1
 * (legacy layout). Public so the ratchet module's tests can replay them too.
 */
public final class SenderKeyVectors {
  private SenderKeyVectors() {}

  public static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (JsonElement e : Vectors.load("libsignal/sender_keys.json").getAsJsonArray("cases")) {
      out.add(new Case(e.getAsJsonObject()));
    }
    return out;
  }

  /** One sender's distribution message and its five messages, in send order. */
  public static final class Case {
    public final String id;
    public final boolean legacy;
    public final DeviceAddress sender;
    /** The distribution id, or for legacy cases a UUID derived from the group id. */
    public final UUID distributionId;
    public final byte[] distribution;
    public final int chainId;
    public final int iteration;
    public final byte[] chainKey;
    public final byte[] signingPublic;
    public final byte[] signingPrivate;
    public final List<Message> messages = new ArrayList<>();

    Case(JsonObject c) {
      id = c.get("id").getAsString();
      JsonObject address = c.getAsJsonObject("sender_address");
      sender =
          DeviceAddress.of(
              AccountId.of(address.get("name").getAsString()),
              DeviceId.of(address.get("device_id").getAsInt()));
      legacy = c.get("distribution_id").isJsonNull();
      distributionId =
          legacy
              ? UUID.nameUUIDFromBytes(c.get("group_id").getAsString().getBytes())
              : UUID.fromString(c.get("distribution_id").getAsString());
      JsonObject d = c.getAsJsonObject("sender_key_distribution_message");
      distribution = Vectors.hex(d.get("serialized").getAsString());
      chainId = (int) d.get("chain_id").getAsLong();
      iteration = (int) d.get("iteration").getAsLong();
      chainKey = Vectors.hex(d.get("chain_key").getAsString());
      signingPublic = Vectors.hex(d.get("signing_key_public").getAsString());
      signingPrivate = Vectors.hex(d.get("signing_key_private").getAsString());
      for (JsonElement m : c.getAsJsonArray("messages")) {
        JsonObject o = m.getAsJsonObject();
        messages.add(
            new Message(
                (int) o.get("chain_id").getAsLong(),
                (int) o.get("iteration").getAsLong(),
                Vectors.hex(o.get("serialized").getAsString()),
                Vectors.hex(o.get("plaintext").getAsString())));
      }
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /** One recorded SenderKeyMessage. */
  public static final class Message {
    public final int chainId;
    public final int iteration;
    public final byte[] serialized;
    public final byte[] plaintext;

    Message(int chainId, int iteration, byte[] serialized, byte[] plaintext) {
      this.chainId = chainId;
      this.iteration = iteration;
      this.serialized = serialized;
      this.plaintext = plaintext;
    }
  }
}
