package io.twinledger.reporting.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The strict bundle reader on a real demo bundle: what the service writes reads back equal, and
 * each way of breaking the format is refused with the path of the field at fault.
 */
class EvidenceJsonTest {

  /** The demo bundle as the writer writes it (indented), the form the edits below expect. */
  private static final String DEMO = demoBundle();

  /**
   * A demo bundle of the earlier format, exported before batch digests covered flags, compact as it
   * was exported.
   */
  private static final String DEMO_V1 = gunzipped("/evidence/demo-bundle-v1.json.gz");

  @Test
  void whatTheWriterWritesReadsBackEqual() throws Exception {
    EvidenceBundle bundle = EvidenceJson.read(bytes(DEMO));

    assertThat(bundle.batches()).isNotEmpty();
    assertThat(bundle.event()).isPresent();
    assertThat(EvidenceJson.read(EvidenceJson.write(bundle))).isEqualTo(bundle);
  }

  @Test
  void anAbsentOrNullEventAndValueReadAsEmpty() throws Exception {
    EvidenceBundle bundle = EvidenceJson.read(bytes(DEMO));
    EvidenceBundle without =
        new EvidenceBundle(
            bundle.format(),
            bundle.exportedAt(),
            new EvidenceBundle.Period(
                bundle.period().assetId(),
                bundle.period().kpiId(),
                bundle.period().periodKind(),
                bundle.period().periodStart(),
                bundle.period().periodEnd(),
                bundle.period().revision(),
                Optional.empty(),
                bundle.period().unit(),
                bundle.period().readingCount(),
                bundle.period().batchDigests(),
                bundle.period().closedAt()),
            Optional.empty(),
            bundle.batches(),
            bundle.corrections(),
            bundle.checkpoint(),
            bundle.anchor(),
            bundle.certificates());

    String written = new String(EvidenceJson.write(without), StandardCharsets.UTF_8);

    assertThat(written).contains("\"event\" : null");
    assertThat(EvidenceJson.read(bytes(written))).isEqualTo(without);
    assertThat(EvidenceJson.read(bytes(written.replace("\"event\" : null,", ""))))
        .isEqualTo(without);
  }

  @Test
  void eachBreakNamesTheFieldAtFault() {
    refused("", "not a JSON object");
    refused("[]", "not a JSON object");
    refused(DEMO.substring(0, DEMO.length() / 2), "not JSON: ");
    refused(DEMO + " {}", "not JSON: trailing content after the object");
    refused(
        DEMO.replace("\"twinledger-evidence/v2\"", "\"twinledger-evidence/v0\""),
        "not a twinledger-evidence/v3, twinledger-evidence/v2 or twinledger-evidence/v1 bundle"
            + " (field \"format\")");
    refused(
        DEMO.replaceFirst("\"encoding\" : \"[^\"]*\",", ""),
        "missing field \"batches[0].encoding\"");
    refused(
        DEMO.replaceFirst(",\\s*\"flags\" : \\[[^\\]]*\\]", ""),
        "missing field \"batches[0].readings[0].flags\"");
    refused(
        DEMO.replaceFirst("\"flags\" : \\[", "\"flags\" : [ 7, "),
        "batches[0].readings[0].flags[0] is not a string");
    refused(DEMO.replaceFirst("\\{", "{ \"note\" : 1,"), "unknown field \"note\"");
    refused(
        DEMO.replaceFirst("\"batchId\" : (\\d+),", "\"batchId\" : $1, \"batchId\" : $1,"),
        "duplicate field \"batchId\"");
    refused(
        DEMO.replaceFirst("\"sensorId\" : \"[^\"]*\",", ""),
        "missing field \"batches[0].readings[0].sensorId\"");
    refused(
        DEMO.replaceFirst("\"value\" : \"([^\"]*)\",", "\"value\" : $1,"),
        "field \"period.value\" is not a string");
    refused(
        DEMO.replaceFirst("\"originalValue\" : \"([^\"]*)\",", "\"originalValue\" : $1,"),
        "field \"batches[0].readings[0].originalValue\" is not a string");
    refused(
        DEMO.replaceFirst("\"batchId\" : (\\d+),", "\"batchId\" : $1.0,"),
        "field \"batches[0].batchId\" is not an integer: ");
    refused(
        DEMO.replaceFirst("\"batchId\" : (\\d+),", "\"batchId\" : \"$1\","),
        "field \"batches[0].batchId\" is not a number");
    refused(
        DEMO.replaceFirst("\"treeSize\" : (\\d+),", "\"treeSize\" : 9223372036854775808,"),
        "field \"checkpoint.treeSize\" is out of range: 9223372036854775808");
    refused(
        DEMO.replaceFirst("\"revision\" : (\\d+),", "\"revision\" : 4294967296,"),
        "field \"period.revision\" is out of range: 4294967296");
    refused(
        DEMO.replaceFirst("\"headers\" : \\[", "\"headers\" : [ 7, "),
        "anchor.headers[0] is not an object");
    refused(
        DEMO.replaceFirst("\"proof\" : \\[", "\"proof\" : [ 7, "),
        "event.leaf.proof[0] is not a string");
    refused(
        DEMO.replaceFirst("\"checkpoint\" : \\{", "\"checkpoint\" : { \"x\" : 1,"),
        "unknown field \"checkpoint.x\"");
  }

  @Test
  void aVersion1BundleReadsAsBatchesOfEncodingV1WithoutFlags() throws Exception {
    EvidenceBundle bundle = EvidenceJson.read(bytes(DEMO_V1));

    assertThat(bundle.format()).isEqualTo(EvidenceBundle.FORMAT_V1);
    assertThat(bundle.batches())
        .isNotEmpty()
        .allSatisfy(
            batch -> {
              assertThat(batch.encoding()).isEqualTo("twinledger-readings-v1");
              assertThat(batch.readings()).allSatisfy(r -> assertThat(r.flags()).isEmpty());
            });
    assertThat(EvidenceJson.read(bytes(DEMO)).batches())
        .allSatisfy(batch -> assertThat(batch.encoding()).isEqualTo("twinledger-readings-v2"));
  }

  @Test
  void aVersion1BundleHasNeitherEncodingNorFlags() {
    refused(
        DEMO_V1.replaceFirst("\"batchId\":(\\d+),", "\"batchId\":$1,\"encoding\":\"x\","),
        "unknown field \"batches[0].encoding\"");
    refused(
        DEMO_V1.replaceFirst("\"sensorId\":", "\"flags\":[],\"sensorId\":"),
        "unknown field \"batches[0].readings[0].flags\"");
  }

  private static void refused(String json, String reason) {
    assertThatThrownBy(() -> EvidenceJson.read(bytes(json)))
        .isInstanceOf(EvidenceJson.Malformed.class)
        .hasMessageStartingWith(reason);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String demoBundle() {
    try {
      return new String(
          EvidenceJson.write(EvidenceJson.read(bytes(gunzipped("/evidence/demo-bundle.json.gz")))),
          StandardCharsets.UTF_8);
    } catch (EvidenceJson.Malformed e) {
      throw new AssertionError("the demo bundle does not read", e);
    }
  }

  private static String gunzipped(String resource) {
    try (InputStream in =
        new GZIPInputStream(EvidenceJsonTest.class.getResourceAsStream(resource))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
