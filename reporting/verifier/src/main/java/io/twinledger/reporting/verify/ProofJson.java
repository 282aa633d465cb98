package io.twinledger.reporting.verify;

import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.InclusionProof;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.reporting.evidence.StrictJson.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

  private ProofJson() {}

  /** A proof that is not well-formed, and why. */
  static final class Malformed extends Exception {
    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The claim {@code json} makes. */
  static ProofClaim parse(byte[] json) throws Malformed {
    try {
      Node root = StrictJson.object(json);
      String type = root.string("type");
      return switch (type) {
        case "inclusion" -> {
          root.exactly(INCLUSION);
          yield new ProofClaim.Inclusion(
              new InclusionProof(number(root, "leafIndex"), number(root, "treeSize"), path(root)),
              hash(root, "leafHash"),
              hash(root, "root"));
        }
        case "consistency" -> {
          root.exactly(CONSISTENCY);
          yield new ProofClaim.Consistency(
              new ConsistencyProof(number(root, "size1"), number(root, "size2"), path(root)),
              hash(root, "root1"),
              hash(root, "root2"));
        }
        default -> throw new Malformed("unknown type \"" + type + "\"");
      };
    } catch (StrictJson.Malformed e) {
      throw new Malformed(e.getMessage());
    }
  }

  private static long number(Node object, String name) throws StrictJson.Malformed, Malformed {
    long value = object.integer(name);
    if (value < 0) {
      throw new Malformed("field \"" + name + "\" is negative: " + value);
    }
    return value;
  }

  private static Sha256 hash(Node object, String name) throws StrictJson.Malformed, Malformed {
    return hexHash(object.string(name), "field \"" + name + "\"");
  }

  private static List<Sha256> path(Node object) throws StrictJson.Malformed, Malformed {
    List<String> hexes = object.strings("path");
    List<Sha256> path = new ArrayList<>(hexes.size());
    for (int i = 0; i < hexes.size(); i++) {
      path.add(hexHash(hexes.get(i), "path[" + i + "]"));
    }
    return path;
  }

  private static Sha256 hexHash(String hex, String what) throws Malformed {
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new Malformed(what + " is not 64 hex digits");
    }
    return Sha256.fromHex(hex);
  }
}
