package io.twinledger.twin.ngsild;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses the body of an NGSI-LD notification:
 *
 * <pre>{@code
 * {"id": "urn:ngsi-ld:Notification:…", "type": "Notification", "subscriptionId": "…",
 *  "notifiedAt": "2024-05-01T10:00:00Z", "data": [entity, …]}
 * }</pre>
 *
 * <p>The body is untrusted input: {@link #parse} never throws for anything in it. A notification
 * that is unusable as a whole yields a {@link RejectedNotification} with one reason; otherwise a
 * {@link ParsedNotification} in which a bad entity or attribute rejects only itself.
 *
 * <p>Numbers are read as {@link java.math.BigDecimal} straight from the JSON text, scale included;
 * a double never holds a reading. Duplicate member names reject the whole body, since which value
 * counts would depend on the parser. Nesting deeper than {@value #MAX_NESTING} levels is refused (a
 * GeoJSON multipolygon needs about ten).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class NotificationParser {

  /** Deepest nesting of arrays and objects accepted. */
  public static final int MAX_NESTING = 64;

  /** Jackson messages can quote long tokens; a reason is cut to this many characters. */
  private static final int JSON_PROBLEM_LENGTH = 200;

  private static final Pattern START_MARKER =
      Pattern.compile("\\s*\\(start marker at \\[.*?\\]\\)");

  private final int maxPayloadBytes;
  private final int maxEntities;
  private final JsonMapper mapper;

  /**
   * @param maxPayloadBytes largest body accepted, in bytes, at least 1
   * @param maxEntities most entities one notification may carry, at least 1
   */
  public NotificationParser(int maxPayloadBytes, int maxEntities) {
    if (maxPayloadBytes < 1) {
      throw new IllegalArgumentException(
          "maxPayloadBytes must be at least 1, was " + maxPayloadBytes);
    }
    if (maxEntities < 1) {
      throw new IllegalArgumentException("maxEntities must be at least 1, was " + maxEntities);
    }
    this.maxPayloadBytes = maxPayloadBytes;
    this.maxEntities = maxEntities;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Evidence keeps the number as sent: 1.50 must not become 1.5.
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
  }

  /**
   * Parses one notification.
   *
   * @param body the HTTP request body
   * @param linkHeader the HTTP {@code Link} header, if the request had one; it names the JSON-LD
   *     context of {@code application/json} notifications
   */
  public NotificationParseResult parse(byte[] body, Optional<String> linkHeader) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(linkHeader, "linkHeader");
    try {
      return parseEnvelope(body, linkHeader);
    } catch (InvalidNotificationException e) {
      return new RejectedNotification(e.reason());
    }
  }

  private ParsedNotification parseEnvelope(byte[] body, Optional<String> linkHeader)
      throws InvalidNotificationException {
    if (body.length > maxPayloadBytes) {
      throw new InvalidNotificationException(
          "payload is " + body.length + " bytes, more than the limit of " + maxPayloadBytes);
    }
    JsonNode root = readJson(body);
    if (root.isMissingNode()) {
      throw new InvalidNotificationException("payload is empty");
    }
    if (!root.isObject()) {
      throw new InvalidNotificationException("payload is not a JSON object");
    }
    String type = requiredText(root, "type");
    if (!CompactTerm.shortName(type).orElse("").equals("Notification")) {
      throw new InvalidNotificationException(
          "type: is " + QuotedText.of(type) + ", expected 'Notification'");
    }
    String id = requiredText(root, "id");
    String subscriptionId = requiredText(root, "subscriptionId");
    String notifiedAtText = requiredText(root, "notifiedAt");
    Instant notifiedAt =
        DateTimeText.parse(notifiedAtText)
            .orElseThrow(
                () ->
                    new InvalidNotificationException(
                        "notifiedAt: " + DateTimeText.problem(notifiedAtText)));
    JsonNode data = root.get("data");
    if (data == null) {
      throw new InvalidNotificationException("data: is missing");
    }
    if (!data.isArray()) {
      throw new InvalidNotificationException("data: is not an array");
    }
    if (data.size() > maxEntities) {
      throw new InvalidNotificationException(
          "data: has " + data.size() + " entities, more than the limit of " + maxEntities);
    }
    JsonLdContext context =
        ContextResolver.resolve(Optional.ofNullable(root.get("@context")), linkHeader, mapper);
    Outcomes outcomes = new Outcomes(mapper);
    EntityReader reader = new EntityReader(notifiedAt, outcomes);
    FieldPath dataPath = FieldPath.of("data");
    for (int i = 0; i < data.size(); i++) {
      reader.read(data.get(i), dataPath.index(i));
    }
    return new ParsedNotification(
        id,
        subscriptionId,
        notifiedAt,
        context,
        outcomes.observations(),
        outcomes.skipped(),
        outcomes.rejections());
  }

  private JsonNode readJson(byte[] body) throws InvalidNotificationException {
    try {
      return mapper.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidNotificationException("payload is not valid JSON: " + describe(e));
    } catch (NumberFormatException e) {
      // Jackson lets this through for numbers whose exponent does not fit a BigDecimal
      // (1e99999999999).
      throw new InvalidNotificationException(
          "payload is not valid JSON: a number is out of range (" + oneLine(e.getMessage()) + ")");
    }
  }

  /**
   * Jackson's description without the description of the source it puts into some ({@code (start
   * marker at [Source: REDACTED …])}), and where reading stopped.
   */
  private static String describe(JacksonException e) {
    String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
    String problem = oneLine(START_MARKER.matcher(message).replaceAll(""));
    TokenStreamLocation location = e.getLocation();
    if (location != null && location.getByteOffset() >= 0) {
      problem += " at byte " + location.getByteOffset();
    }
    return problem;
  }

  private static String oneLine(String message) {
    String text = message == null ? "unreadable" : message.replaceAll("\\s+", " ").strip();
    return text.length() <= JSON_PROBLEM_LENGTH
        ? text
        : text.substring(0, JSON_PROBLEM_LENGTH) + "…";
  }

  private static String requiredText(JsonNode root, String member)
      throws InvalidNotificationException {
    JsonNode node = root.get(member);
    if (node == null) {
      throw new InvalidNotificationException(member + ": is missing");
    }
    if (!node.isString()) {
      throw new InvalidNotificationException(member + ": is not a string");
    }
    if (node.stringValue().isBlank()) {
      throw new InvalidNotificationException(member + ": is blank");
    }
    return node.stringValue();
  }
}
