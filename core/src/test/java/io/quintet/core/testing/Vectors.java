package io.quintet.core.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads the published test vectors copied into {@code src/test/resources/vectors/} (each
 * folder has a README with its provenance) and decodes their hex fields.
 */
public final class Vectors {
  private Vectors() {}

  /** Parses the JSON resource at {@code vectors/<path>} on the test class path. */
  public static JsonObject load(String path) {
    String resource = "/vectors/" + path;
    try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test vector resource " + resource);
      }
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every test of a Wycheproof-style file, each with its group's fields available. */
  public static List<Case> wycheproofCases(JsonObject file) {
    List<Case> out = new ArrayList<>();
    for (JsonElement g : file.getAsJsonArray("testGroups")) {
      JsonObject group = g.getAsJsonObject();
      for (JsonElement t : group.getAsJsonArray("tests")) {
        out.add(new Case(group, t.getAsJsonObject()));
      }
    }
    return out;
  }

  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** One Wycheproof test and its group. */
  public static final class Case {
    public final JsonObject group;
    public final JsonObject test;

    Case(JsonObject group, JsonObject test) {
      this.group = group;
      this.test = test;
    }

    public int id() {
      return test.get("tcId").getAsInt();
    }

    public String result() {
      return test.get("result").getAsString();
    }

    public boolean hasFlag(String flag) {
      if (!test.has("flags")) {
        return false;
      }
      for (JsonElement f : test.getAsJsonArray("flags")) {
        if (f.getAsString().equals(flag)) {
          return true;
        }
      }
      return false;
    }

    /** A hex field of the test, or of its group when the test lacks it. */
    public byte[] bytes(String field) {
      JsonObject from = test.has(field) ? test : group;
      return hex(from.get(field).getAsString());
    }

    public String string(String field) {
      JsonObject from = test.has(field) ? test : group;
      return from.get(field).getAsString();
    }

    @Override
    public String toString() {
      return "tcId " + id() + (test.has("comment") ? " " + test.get("comment").getAsString() : "");
    }
  }
}
