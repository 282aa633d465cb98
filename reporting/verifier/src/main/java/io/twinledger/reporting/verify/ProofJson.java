package io.twinledger.reporting.verify;

import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.InclusionProof;
import io.twinledger.contracts.merkle.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of a proof, read strictly. Hashes are 64 hex digits (either case); sizes and
 * indices are JSON integers from 0 to 2<sup>63</sup>-1.
 *
 * <pre>
 * {"type":"inclusion","leafIndex":n,"treeSize":n,"leafHash":"…","path":["…"],"root":"…"}
 * {"type":"consistency","size1":n,"size2":n,"root1":"…","root2":"…","path":["…"]}
 * </pre>
 *
 * Anything else is {@link Malformed}: not JSON, not an object, a duplicate, unknown or missing
 * field, a value of the wrong type, a number that is not an integer or out of range, a hash that is
 * not 64 hex digits, an unknown type. Whether a well-formed proof holds is not decided here.
 */
final class ProofJson {

  private static final Set<String> INCLUSION =
      Set.of("type", "leafIndex", "treeSize", "leafHash", "path", "root");
  private static final Set<String> CONSISTENCY =
      Set.of("type", "size1", "size2", "root1", "root2", "path");

  /** How Jackson's {@link StreamReadFeature#STRICT_DUPLICATE_DETECTION} reports a duplicate. */
  private static final String DUPLICATE = "Duplicate Object property ";

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private ProofJson() {}

  /** A proof that is not well-formed, and why. */
  static final class Malformed extends Exception {
    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The claim {@code json} makes. */
  static ProofClaim parse(byte[] json) throws Malformed {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      String problem = e.getOriginalMessage().lines().findFirst().orElse("");
      if (problem.startsWith(DUPLICATE)) {
        throw new Malformed("duplicate field " + problem.substring(DUPLICATE.length()));
      }
      throw new Malformed("not JSON: " + problem);
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw new Malformed("not a JSON object");
    }
    JsonNode type = root.get("type");
    if (type == null) {
      throw new Malformed("missing field \"type\"");
    }
    if (!type.isString()) {
      throw new Malformed("field \"type\" is not a string");
    }
    return switch (type.stringValue()) {
      case "inclusion" -> {
        fields(root, INCLUSION);
        yield new ProofClaim.Inclusion(
            new InclusionProof(
                number(root, "leafIndex"), number(root, "treeSize"), path(root.get("path"))),
            hash(root, "leafHash"),
            hash(root, "root"));
      }
      case "consistency" -> {
        fields(root, CONSISTENCY);
        yield new ProofClaim.Consistency(
            new ConsistencyProof(
                number(root, "size1"), number(root, "size2"), path(root.get("path"))),
            hash(root, "root1"),
            hash(root, "root2"));
      }
      default -> throw new Malformed("unknown type \"" + type.stringValue() + "\"");
    };
  }

  /** Requires exactly {@code expected} as the object's fields. */
  private static void fields(JsonNode object, Set<String> expected) throws Malformed {
    Set<String> present = new TreeSet<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      present.add(field.getKey());
    }
    for (String name : present) {
      if (!expected.contains(name)) {
        throw new Malformed("unknown field \"" + name + "\"");
      }
    }
    for (String name : new TreeSet<>(expected)) {
      if (!present.contains(name)) {
        throw new Malformed("missing field \"" + name + "\"");
      }
    }
  }

  private static long number(JsonNode object, String name) throws Malformed {
    JsonNode node = object.get(name);
    if (!node.isNumber()) {
      throw new Malformed("field \"" + name + "\" is not a number");
    }
    if (!node.isIntegralNumber()) {
      throw new Malformed("field \"" + name + "\" is not an integer: " + node);
    }
    if (!node.canConvertToLong()) {
      throw new Malformed("field \"" + name + "\" is out of range: " + node);
    }
    long value = node.longValue();
    if (value < 0) {
      throw new Malformed("field \"" + name + "\" is negative: " + value);
    }
    return value;
  }

  private static Sha256 hash(JsonNode object, String name) throws Malformed {
    return hexHash(object.get(name), "field \"" + name + "\"");
  }

  private static List<Sha256> path(JsonNode node) throws Malformed {
    if (!node.isArray()) {
      throw new Malformed("field \"path\" is not an array");
    }
    List<Sha256> path = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      path.add(hexHash(node.get(i), "path[" + i + "]"));
    }
    return path;
  }

  private static Sha256 hexHash(JsonNode node, String what) throws Malformed {
    if (!node.isString()) {
      throw new Malformed(what + " is not a string");
    }
    String hex = node.stringValue();
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new Malformed(what + " is not 64 hex digits");
    }
    return Sha256.fromHex(hex);
  }
}
