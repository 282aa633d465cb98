package io.twinledger.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointTest {

  private static final Sha256 ROOT =
      Sha256.fromHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  @Test
  void signedContentIsTheDocumentedText() {
    Checkpoint checkpoint =
        new Checkpoint("riverton-audit", 8, ROOT, Instant.parse("2026-11-21T10:15:30.123456Z"));

    assertThat(new String(checkpoint.signedContent(), StandardCharsets.UTF_8))
        .isEqualTo(
            "twinledger-checkpoint/v1\nriverton-audit\n8\n"
                + "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n"
                + "2026-11-21T10:15:30.123Z\n");
  }

  @Test
  void refusesLogIdsThatCouldForgeLines() {
    assertThatThrownBy(() -> new Checkpoint("a\n9", 1, ROOT, Instant.EPOCH))
        .hasMessageStartingWith("a log id is 1 to 64 characters");
    assertThatThrownBy(() -> new Checkpoint("", 1, ROOT, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("log", -1, ROOT, Instant.EPOCH))
        .hasMessage("a tree size must not be negative: -1");
  }
}
