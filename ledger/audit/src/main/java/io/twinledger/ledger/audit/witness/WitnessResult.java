package io.twinledger.ledger.audit.witness;

import io.twinledger.contracts.merkle.LogCheckpoint;
import io.twinledger.contracts.merkle.NoteSignature;

/**
 * What a witness answered an {@link AddCheckpoint} request, each with the C2SP tlog-witness HTTP
 * status it maps to.
 */
public sealed interface WitnessResult {

  /**
   * 200: the checkpoint is consistent with the last one cosigned for its origin (or the first), the
   * witness's state now is this checkpoint, and it cosigned it.
   *
   * @param checkpoint the cosigned checkpoint
   * @param cosignature the witness's cosignature/v1 line on it
   */
  record Cosigned(LogCheckpoint checkpoint, NoteSignature cosignature) implements WitnessResult {}

  /**
   * 409, body {@code <size>\n} as {@code text/x.tlog.size}: the request's old size is not the size
   * the witness last cosigned for the origin; the client retries from that size.
   *
   * @param cosignedSize the size of the latest checkpoint cosigned for the origin, 0 if none
   */
  record Conflict(long cosignedSize) implements WitnessResult {}

  /**
   * 409 (same size, another root) or 422 (the consistency proof does not verify): a checkpoint the
   * log signed that contradicts the one the witness cosigned. Refused, and recorded as evidence.
   *
   * @param fork what was recorded
   */
  record Forked(WitnessFork fork) implements WitnessResult {}

  /**
   * 404, 403 or 400: the request was not considered; nothing was recorded.
   *
   * @param refusal which, as a code
   * @param reason the same for people
   */
  record Rejected(Refusal refusal, String reason) implements WitnessResult {}

  /** Why a request was not considered. */
  enum Refusal {
    /** 404: the witness trusts no key for the checkpoint's origin. */
    UNKNOWN_LOG(404),
    /** 403: no signature by a trusted key of the origin verifies, or one names it but fails. */
    BAD_SIGNATURE(403),
    /** 400: the body, the note or the checkpoint is malformed, or the old size is too large. */
    MALFORMED(400);

    private final int status;

    Refusal(int status) {
      this.status = status;
    }

    /** The HTTP status the spec gives it. */
    public int status() {
      return status;
    }
  }
}
