package io.twinledger.twin.ngsild;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded random mutations of the valid payloads, at the byte level (syntax) and the tree level
 * (types, huge numbers, deep nesting): whatever arrives, the parser answers with results or with
 * reasons, and never throws.
 */
class NotificationParserFuzzTest {

  private static final long SEED = 20240501L;
  private static final int ROUNDS = 4000;

  private static final List<String> VALID =
      List.of(
          "water-consumption-normalized.json",
          "water-consumption-keyvalues.json",
          "epanet-junction-pipe.json",
          "flood-monitoring.json",
          "rainfall-radar-keyvalues.json",
          "road-segment-normalized.json",
          "road-segment-keyvalues.json",
          "pipe-multi-attribute.json");

  private static final String[] GARBAGE = {
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\u0000",
    "\n",
    "null",
    "NaN",
    "-",
    "1e400",
    "\uD83D\uDCA7",
    "\u00ff",
    "<",
    "\"@context\":",
    "\"type\":\"Property\"",
    "\\u00"
  };

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonMapper mapper =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private final NotificationParser parser = new NotificationParser(65_536, 50);

  @Test
  void neverThrowsAndAlwaysGivesReasons() {
    Random random = new Random(SEED);
    List<byte[]> payloads = VALID.stream().map(NotificationParserTest::payload).toList();
    int parsed = 0;
    int rejected = 0;
    int attributeRejections = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] original = payloads.get(random.nextInt(payloads.size()));
      byte[] mutated =
          random.nextBoolean() ? mutateText(original, random) : mutateTree(original, random);
      Optional<String> link =
          random.nextInt(10) == 0 ? Optional.of(linkHeader(random)) : Optional.empty();

      NotificationParseResult result = parser.parse(mutated, link);

      String context = "round " + round + ": " + new String(mutated, StandardCharsets.UTF_8);
      switch (result) {
        case RejectedNotification r -> {
          assertOneLineReason(r.reason(), context);
          rejected++;
        }
        case ParsedNotification p -> {
          p.rejections().forEach(r -> assertOneLineReason(r.reason(), context));
          p.skipped().forEach(s -> assertOneLineReason(s.reason(), context));
          p.observations().forEach(o -> assertThat(o.value()).as(context).isNotNull());
          attributeRejections += p.rejections().size();
          parsed++;
        }
      }
    }
    // Both kinds of mutation must have been exercised for the test to mean anything.
    assertThat(parsed).isGreaterThan(ROUNDS / 10);
    assertThat(rejected).isGreaterThan(ROUNDS / 10);
    assertThat(attributeRejections).isGreaterThan(ROUNDS / 10);
  }

  private static void assertOneLineReason(String reason, String context) {
    assertThat(reason).as(context).isNotBlank().doesNotContain("\n").doesNotContain("\r");
  }

  private static byte[] mutateText(byte[] original, Random random) {
    StringBuilder text = new StringBuilder(new String(original, StandardCharsets.UTF_8));
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations && !text.isEmpty(); i++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(4)) {
        case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(20)));
        case 1 -> text.insert(at, GARBAGE[random.nextInt(GARBAGE.length)]);
        case 2 -> text.setLength(at);
        default -> {
          int other = random.nextInt(text.length());
          char c = text.charAt(at);
          text.setCharAt(at, text.charAt(other));
          text.setCharAt(other, c);
        }
      }
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] mutateTree(byte[] original, Random random) {
    JsonNode root = mapper.readTree(original);
    List<Consumer<JsonNode>> slots = new ArrayList<>();
    collectSlots(root, random, slots);
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations && !slots.isEmpty(); i++) {
      slots.get(random.nextInt(slots.size())).accept(randomNode(random));
    }
    return mapper.writeValueAsBytes(root);
  }

  /** Every place in the tree a node can be replaced, as a setter. */
  private static void collectSlots(JsonNode node, Random random, List<Consumer<JsonNode>> slots) {
    if (node instanceof ObjectNode object) {
      for (String name : List.copyOf(object.propertyNames())) {
        slots.add(replacement -> object.set(name, replacement));
        collectSlots(object.get(name), random, slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        int index = i;
        slots.add(replacement -> array.set(index, replacement));
        collectSlots(array.get(i), random, slots);
      }
    }
  }

  private static JsonNode randomNode(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> NODES.stringNode("12.5");
      case 1 -> NODES.stringNode("not a number \u0007\n");
      case 2 -> NODES.numberNode(new BigDecimal("1e400"));
      case 3 -> NODES.numberNode(new BigDecimal("-1e-999999"));
      case 4 -> NODES.numberNode(new BigDecimal("9".repeat(900)));
      case 5 -> NODES.nullNode();
      case 6 -> NODES.booleanNode(random.nextBoolean());
      case 7 -> NODES.objectNode().put("type", "Property").put("value", "x");
      case 8 -> NODES.arrayNode().add(1).add("two");
      case 9 -> nested(random.nextInt(200));
      case 10 -> NODES.objectNode();
      default -> NODES.stringNode("x".repeat(random.nextInt(5000)));
    };
  }

  /** Arrays and objects nested {@code depth} deep, beyond the parser's limit when above it. */
  private static JsonNode nested(int depth) {
    JsonNode node = NODES.numberNode(1);
    for (int i = 0; i < depth; i++) {
      node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("value", node);
    }
    return node;
  }

  private static String linkHeader(Random random) {
    String[] headers = {
      "<https://a.example/ctx>; rel=\"http://www.w3.org/ns/json-ld#context\"",
      "<relative>; rel=\"http://www.w3.org/ns/json-ld#context\"",
      "<https://a.example/ctx; rel=\"http://www.w3.org/ns/json-ld#context\"",
      "garbage \u0000\n",
      "<https://a.example/ctx>; title=\"unclosed",
      ""
    };
    return headers[random.nextInt(headers.length)];
  }
}
