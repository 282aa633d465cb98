package io.twinledger.reporting.evidence;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link EvidenceBundle}s as JSON. Reading is strict: a duplicate, unknown or
 * missing field, a wrong type, trailing content or another format name make a bundle malformed.
 */
public final class EvidenceJson {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private EvidenceJson() {}

  /** A bundle that cannot be read, and why. */
  public static final class Malformed extends Exception {
    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A malformation found outside the JSON itself, such as an unreadable file. */
  public static Malformed malformed(String reason) {
    return new Malformed(reason);
  }

  /** The bundle as indented JSON, UTF-8. */
  public static byte[] write(EvidenceBundle bundle) {
    return JSON.writeValueAsBytes(bundle);
  }

  /** The bundle in {@code json}. */
  public static EvidenceBundle read(byte[] json) throws Malformed {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new Malformed("not JSON: " + firstLine(e));
    }
    if (root == null || !root.isObject()) {
      throw new Malformed("not a JSON object");
    }
    JsonNode format = root.get("format");
    if (format == null
        || !format.isString()
        || !format.stringValue().equals(EvidenceBundle.FORMAT)) {
      throw new Malformed("not a " + EvidenceBundle.FORMAT + " bundle (field \"format\")");
    }
    try {
      return JSON.treeToValue(root, EvidenceBundle.class);
    } catch (JacksonException e) {
      throw new Malformed(firstLine(e) + path(e));
    }
  }

  private static String firstLine(JacksonException e) {
    Throwable cause = e.getCause();
    String message =
        cause instanceof NullPointerException npe && npe.getMessage() != null
            ? npe.getMessage()
            : e.getOriginalMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }

  private static String path(JacksonException e) {
    String path = e.getPathReference();
    return path == null || path.isBlank() ? "" : " (at " + path + ")";
  }
}
