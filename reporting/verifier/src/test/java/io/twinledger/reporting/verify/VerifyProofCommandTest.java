package io.twinledger.reporting.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.InclusionProof;
import io.twinledger.contracts.merkle.MerkleTree;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./twinledger verify-proof} over several hundred files: valid proofs from a real {@link
 * MerkleTree}, mutations of them that must be invalid, and malformed files, each with the line it
 * must produce.
 */
class VerifyProofCommandTest {

  private static final int LEAVES = 300;

  @TempDir Path dir;

  private final List<Sha256> leaves = new ArrayList<>();
  private MerkleTree tree;
  private final Random random = new Random(4242);

  /** File → the line {@code verify-proof} must print for it, in the order written. */
  private final Map<String, String> valid = new LinkedHashMap<>();

  private final Map<String, String> invalid = new LinkedHashMap<>();
  private final Map<String, String> malformed = new LinkedHashMap<>();

  @BeforeEach
  void growATree() {
    for (int i = 0; i < LEAVES; i++) {
      leaves.add(TreeHash.leaf(("reading-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    tree = new MerkleTree(this::perfect);
  }

  @Test
  void everyFileGetsItsLineAndTheExitCodeSaysTheWorst() throws IOException {
    writeValidProofs();
    writeInvalidProofs();
    writeMalformedFiles();
    assertThat(valid.size() + invalid.size() + malformed.size()).isGreaterThan(500);

    Run onlyValid = run(valid.keySet());
    assertThat(onlyValid.code).isZero();
    assertLines(onlyValid.lines, valid);

    Map<String, String> validAndInvalid = new LinkedHashMap<>(valid);
    validAndInvalid.putAll(invalid);
    Run withInvalid = run(validAndInvalid.keySet());
    assertThat(withInvalid.code).isEqualTo(1);
    assertLines(withInvalid.lines, validAndInvalid);

    Map<String, String> all = everything();
    long start = System.nanoTime();
    Run everything = run(all.keySet());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(everything.code).isEqualTo(2);
    assertLines(everything.lines, all);
    System.out.printf("verify-proof: %d files in %d ms in-process%n", all.size(), millis);

    Run oneMalformed = run(List.of(malformed.keySet().iterator().next()));
    assertThat(oneMalformed.code).isEqualTo(2);
  }

  /**
   * The real command line in a JVM of its own, with the service's whole class path: it answers
   * without starting the service (the service would never exit) and prints the same lines.
   */
  @Test
  void theCommandLineChecksHundredsOfFilesWithoutStartingTheService() throws Exception {
    writeValidProofs();
    writeInvalidProofs();
    writeMalformedFiles();
    Map<String, String> all = everything();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(VerifyMain.class.getName());
    command.add("verify-proof");
    command.addAll(all.keySet());
    Path output = dir.resolve("verify-proof.out");

    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(process.exitValue()).isEqualTo(2);
    assertLines(Files.readAllLines(output, StandardCharsets.UTF_8), all);
    System.out.printf("verify-proof: %d files in %d ms, JVM start included%n", all.size(), millis);
  }

  @Test
  void withoutFilesItIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        VerifyMain.run(
            new String[] {"verify-proof"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("twinledger: usage: ./twinledger verify-proof FILE...\n");
  }

  private void writeValidProofs() throws IOException {
    for (int n = 1; n <= 32; n++) {
      for (long m : new TreeSet<>(List.of(0L, n / 2L, n - 1L))) {
        validFile("inclusion-" + m + "-of-" + n, inclusion(tree.inclusion(m, n)));
      }
    }
    for (int i = 0; i < 150; i++) {
      long n = 1 + random.nextInt(LEAVES);
      long m = random.nextLong(n);
      validFile("inclusion-random-" + i, inclusion(tree.inclusion(m, n)));
    }
    for (int i = 0; i < 150; i++) {
      long n = 1 + random.nextInt(LEAVES);
      long m = 1 + random.nextLong(n);
      validFile("consistency-random-" + i, consistency(tree.consistency(m, n)));
    }
    validFile("consistency-equal", consistency(tree.consistency(7, 7)));
    validFile(
        "inclusion-upper-case",
        inclusion(tree.inclusion(3, 10))
            .replace(tree.root(10).hex(), tree.root(10).hex().toUpperCase()));
  }

  private void writeInvalidProofs() throws IOException {
    for (int i = 0; i < 40; i++) {
      long n = 2 + random.nextInt(LEAVES - 1);
      long m = random.nextLong(n);
      InclusionProof proof = tree.inclusion(m, n);
      List<Sha256> path = new ArrayList<>(proof.path());
      int at = random.nextInt(path.size());
      path.set(at, TreeHash.leaf(path.get(at).bytes()));
      invalidFile(
          "inclusion-tampered-" + i,
          inclusion(new InclusionProof(m, n, path)),
          "the path leads to root …");
    }
    invalidFile(
        "inclusion-other-leaf",
        inclusion(tree.inclusion(3, 10), leaves.get(4), tree.root(10)),
        "the path leads to root …");
    invalidFile(
        "inclusion-index-is-size",
        inclusion(new InclusionProof(10, 10, tree.inclusion(9, 10).path())),
        "leaf index 10 is outside a tree of 10 leaves");
    List<Sha256> longer = new ArrayList<>(tree.inclusion(3, 10).path());
    longer.add(TreeHash.EMPTY);
    invalidFile(
        "inclusion-long-path",
        inclusion(new InclusionProof(3, 10, longer)),
        "a path to leaf 3 of 10 has 4 hashes, not 5");
    invalidFile(
        "inclusion-empty-tree",
        inclusion(new InclusionProof(0, 0, List.of()), leaves.get(0), TreeHash.EMPTY),
        "leaf index 0 is outside a tree of 0 leaves");
    for (int i = 0; i < 40; i++) {
      long n = 3 + random.nextInt(LEAVES - 2);
      long m = 1 + random.nextLong(n - 1);
      ConsistencyProof proof = tree.consistency(m, n);
      invalidFile(
          "consistency-swapped-roots-" + i,
          consistency(proof, tree.root(n), tree.root(m)),
          "the proof leads to …");
    }
    invalidFile(
        "consistency-from-empty",
        consistency(new ConsistencyProof(0, 5, List.of()), TreeHash.EMPTY, tree.root(5)),
        "there is no consistency proof from the empty tree");
    invalidFile(
        "consistency-equal-not-empty",
        consistency(
            new ConsistencyProof(6, 6, List.of(TreeHash.EMPTY)), tree.root(6), tree.root(6)),
        "a proof between equal sizes is empty, not 1 hashes");
    invalidFile(
        "consistency-shrinking",
        consistency(new ConsistencyProof(9, 6, List.of()), tree.root(9), tree.root(6)),
        "the first tree (9 leaves) is larger than the second (6)");
    invalidFile(
        "consistency-short",
        consistency(
            new ConsistencyProof(5, 8, tree.consistency(5, 8).path().subList(0, 1)),
            tree.root(5),
            tree.root(8)),
        "a proof from 5 to 8 leaves has 4 hashes, not 1");
  }

  private void writeMalformedFiles() throws IOException {
    String good = inclusion(tree.inclusion(3, 10));
    String root = tree.root(10).hex();
    malformedFile("empty", "", "not a JSON object");
    malformedFile("array", "[]", "not a JSON object");
    malformedFile("truncated", good.substring(0, good.length() - 1), "not JSON: …");
    malformedFile("trailing", good + " {}", "not JSON: …");
    malformedFile(
        "duplicate", good.replace("}", ",\"root\":\"" + root + "\"}"), "duplicate field \"root\"");
    malformedFile("unknown-field", good.replace("}", ",\"note\":1}"), "unknown field \"note\"");
    malformedFile(
        "missing-root", good.replace(",\"root\":\"" + root + "\"", ""), "missing field \"root\"");
    malformedFile("no-type", good.replace("\"type\":\"inclusion\",", ""), "missing field \"type\"");
    malformedFile(
        "type-number", good.replace("\"inclusion\"", "1"), "field \"type\" is not a string");
    malformedFile(
        "unknown-type", good.replace("\"inclusion\"", "\"audit\""), "unknown type \"audit\"");
    malformedFile(
        "index-string",
        good.replace("\"leafIndex\":3", "\"leafIndex\":\"3\""),
        "field \"leafIndex\" is not a number");
    malformedFile(
        "index-float",
        good.replace("\"leafIndex\":3", "\"leafIndex\":3.0"),
        "field \"leafIndex\" is not an integer: 3.0");
    malformedFile(
        "index-exponent",
        good.replace("\"leafIndex\":3", "\"leafIndex\":3e0"),
        "field \"leafIndex\" is not an integer: 3e0");
    malformedFile(
        "size-negative",
        good.replace("\"treeSize\":10", "\"treeSize\":-10"),
        "field \"treeSize\" is negative: -10");
    malformedFile(
        "size-huge",
        good.replace("\"treeSize\":10", "\"treeSize\":9223372036854775808"),
        "field \"treeSize\" is out of range: 9223372036854775808");
    malformedFile(
        "root-short", good.replace(root, root.substring(1)), "field \"root\" is not 64 hex digits");
    malformedFile(
        "root-null", good.replace("\"" + root + "\"", "null"), "field \"root\" is not a string");
    malformedFile(
        "root-not-hex",
        good.replace(root, "g" + root.substring(1)),
        "field \"root\" is not 64 hex digits");
    malformedFile(
        "path-object",
        good.replaceFirst("\"path\":\\[[^]]*]", "\"path\":{}"),
        "field \"path\" is not an array");
    malformedFile(
        "path-number",
        good.replaceFirst("\"path\":\\[\"", "\"path\":[1,\""),
        "path[0] is not a string");
    malformedFile(
        "consistency-with-inclusion-fields",
        consistency(tree.consistency(3, 10)).replace("\"size1\"", "\"leafIndex\""),
        "unknown field \"leafIndex\"");
    malformedFile(
        "consistency-size-bool",
        consistency(tree.consistency(3, 10)).replace("\"size2\":10", "\"size2\":true"),
        "field \"size2\" is not a number");
    Path missing = dir.resolve("no-such-proof.json");
    malformed.put(
        missing.toString(),
        missing + ": malformed — cannot read the file: NoSuchFileException " + missing);
    Path directory = Files.createDirectory(dir.resolve("a-directory.json"));
    malformed.put(directory.toString(), directory + ": malformed — cannot read the file: …");
  }

  private String inclusion(InclusionProof proof) {
    return inclusion(proof, leaves.get((int) proof.leafIndex()), tree.root(proof.treeSize()));
  }

  private static String inclusion(InclusionProof proof, Sha256 leafHash, Sha256 root) {
    return "{\"type\":\"inclusion\",\"leafIndex\":"
        + proof.leafIndex()
        + ",\"treeSize\":"
        + proof.treeSize()
        + ",\"leafHash\":\""
        + leafHash.hex()
        + "\",\"path\":"
        + hexes(proof.path())
        + ",\"root\":\""
        + root.hex()
        + "\"}";
  }

  private String consistency(ConsistencyProof proof) {
    return consistency(proof, tree.root(proof.size1()), tree.root(proof.size2()));
  }

  private static String consistency(ConsistencyProof proof, Sha256 root1, Sha256 root2) {
    return "{\"type\":\"consistency\",\"size1\":"
        + proof.size1()
        + ",\"size2\":"
        + proof.size2()
        + ",\"root1\":\""
        + root1.hex()
        + "\",\"root2\":\""
        + root2.hex()
        + "\",\"path\":"
        + hexes(proof.path())
        + "}";
  }

  private static String hexes(List<Sha256> hashes) {
    return hashes.stream()
        .map(hash -> "\"" + hash.hex() + "\"")
        .collect(Collectors.joining(",", "[", "]"));
  }

  private void validFile(String name, String json) throws IOException {
    String file = write(name, json);
    valid.put(file, file + ": valid");
  }

  private void invalidFile(String name, String json, String reason) throws IOException {
    String file = write(name, json);
    invalid.put(file, file + ": invalid — " + reason);
  }

  private void malformedFile(String name, String content, String reason) throws IOException {
    String file = write("malformed-" + name, content);
    malformed.put(file, file + ": malformed — " + reason);
  }

  private String write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name + ".json"), content).toString();
  }

  private Map<String, String> everything() {
    Map<String, String> all = new LinkedHashMap<>();
    // Interleaved, so that a malformed file in the middle does not stop the ones after it.
    List<Map<String, String>> groups = List.of(valid, invalid, malformed);
    List<List<String>> keys = groups.stream().map(g -> List.copyOf(g.keySet())).toList();
    int longest = keys.stream().mapToInt(List::size).max().orElse(0);
    for (int i = 0; i < longest; i++) {
      for (int g = 0; g < groups.size(); g++) {
        if (i < keys.get(g).size()) {
          String key = keys.get(g).get(i);
          all.put(key, groups.get(g).get(key));
        }
      }
    }
    return all;
  }

  /**
   * Each actual line equals its expected line, or starts with it where the expectation ends in
   * {@code …} (reasons that carry a computed hash or a parser's wording).
   */
  private static void assertLines(List<String> actual, Map<String, String> files) {
    List<String> expected = List.copyOf(files.values());
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      String line = expected.get(i);
      if (line.endsWith("…")) {
        assertThat(actual.get(i)).startsWith(line.substring(0, line.length() - 1));
      } else {
        assertThat(actual.get(i)).isEqualTo(line);
      }
    }
  }

  private record Run(int code, List<String> lines) {}

  private Run run(Iterable<String> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>();
    files.forEach(args::add);
    int code =
        VerifyProofCommand.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return new Run(code, Stream.of(out.toString(StandardCharsets.UTF_8).split("\n")).toList());
  }

  private Sha256 perfect(long start, int level) {
    return level == 0
        ? leaves.get((int) start)
        : TreeHash.node(perfect(start, level - 1), perfect(start + (1L << (level - 1)), level - 1));
  }
}
