package io.twinledger.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.reporting.evidence.Verification;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One thousand single-byte edits of a real bundle, each caught and named. The fixture {@code
 * report/demo-report.json.gz} is an attested, witnessed report bundle as the service's {@code
 * ReportApiTest} writes it to {@code service/target/report-bundles/} (copy it from there to
 * regenerate it).
 *
 * <p>Each edit changes one byte inside one string value to another of its class (a hex digit for a
 * hex digit in hashes, a base64 character for one in signatures and blocks, else a digit for a
 * digit and a letter for a letter), so the JSON stays well-formed. The positions are sampled by
 * stratum, the same number in each: raw readings, the report's figures, the proof's hashes, the
 * signatures (issuer's, checkpoint's, the witnessed note) and the blocks (anchoring and report
 * contract transactions). An edited bundle must be refused as malformed, or fail, and a finding
 * that did not pass must name the item whose bytes were edited.
 */
class ReportBundleEditsTest {

  static final String FIXTURE = "/report/demo-report.json.gz";

  private static final int EDITS = 1_000;
  private static final long SEED = 20_251_207L;

  private static final Consortium CONSORTIUM = Consortium.twinLedger();
  private static final String HEX = "0123456789abcdef";
  private static final String BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String DIGITS = "0123456789";
  private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private static byte[] json;
  private static ReportBundle intact;
  private static List<Value> values;

  /** Where edits land, and what the findings must name. */
  enum Stratum {
    READINGS("batches\\[\\d+]\\.readings\\[\\d+]\\..*", null),
    FIGURES("report\\.figures\\[\\d+]\\..*", null),
    PROOFS("proof\\.hashes\\[\\d+]", HEX),
    SIGNATURES("signature\\.signature|checkpoint\\.signature|witnessed\\.note", BASE64),
    BLOCKS("anchor\\.block|attestations\\[\\d+]\\.block", BASE64);

    private final Pattern paths;
    private final String alphabet;

    Stratum(String paths, String alphabet) {
      this.paths = Pattern.compile(paths);
      this.alphabet = alphabet;
    }

    /** The characters {@code c} may become here; empty when it is not to be edited. */
    String classOf(String path, char c) {
      // The note is text: its base64 root and signatures are letters and digits to the edits.
      String given = path.equals("witnessed.note") ? null : alphabet;
      if (given != null) {
        return given.indexOf(c) >= 0 ? given : "";
      }
      return DIGITS.indexOf(c) >= 0 ? DIGITS : LETTERS.indexOf(c) >= 0 ? LETTERS : "";
    }
  }

  /** A string value of the bundle: its path and where its characters are in the bytes. */
  record Value(String path, int start, int end) {}

  @BeforeAll
  static void read() throws Exception {
    try (InputStream in =
        new GZIPInputStream(ReportBundleEditsTest.class.getResourceAsStream(FIXTURE))) {
      json = in.readAllBytes();
    }
    intact = ReportBundleJson.read(json);
    values = new ArrayList<>();
    new Scanner(json, values).value("");
  }

  @Test
  void theFixtureVerifiesWithItsAttestationAndWitness() {
    Verification verification = verifier().verify(intact);

    assertThat(verification.failures()).isEmpty();
    assertThat(verification.findings())
        .extracting(Finding::item)
        .contains("note", "quorum", "ledger issue", "attestation IndependentAuditorMSP");
  }

  @Test
  void everyOneOfAThousandSingleByteEditsIsCaughtAndNamed() throws Exception {
    Random random = new Random(SEED);
    Stratum[] strata = Stratum.values();
    Map<Stratum, int[]> counts = new EnumMap<>(Stratum.class);
    List<String> missed = new ArrayList<>();
    ReportVerifier verifier = verifier();
    for (int n = 0; n < EDITS; n++) {
      Stratum stratum = strata[n % strata.length];
      Edit edit = edit(stratum, random);
      byte[] edited = json.clone();
      edited[edit.position()] = (byte) edit.to();
      int[] count = counts.computeIfAbsent(stratum, s -> new int[3]);
      ReportBundle bundle;
      try {
        bundle = ReportBundleJson.read(edited);
      } catch (StrictJson.Malformed e) {
        count[0]++;
        continue;
      }
      List<Finding> failures = verifier.verify(bundle).failures();
      boolean malformed = failures.stream().anyMatch(f -> f.outcome() == Finding.Outcome.MALFORMED);
      count[malformed ? 1 : 2]++;
      if (failures.stream().noneMatch(names(edit.value().path()))) {
        missed.add(edit + " → " + failures.stream().map(Finding::line).toList());
      }
    }
    System.out.println(
        "Single-byte edits by stratum: refused as malformed JSON / a malformed"
            + " item / a failed item");
    counts.forEach(
        (stratum, c) -> System.out.printf("  %-10s %4d / %4d / %4d%n", stratum, c[0], c[1], c[2]));

    assertThat(missed).as("edits not caught or not named").isEmpty();
    assertThat(counts.values().stream().mapToInt(c -> c[0] + c[1] + c[2]).sum()).isEqualTo(EDITS);
  }

