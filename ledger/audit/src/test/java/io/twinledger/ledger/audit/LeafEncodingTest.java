package io.twinledger.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.contracts.merkle.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LeafEncodingTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void aReadingBatchLeafIsEncodedExactlyAsDocumented() {
    Sha256 digest = Sha256.digest("readings".getBytes(StandardCharsets.UTF_8));
    ReadingBatchLeaf leaf = new ReadingBatchLeaf(42, "mqtt:ü", 3, digest);

    String tag = "twinledger-leaf/reading-batch/v1";
    String expected =
        "%08x".formatted(tag.length())
            + HEX.formatHex(tag.getBytes(StandardCharsets.US_ASCII))
            + "000000000000002a"
            + "00000007"
            + HEX.formatHex("mqtt:ü".getBytes(StandardCharsets.UTF_8))
            + "0000000000000003"
            + digest.hex();
    assertThat(HEX.formatHex(leaf.data())).isEqualTo(expected);
    assertThat(AuditLeaf.decode(leaf.data())).isEqualTo(leaf);
  }

  @Test
  void aDomainEventLeafDigestsThePayloadBytesAsStored() {
    byte[] payload = "{\"assetId\":\"a\"}".getBytes(StandardCharsets.UTF_8);
    DomainEventLeaf leaf =
        DomainEventLeaf.of(
            7,
            "e-1",
            "InfrastructureAsset",
            "a",
            0,
            "x.AssetRegistered",
            "2026-01-01T00:00:00Z",
            payload,
            null);
    payload[2] ^= 1;
    DomainEventLeaf changed =
        DomainEventLeaf.of(
            7,
            "e-1",
            "InfrastructureAsset",
            "a",
            0,
            "x.AssetRegistered",
            "2026-01-01T00:00:00Z",
            payload,
            null);

    assertThat(leaf.metaDataDigest()).isEqualTo(Sha256.digest(new byte[0]));
    assertThat(changed.hash()).isNotEqualTo(leaf.hash());
    assertThat(AuditLeaf.decode(leaf.data())).isEqualTo(leaf);
    assertThat(leaf.reference()).isEqualTo(7);
  }

  @Test
  void dataThatIsNotALeafIsRefusedWithTheReason() {
    byte[] good = new ReadingBatchLeaf(1, "s", 1, Sha256.digest(new byte[0])).data();
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
    byte[] shorter = java.util.Arrays.copyOf(good, good.length - 1);

    assertThatThrownBy(() -> AuditLeaf.decode(longer)).hasMessageContaining("1 bytes after");
    assertThatThrownBy(() -> AuditLeaf.decode(shorter)).hasMessageContaining("needs 32 more");
    assertThatThrownBy(
            () -> AuditLeaf.decode(new LeafBytes.Writer().text("twinledger-leaf/x/v9").bytes()))
        .hasMessageContaining("unknown tag 'twinledger-leaf/x/v9'");
  }

  @Test
  void kindsAreNamedByLabel() {
    assertThat(LeafKind.ofLabel("domain-event")).isEqualTo(LeafKind.DOMAIN_EVENT);
    assertThatThrownBy(() -> LeafKind.ofLabel("event"))
        .hasMessage("unknown leaf kind 'event'; known: [reading-batch, domain-event]");
  }
}
