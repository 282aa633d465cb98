package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.LogCheckpoint;
import io.twinledger.contracts.merkle.NoteSigner;
import io.twinledger.contracts.merkle.NoteVerifier;
import io.twinledger.contracts.merkle.SignedNote;
import java.time.Clock;

/**
 * Gives each stored checkpoint of a log its C2SP tlog-checkpoint signed note: the text {@code
 * <origin>\n<size>\n<base64 root>\n}, no extension lines, signed with the log operator's Ed25519
 * note key, whose key name is the origin (so that a client's {@link
 * io.twinledger.contracts.merkle.WitnessQuorum} accepts it). The note states the size and root of
 * the ECDSA checkpoint beside it; its own timestamp is not part of a tlog checkpoint.
 *
 * <p>TwinLedger names origins {@value #ORIGIN_PREFIX}{@code <log id>} unless configured otherwise.
 */
public final class CheckpointNotary {

  /** What a TwinLedger log's origin starts with by default, before the log id. */
  public static final String ORIGIN_PREFIX = "twinledger.example/audit/";

  private final NoteSigner signer;
  private final CheckpointNotes notes;
  private final Clock clock;

  public CheckpointNotary(NoteSigner signer, CheckpointNotes notes, Clock clock) {
    this.signer = signer;
    this.notes = notes;
    this.clock = clock;
  }

  /** The default origin of the log named {@code logId}. */
  public static String defaultOrigin(String logId) {
    return ORIGIN_PREFIX + logId;
  }

  /** The log's origin: its note key's name. */
  public String origin() {
    return signer.verifier().name();
  }

  /** The log's note key, as witnesses and clients are configured with it. */
  public NoteVerifier key() {
    return signer.verifier();
  }

  /** The signed note of {@code checkpoint}'s size and root. */
  public SignedNote note(Checkpoint checkpoint) {
    return SignedNote.sign(
        new LogCheckpoint(origin(), checkpoint.treeSize(), checkpoint.root()).text(), signer);
  }

  /**
   * Signs and stores the note of every stored checkpoint that has none, smallest first: the one
   * just taken, and those taken before notes were kept or while storing one failed.
   *
   * @return how many were stored
   */
  public int notePending() {
    int stored = 0;
    for (Checkpoint checkpoint : notes.unnoted()) {
      if (notes.store(note(checkpoint), clock.instant())) {
        stored++;
      }
    }
    return stored;
  }
}
