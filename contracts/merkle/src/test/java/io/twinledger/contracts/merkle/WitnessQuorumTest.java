package io.twinledger.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WitnessQuorumTest {

  // c2sp.org/tlog-cosignature, the opening example's witness line, verbatim.
  static final String SOFA_WITNESS_SIG =
      "— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";

  static final String ORIGIN = "riverton.example/audit";
  static final NoteSigner LOG = NoteSigner.generate(ORIGIN);
  static final CheckpointCosigner W1 = CheckpointCosigner.generate("w1.example/witness");
  static final CheckpointCosigner W2 = CheckpointCosigner.generate("w2.example/witness");
  static final CheckpointCosigner W3 = CheckpointCosigner.generate("w3.example/witness");
  static final LogCheckpoint CHECKPOINT = new LogCheckpoint(ORIGIN, 8, LogCheckpointTest.ROOT);
  static final SignedNote NOTE = SignedNote.sign(CHECKPOINT.text(), LOG);

  static WitnessQuorum quorum(int n) {
    return new WitnessQuorum(
        LOG.verifier(), Set.of(W1.verifier(), W2.verifier(), W3.verifier()), n);
  }

  @Test
  void readsTheSpecExamplesCosignatureLayout() {
    SignedNote note =
        SignedNote.parse(
            LogCheckpointTest.SOFA_TEXT + "\n" + LogCheckpointTest.SOFA_LOG_SIG + SOFA_WITNESS_SIG);
    NoteSignature line = note.signatures().get(1);

    assertThat(line.keyIdHex()).isEqualTo("8d66cf3f");
    assertThat(line.signature()).hasSize(72);
    assertThat(Cosignature.timestampOf(line)).isEqualTo(1679315147L);
    // The spec's example signed message for that line.
    assertThat(
            new String(Cosignature.signedMessage(note.text(), 1679315147L), StandardCharsets.UTF_8))
        .isEqualTo(
            "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
                + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
  }

  @Test
  void cosignatureLineIsTimestampThenSignature() throws Exception {
    NoteSignature line = W1.cosign(NOTE, 1_700_000_000L);

    byte[] bytes = line.signature();
    assertThat(line.keyName()).isEqualTo("w1.example/witness");
    assertThat(line.keyId()).isEqualTo(W1.verifier().keyId());
    assertThat(bytes).hasSize(72);
    assertThat(ByteBuffer.wrap(bytes).getLong()).isEqualTo(1_700_000_000L);
    byte[] signature = Arrays.copyOfRange(bytes, 8, 72);
    assertThat(
            Ed25519.verify(
                Ed25519.publicKey(W1.verifier().publicKey()),
                ("cosignature/v1\ntime 1700000000\n" + CHECKPOINT.text())
                    .getBytes(StandardCharsets.UTF_8),
                signature))
        .isTrue();
    assertThat(W1.verifier().vkey()).matches("w1\\.example/witness\\+[0-9a-f]{8}\\+B[A-P].*");
    assertThat(NoteVerifier.parse(W1.verifier().vkey())).isEqualTo(W1.verifier());
  }

  @Test
  void quorumMetWhenEnoughWitnessesCosign() {
    SignedNote note = SignedNote.parse(W2.cosigned(W1.cosigned(NOTE, 100), 200).encode());

    QuorumCheck check = quorum(2).check(note);

    assertThat(check)
        .isEqualTo(
            new QuorumCheck.Met(
                CHECKPOINT,
                List.of(new Cosignature(W1.verifier(), 100), new Cosignature(W2.verifier(), 200))));
    assertThat(((QuorumCheck.Met) check).cosignatures().get(0).time())
        .isEqualTo(Instant.ofEpochSecond(100));
  }

  @Test
  void quorumNotMet() {
    SignedNote note = W1.cosigned(NOTE, 100);

    assertThat(quorum(2).check(note))
        .isEqualTo(new QuorumCheck.NotMet("1 of the 2 witnesses required cosigned"));
    assertThat(quorum(1).check(note).isMet()).isTrue();
  }

  @Test
  void duplicateWitnessCountedOnce() {
    SignedNote twice = W1.cosigned(W1.cosigned(NOTE, 100), 101);
    SignedNote repeated =
        NOTE.withSignature(W1.cosign(NOTE, 100)).withSignature(W1.cosign(NOTE, 100));

    assertThat(quorum(2).check(twice))
        .isEqualTo(new QuorumCheck.NotMet("1 of the 2 witnesses required cosigned"));
    assertThat(quorum(2).check(repeated))
        .isEqualTo(new QuorumCheck.NotMet("1 of the 2 witnesses required cosigned"));
    assertThat(quorum(1).check(twice))
        .isEqualTo(new QuorumCheck.Met(CHECKPOINT, List.of(new Cosignature(W1.verifier(), 100))));
  }

  @Test
  void unknownWitnessIgnored() {
    CheckpointCosigner stranger = CheckpointCosigner.generate("stranger.example/witness");
    CheckpointCosigner impostor = CheckpointCosigner.generate("w2.example/witness");
    SignedNote note = impostor.cosigned(stranger.cosigned(W1.cosigned(NOTE, 100), 100), 100);

    assertThat(quorum(1).check(note).isMet()).isTrue();
    assertThat(quorum(2).check(note))
        .isEqualTo(new QuorumCheck.NotMet("1 of the 2 witnesses required cosigned"));
  }

  @Test
  void cosignatureOverAnotherCheckpointRefused() {
    SignedNote other = SignedNote.sign(new LogCheckpoint(ORIGIN, 9, TreeHash.EMPTY).text(), LOG);
    SignedNote note = W2.cosigned(NOTE, 100).withSignature(W1.cosign(other, 100));

    assertThat(quorum(1).check(note))
        .isEqualTo(
            new QuorumCheck.NotMet(
                "signature line 3: invalid signature for key "
                    + W1.verifier().name()
                    + "+"
                    + W1.verifier().keyIdHex()));
  }

  @Test
  void cosignatureWithAlteredTimestampRefused() {
    NoteSignature line = W1.cosign(NOTE, 100);
    byte[] bytes = line.signature();
    bytes[7] = 101;
    NoteSignature moved = NoteSignature.of(line.keyName(), line.keyId(), bytes);

    assertThat(quorum(1).check(NOTE.withSignature(moved)).isMet()).isFalse();
  }

  @Test
  void logSignatureRequired() {
    SignedNote unsigned = W2.cosigned(new SignedNote(NOTE.text(), List.of(W1.cosign(NOTE, 1))), 2);
    NoteSigner otherLog = NoteSigner.generate(ORIGIN);
    SignedNote forged =
        W2.cosigned(W1.cosigned(SignedNote.sign(CHECKPOINT.text(), otherLog), 1), 2);
    SignedNote badLog =
        new SignedNote(NOTE.text(), List.of(LOG.sign("other\n"))).withSignature(W1.cosign(NOTE, 1));

    assertThat(quorum(2).check(unsigned))
        .isEqualTo(new QuorumCheck.NotMet("no signature from the log's key " + LOG.verifier()));
    assertThat(quorum(2).check(forged))
        .isEqualTo(new QuorumCheck.NotMet("no signature from the log's key " + LOG.verifier()));
    assertThat(quorum(1).check(badLog).isMet()).isFalse();
  }

  @Test
  void checkpointOfAnotherOriginOrNoCheckpointRefused() {
    NoteSigner log = NoteSigner.generate(ORIGIN);
    SignedNote elsewhere =
        SignedNote.sign(new LogCheckpoint("elsewhere.example", 8, TreeHash.EMPTY).text(), log);
    SignedNote prose = SignedNote.sign("hello\n", log);
    WitnessQuorum policy = new WitnessQuorum(log.verifier(), Set.of(W1.verifier()), 1);

    assertThat(policy.check(elsewhere))
        .isEqualTo(
            new QuorumCheck.NotMet(
                "checkpoint origin elsewhere.example is not the log's, " + ORIGIN));
    assertThat(policy.check(prose))
        .isEqualTo(
            new QuorumCheck.NotMet(
                "not a checkpoint: checkpoint text: has 1 lines, not at least 3"));
    assertThatThrownBy(() -> W1.cosign(prose, 1))
        .hasMessage("checkpoint text: has 1 lines, not at least 3");
  }

  @Test
  void refusesBadPolicies() {
    KeyPair shared = Ed25519.generate();
    NoteVerifier a = CheckpointCosigner.of("a.example", shared).verifier();
    NoteVerifier b = CheckpointCosigner.of("b.example", shared).verifier();

    assertThatThrownBy(() -> new WitnessQuorum(LOG.verifier(), Set.of(a, b), 1))
        .hasMessageEndingWith("share a public key");
    assertThatThrownBy(() -> quorum(0)).hasMessage("a quorum is 1 to 3 witnesses, not 0");
    assertThatThrownBy(() -> quorum(4)).hasMessage("a quorum is 1 to 3 witnesses, not 4");
    assertThatThrownBy(() -> new WitnessQuorum(W1.verifier(), Set.of(W2.verifier()), 1))
        .hasMessageStartingWith("the log's key has type 0x01");
    assertThatThrownBy(() -> new WitnessQuorum(LOG.verifier(), Set.of(LOG.verifier()), 1))
        .hasMessageStartingWith("a witness key has type 0x04");
    assertThatThrownBy(() -> W1.cosign(NOTE, -1))
        .hasMessage("a cosignature time must not be negative: -1");
  }
}
