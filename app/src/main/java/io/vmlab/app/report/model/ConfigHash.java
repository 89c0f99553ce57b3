package io.vmlab.app.report.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** A fingerprint of a resolved configuration: SHA-256 of its JSON with map keys sorted. */
public final class ConfigHash {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ConfigHash() {}

  /**
   * {@code config} as JSON would read it back: numbers as Integer, Long or Double by size, maps
   * as LinkedHashMap in the given order, lists as ArrayList. Results hold configs in this form,
   * so a result read from results.json equals the one that was written.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> normalize(Map<String, Object> config) {
    try {
      return PLAIN.readValue(PLAIN.writeValueAsBytes(config), java.util.LinkedHashMap.class);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the config cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /** {@code sha256:} and 64 hex digits. */
  public static String of(Map<String, Object> config) {
    try {
      byte[] json = CANONICAL.writeValueAsBytes(config);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the config cannot be written as JSON: " + e.getOriginalMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }
}
