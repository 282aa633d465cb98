package io.twinledger.network;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.DuplicateKeyException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A YAML (or JSON) document as a Jackson tree, loaded with SnakeYAML Engine's core schema and built
 * with a {@link JsonNodeFactory}.
 *
 * <p>Why not {@code YAMLMapper.readTree}: the offline verifier reads the consortium definition on
 * every run in a fresh JVM, and a databind mapper costs more start-up time than the whole document;
 * node classes alone are cheap. Duplicate keys are refused, as Jackson's strict duplicate detection
 * did. Every YAML or JSON file this module reads goes through here: the consortium, an MSP's {@code
 * config.yaml}, connection profiles.
 */
public final class YamlTree {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlTree() {}

  /** A document that is not YAML, and where. */
  public static final class Unreadable extends Exception {
    Unreadable(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The document's tree; {@link MissingNode} for an empty document. */
  public static JsonNode read(byte[] document) throws Unreadable {
    Object loaded;
    try {
      Load load = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build());
      loaded = load.loadFromString(new String(document, StandardCharsets.UTF_8));
    } catch (DuplicateKeyException e) {
      throw new Unreadable(
          "duplicate key \""
              + e.getProblem().replaceFirst("^found duplicate key ", "")
              + "\""
              + where(e));
    } catch (MarkedYamlEngineException e) {
      throw new Unreadable(e.getProblem() + where(e));
    } catch (YamlEngineException e) {
      throw new Unreadable(e.getMessage());
    }
    return loaded == null ? MissingNode.getInstance() : node(loaded);
  }

  private static String where(MarkedYamlEngineException e) {
    return e.getProblemMark()
        .map(m -> " (line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")")
        .orElse("");
  }

  private static JsonNode node(Object value) {
    return switch (value) {
      case null -> NODES.nullNode();
      case Map<?, ?> map -> {
        ObjectNode object = NODES.objectNode();
        map.forEach((key, item) -> object.set(String.valueOf(key), node(item)));
        yield object;
      }
      case List<?> list -> {
        ArrayNode array = NODES.arrayNode(list.size());
        list.forEach(item -> array.add(node(item)));
        yield array;
      }
      case String text -> NODES.stringNode(text);
      case Boolean bool -> NODES.booleanNode(bool);
      case Integer number -> NODES.numberNode(number);
      case Long number -> NODES.numberNode(number);
      case BigInteger number -> NODES.numberNode(number);
      case Double number -> NODES.numberNode(number);
      case BigDecimal number -> NODES.numberNode(number);
      default -> NODES.stringNode(value.toString());
    };
  }
}
