package io.twinledger.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogCheckpointTest {

  // c2sp.org/tlog-checkpoint, the opening example, verbatim.
  static final String SOFA_TEXT =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  static final String SOFA_LOG_SIG =
      "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";

  static final Sha256 ROOT =
      Sha256.of(Base64.getDecoder().decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));

  @Test
  void parsesTheSpecExample() {
    SignedNote note = SignedNote.parse(SOFA_TEXT + "\n" + SOFA_LOG_SIG);
    LogCheckpoint checkpoint = LogCheckpoint.parse(note.text());

    assertThat(checkpoint)
        .isEqualTo(new LogCheckpoint("example.com/behind-the-sofa", 20852163, ROOT));
    assertThat(checkpoint.text()).isEqualTo(SOFA_TEXT);
    assertThat(note.signatures().get(0).keyName()).isEqualTo("example.com/behind-the-sofa");
  }

  @Test
  void roundTripsWithExtensionsAndTheEmptyTree() {
    LogCheckpoint checkpoint =
        new LogCheckpoint("riverton.example/audit", 0, TreeHash.EMPTY, List.of("ext one", "+2"));

    assertThat(checkpoint.text())
        .isEqualTo(
            "riverton.example/audit\n0\n"
                + Base64.getEncoder().encodeToString(TreeHash.EMPTY.bytes())
                + "\next one\n+2\n");
    assertThat(LogCheckpoint.parse(checkpoint.text())).isEqualTo(checkpoint);
  }

  @Test
  void signsAndVerifiesAsANote() {
    NoteSigner log = NoteSigner.generate("riverton.example/audit");
    LogCheckpoint checkpoint = new LogCheckpoint("riverton.example/audit", Long.MAX_VALUE, ROOT);

    SignedNote note = SignedNote.parse(SignedNote.sign(checkpoint.text(), log).encode());

    assertThat(note.verify(Set.of(log.verifier())).isVerified()).isTrue();
    assertThat(LogCheckpoint.parse(note.text())).isEqualTo(checkpoint);
  }

  @Test
  void refusesMalformedText() {
    String root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
    assertRefused("o\n1\n" + root, "checkpoint text does not end in a newline");
    assertRefused("o\n1\n", "checkpoint text: has 2 lines, not at least 3");
    assertRefused("\n1\n" + root + "\n", "checkpoint origin is empty");
    assertRefused(
        "o\n01\n" + root + "\n",
        "checkpoint line 2: tree size is not a decimal without leading zeros: 01");
    assertRefused(
        "o\n00\n" + root + "\n",
        "checkpoint line 2: tree size is not a decimal without leading zeros: 00");
    assertRefused(
        "o\n+1\n" + root + "\n",
        "checkpoint line 2: tree size is not a decimal without leading zeros: +1");
    assertRefused(
        "o\n-1\n" + root + "\n",
        "checkpoint line 2: tree size is not a decimal without leading zeros: -1");
    assertRefused(
        "o\n\n" + root + "\n",
        "checkpoint line 2: tree size is not a decimal without leading zeros: ");
    assertRefused(
        "o\n١\n" + root + "\n",
        "checkpoint line 2: tree size is not a decimal without leading zeros: ١");
    assertRefused(
        "o\n9223372036854775808\n" + root + "\n", "checkpoint line 2: tree size exceeds 2^63 - 1");
    assertRefused(
        "o\n1\n" + root.replace("=", "") + "\n",
        "checkpoint line 3: root hash: bad base64 (not canonical)");
    assertRefused(
        "o\n1\n" + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=" + "\n",
        "checkpoint line 3: root hash: bad base64 (not canonical)");
    assertRefused(
        "o\n1\n" + root.replace("/", "_") + "\n", "checkpoint line 3: root hash: bad base64");
    assertRefused("o\n1\nAAAA\n", "checkpoint line 3: root hash has 3 bytes, not 32");
    assertRefused(
        "o\n1\n" + ROOT.hex() + "\n", "checkpoint line 3: root hash has 48 bytes, not 32");
    assertRefused("o\n1\n" + root + "\n\n", "checkpoint extension line 1 is empty");
    assertRefused("o\n1\n" + root + "\next\n\n", "checkpoint extension line 2 is empty");
    assertRefused("o\t\n1\n" + root + "\n", "checkpoint text contains control character U+0009");
    assertThatThrownBy(() -> new LogCheckpoint("o\n2", 1, ROOT))
        .hasMessage("checkpoint origin contains a newline");
    assertThatThrownBy(() -> new LogCheckpoint("o", -1, ROOT))
        .hasMessage("checkpoint tree size must not be negative: -1");
  }

  private static void assertRefused(String text, String message) {
    assertThatThrownBy(() -> LogCheckpoint.parse(text))
        .as(text)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
