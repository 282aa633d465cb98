package io.twinledger.contracts.merkle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client's trust policy for a log's checkpoints (c2sp.org/tlog-checkpoint and
 * c2sp.org/tlog-cosignature): the log's Ed25519 key, the witnesses' cosignature/v1 keys, and how
 * many distinct witnesses must have cosigned.
 *
 * <p>The checkpoint's origin must be the log key's name (the spec says it SHOULD be; this policy
 * makes it so, so one log's key cannot vouch for another origin). No two witnesses may share a
 * public key: a v1 cosignature does not commit to the witness name, so one signature would count
 * twice. Cosignature timestamps are reported, not judged.
 *
 * @param log the log's verifier key, type {@link NoteKeyType#ED25519}
 * @param witnesses trusted witnesses, type {@link NoteKeyType#COSIGNATURE_V1}, distinct keys
 * @param quorum how many must cosign, 1 to the number of witnesses
 */
public record WitnessQuorum(NoteVerifier log, Set<NoteVerifier> witnesses, int quorum) {

  public WitnessQuorum {
    if (log.type() != NoteKeyType.ED25519) {
      throw new IllegalArgumentException("the log's key has type 0x01 (Ed25519): " + log);
    }
    witnesses = Set.copyOf(witnesses);
    List<NoteVerifier> seen = new ArrayList<>();
    for (NoteVerifier witness : witnesses) {
      if (witness.type() != NoteKeyType.COSIGNATURE_V1) {
        throw new IllegalArgumentException(
            "a witness key has type 0x04 (cosignature/v1): " + witness);
      }
      for (NoteVerifier other : seen) {
        if (witness.sameKeyAs(other)) {
          throw new IllegalArgumentException(
              "witnesses " + witness.name() + " and " + other.name() + " share a public key");
        }
      }
      seen.add(witness);
    }
    if (quorum < 1 || quorum > witnesses.size()) {
      throw new IllegalArgumentException(
          "a quorum is 1 to " + witnesses.size() + " witnesses, not " + quorum);
    }
  }

  /**
   * Checks a checkpoint note: its text is a checkpoint of the log's origin, every line naming the
   * log or a witness verifies, the log signed, and at least {@link #quorum} distinct witnesses
   * cosigned (a witness's repeated lines count once; lines of unknown keys are ignored).
   */
  public QuorumCheck check(SignedNote note) {
    LogCheckpoint checkpoint;
    try {
      checkpoint = LogCheckpoint.parse(note.text());
    } catch (IllegalArgumentException e) {
      return new QuorumCheck.NotMet("not a checkpoint: " + e.getMessage());
    }
    if (!checkpoint.origin().equals(log.name())) {
      return new QuorumCheck.NotMet(
          "checkpoint origin " + checkpoint.origin() + " is not the log's, " + log.name());
    }
    Set<NoteVerifier> trusted = new HashSet<>(witnesses);
    trusted.add(log);
    Map<NoteVerifier, NoteSignature> verified;
    switch (note.verify(trusted)) {
      case NoteCheck.Rejected rejected -> {
        return new QuorumCheck.NotMet(rejected.reason());
      }
      case NoteCheck.Verified ok -> verified = ok.signatures();
    }
    if (!verified.containsKey(log)) {
      return new QuorumCheck.NotMet("no signature from the log's key " + log);
    }
    List<Cosignature> cosignatures = new ArrayList<>();
    verified.forEach(
        (key, line) -> {
          if (witnesses.contains(key)) {
            cosignatures.add(new Cosignature(key, Cosignature.timestampOf(line)));
          }
        });
    if (cosignatures.size() < quorum) {
      return new QuorumCheck.NotMet(
          cosignatures.size() + " of the " + quorum + " witnesses required cosigned");
    }
    return new QuorumCheck.Met(checkpoint, cosignatures);
  }
}
