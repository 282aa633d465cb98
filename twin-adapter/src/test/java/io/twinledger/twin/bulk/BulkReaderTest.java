package io.twinledger.twin.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BulkReaderTest {

  @Test
  void csvColumnsMayComeInAnyOrderAndBadLinesAreRejectedByLine() {
    String csv =
        """
        sensor_id,asset_id,kpi_id,observed_at,value,unit_code
        fm-1,dma-1,system-input-volume,2026-01-01T00:00:00Z,12.50,MTQ
        fm-1,dma-1,system-input-volume,yesterday,12.5,MTQ
        fm-1,dma-1,system-input-volume,2026-01-01T00:15:00Z,twelve,MTQ
        fm-1,,system-input-volume,2026-01-01T00:30:00Z,1,MTQ
        "fm,2",dma-1,system-input-volume,2026-01-01T00:45:00Z,1e3,LTR
        """;
    List<BulkChunk> chunks = read(csv, BulkFormat.CSV, 100);

    assertThat(chunks).hasSize(1);
    BulkChunk chunk = chunks.get(0);
    assertThat(chunk.rows()).hasSize(2);
    BulkRow first = chunk.rows().get(0);
    assertThat(first.line()).isEqualTo(2);
    assertThat(first.sensorId()).contains("fm-1");
    assertThat(first.observedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(first.value()).isEqualByComparingTo("12.5");
    assertThat(chunk.rows().get(1).sensorId()).contains("fm,2");
    assertThat(chunk.rows().get(1).value()).isEqualByComparingTo("1000");
    assertThat(chunk.rejections())
        .extracting(BulkRejection::line, BulkRejection::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "observed_at is not an ISO-8601 instant"),
            org.assertj.core.groups.Tuple.tuple(4L, "value is not a decimal number"),
            org.assertj.core.groups.Tuple.tuple(5L, "asset_id is missing"));
    assertThat(chunk.rejections().get(0).raw()).contains("yesterday");
  }

  @Test
  void aCsvWithoutARequiredColumnIsRefusedBeforeAnyRow() {
    assertThatThrownBy(() -> read("asset_id,kpi_id,value\na,b,1\n", BulkFormat.CSV, 10))
        .hasMessage("CSV header lacks column(s) [observed_at]");
  }

  @Test
  void jsonLinesKeepExactDecimals() {
    String lines =
        """
        {"asset_id":"dma-1","kpi_id":"k","sensor_id":"s","observed_at":"2026-01-01T00:00:00Z","value":0.1,"unit_code":"MTQ"}

        not json
        [1,2]
        {"asset_id":"dma-1","kpi_id":"k","sensor_id":"s","observed_at":"2026-01-01T00:01:00Z","value":"2.50","unit_code":"MTQ"}
        """;
    BulkChunk chunk = read(lines, BulkFormat.JSON_LINES, 100).get(0);
    assertThat(chunk.rows())
        .extracting(r -> r.value().toPlainString())
        .containsExactly("0.1", "2.50");
    assertThat(chunk.rows()).extracting(BulkRow::line).containsExactly(1L, 5L);
    assertThat(chunk.rejections()).extracting(BulkRejection::line).containsExactly(3L, 4L);
  }

  @Test
  void aLargeFileIsStreamedInChunksWithGrowingProgress() {
    String header = "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n";
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    List<InputStream> parts = new ArrayList<>();
    parts.add(new ByteArrayInputStream(header.getBytes(StandardCharsets.UTF_8)));
    IntStream.range(0, 25_000)
        .forEach(
            i ->
                parts.add(
                    new ByteArrayInputStream(
                        ("dma-1,k,s," + t0.plusSeconds(i) + "," + i + ",MTQ\n")
                            .getBytes(StandardCharsets.UTF_8))));
    List<BulkChunk> chunks = new ArrayList<>();
    BulkReader.read(
        new SequenceInputStream(Collections.enumeration(parts)),
        BulkFormat.CSV,
        1_000,
        chunks::add);

    assertThat(chunks).hasSize(25);
    assertThat(chunks).allMatch(c -> c.rows().size() == 1_000);
    assertThat(chunks.get(24).rows().get(999).value()).isEqualByComparingTo("24999");
    assertThat(chunks).extracting(BulkChunk::bytesRead).isSorted();
  }

  @Test
  void aLayoutNamesTheColumnsAndSensorAndUnitMayBeAbsent() {
    BulkLayout layout =
        new BulkLayout("meter", "what", "time", "reading", Optional.empty(), Optional.empty());
    List<BulkChunk> chunks = new ArrayList<>();
    BulkReader.read(
        new ByteArrayInputStream(
            "time,meter,reading,what\n2026-01-01T00:00:00Z,dma-1,5,siv\n,dma-1,6,siv\n"
                .getBytes(StandardCharsets.UTF_8)),
        BulkFormat.CSV,
        layout,
        100,
        chunks::add);
    BulkRow row = chunks.get(0).rows().get(0);
    assertThat(row.assetId()).isEqualTo("dma-1");
    assertThat(row.attribute()).isEqualTo("siv");
    assertThat(row.sensorId()).isEmpty();
    assertThat(row.unitCode()).isEmpty();
    assertThat(chunks.get(0).rejections().get(0).reason()).isEqualTo("time is missing");
  }

  @Test
  void theFormatFollowsTheFileName() {
    assertThat(BulkFormat.of(Path.of("/tmp/history.CSV"))).isEqualTo(BulkFormat.CSV);
    assertThat(BulkFormat.of(Path.of("history.ndjson"))).isEqualTo(BulkFormat.JSON_LINES);
    assertThatThrownBy(() -> BulkFormat.of(Path.of("history.xlsx")))
        .hasMessage("history.xlsx: unknown bulk format; use .csv, .jsonl or .ndjson");
  }

  private static List<BulkChunk> read(String text, BulkFormat format, int chunkSize) {
    List<BulkChunk> chunks = new ArrayList<>();
    BulkReader.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        format,
        chunkSize,
        chunks::add);
    return chunks;
  }
}
