package io.twinledger.ledger.audit.witness;

import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.SignedNote;
import java.time.Instant;
import java.util.List;

/**
 * Evidence that a log showed two histories: a checkpoint it signed that contradicts one a witness
 * had cosigned. Both notes carry the log's signature, so the pair convinces anyone who trusts the
 * log's key, without trusting the witness.
 *
 * @param id the record's number at this witness
 * @param witness the witness's key name
 * @param origin the log's origin
 * @param kind how they contradict each other
 * @param cosigned the note the witness had cosigned, as it was submitted
 * @param conflicting the note refused
 * @param oldSize the request's old size
 * @param proof the request's consistency proof
 * @param reason one line that says what did not hold
 * @param detectedAt when the witness refused it
 */
public record WitnessFork(
    long id,
    String witness,
    String origin,
    Kind kind,
    SignedNote cosigned,
    SignedNote conflicting,
    long oldSize,
    List<Sha256> proof,
    String reason,
    Instant detectedAt) {

  public WitnessFork {
    proof = List.copyOf(proof);
  }

  /** How two checkpoints of one log contradict each other. */
  public enum Kind {
    /** The same tree size with another root hash (HTTP 409). */
    SAME_SIZE_OTHER_ROOT(409),
    /** The consistency proof from the cosigned checkpoint does not verify (HTTP 422). */
    INCONSISTENT(422);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    /** The HTTP status the spec gives the refusal. */
    public int status() {
      return status;
    }
  }
}