  @Test
  void anEditedKeyIsRefusedAndWhiteSpaceIsHarmless() throws Exception {
    String text = new String(json, StandardCharsets.UTF_8);
    Random random = new Random(SEED);
    List<Integer> keys = new ArrayList<>();
    for (int i = text.indexOf("\":"); i >= 0; i = text.indexOf("\":", i + 1)) {
      keys.add(i - 1);
    }
    ReportVerifier verifier = verifier();
    for (int n = 0; n < 100; n++) {
      int last = keys.get(random.nextInt(keys.size()));
      char c = text.charAt(last);
      String alphabet = LETTERS.indexOf(c) >= 0 ? LETTERS : DIGITS;
      String edited =
          text.substring(0, last) + other(alphabet, c, random) + text.substring(last + 1);
      Optional<ReportBundle> read = readOrEmpty(edited);
      if (read.isPresent()) {
        // Only a figure's parameter names are free; they are the report's, and signed.
        assertThat(verifier.verify(read.get()).failures())
            .as(edited.substring(Math.max(0, last - 40), last + 1))
            .anyMatch(f -> f.item().startsWith("report "));
      }
    }

    String spaced = text.replace(",\"", ", \n  \"").replace("{", "{ ").replace(":[", ": [");
    assertThat(
            verifier
                .verify(ReportBundleJson.read(spaced.getBytes(StandardCharsets.UTF_8)))
                .passed())
        .isTrue();
  }

  /** Whether a finding names the item a value at {@code path} belongs to. */
  private static Predicate<Finding> names(String path) {
    if (path.startsWith("batches[")) {
      int batch = Integer.parseInt(path.substring("batches[".length(), path.indexOf(']')));
      long leaf = intact.batches().get(batch).leaf().index();
      String input =
          "input "
              + intact.report().inputs().stream()
                  .filter(i -> i.auditLeaf().map(Input.AuditLeaf::index).equals(Optional.of(leaf)))
                  .findFirst()
                  .orElseThrow()
                  .id();
      return f ->
          f.item().equals(input) || f.item().startsWith("figure ") && f.detail().contains(input);
    }
    if (path.startsWith("report.") || path.equals("signature.signature")) {
      return f -> f.item().startsWith("report ");
    }
    if (path.startsWith("proof.")) {
      return f -> f.item().equals("proof");
    }
    if (path.equals("checkpoint.signature")) {
      return f -> f.item().startsWith("checkpoint ");
    }
    if (path.startsWith("witnessed.")) {
      return f -> f.item().equals("note") || f.item().equals("quorum");
    }
    if (path.startsWith("anchor.")) {
      return f -> f.item().startsWith("block ") || f.item().startsWith("transaction ");
    }
    if (path.startsWith("attestations[")) {
      return f -> f.item().startsWith("attestation") || f.item().equals("ledger issue");
    }
    throw new IllegalArgumentException("no stratum holds " + path);
  }

  record Edit(Value value, int position, char from, char to) {
    @Override
    public String toString() {
      return value.path() + "@" + (position - value.start()) + " " + from + "→" + to;
    }
  }

  /** A random editable byte of the stratum, all its characters equally likely. */
  private static Edit edit(Stratum stratum, Random random) {
    List<Value> in =
        values.stream().filter(v -> stratum.paths.matcher(v.path()).matches()).toList();
    int total = in.stream().mapToInt(v -> v.end() - v.start()).sum();
    assertThat(total).as("characters in " + stratum).isPositive();
    while (true) {
      int at = random.nextInt(total);
      for (Value v : in) {
        if (at < v.end() - v.start()) {
          int position = v.start() + at;
          char c = (char) json[position];
          String alphabet = stratum.classOf(v.path(), c);
          if (alphabet.isEmpty()) {
            break;
          }
          return new Edit(v, position, c, other(alphabet, c, random));
        }
        at -= v.end() - v.start();
      }
    }
  }

  private static char other(String alphabet, char c, Random random) {
    char to;
    do {
      to = alphabet.charAt(random.nextInt(alphabet.length()));
    } while (to == c);
    return to;
  }

  private static Optional<ReportBundle> readOrEmpty(String text) {
    try {
      return Optional.of(ReportBundleJson.read(text.getBytes(StandardCharsets.UTF_8)));
    } catch (StrictJson.Malformed e) {
      return Optional.empty();
    }
  }

  private static ReportVerifier verifier() {
    return new ReportVerifier(() -> CONSORTIUM);
  }

  /**
   * Finds the string values of compact JSON with their paths, as {@code StrictJson} names them, and
   * the range of their raw bytes between the quotes.
   */
  private static final class Scanner {
    private final byte[] bytes;
    private final List<Value> found;
    private int at;

    Scanner(byte[] bytes, List<Value> found) {
      this.bytes = bytes;
      this.found = found;
    }

    void value(String path) {
      switch (bytes[at]) {
        case '{' -> {
          at++;
          while (bytes[at] != '}') {
            int start = at + 1;
            skipString();
            String name = new String(bytes, start, at - start - 1, StandardCharsets.UTF_8);
            at++; // ':'
            value(path.isEmpty() ? name : path + "." + name);
            if (bytes[at] == ',') {
              at++;
            }
          }
          at++;
        }
        case '[' -> {
          at++;
          for (int i = 0; bytes[at] != ']'; i++) {
            value(path + "[" + i + "]");
            if (bytes[at] == ',') {
              at++;
            }
          }
          at++;
        }
        case '"' -> {
          int start = at + 1;
          skipString();
          found.add(new Value(path, start, at - 1));
        }
        default -> {
          while (",}]".indexOf(bytes[at]) < 0) {
            at++;
          }
        }
      }
    }

    private void skipString() {
      at++;
      while (bytes[at] != '"') {
        at += bytes[at] == '\\' ? 2 : 1;
      }
      at++;
    }
  }
}
