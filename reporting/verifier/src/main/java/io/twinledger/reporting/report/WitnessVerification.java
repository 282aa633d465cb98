package io.twinledger.reporting.report;

import io.twinledger.contracts.merkle.LogCheckpoint;
import io.twinledger.contracts.merkle.NoteVerifier;
import io.twinledger.contracts.merkle.QuorumCheck;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.SignedNote;
import io.twinledger.contracts.merkle.WitnessQuorum;
import io.twinledger.ledger.audit.NoteKeyEndorsement;
import io.twinledger.network.Consortium;
import io.twinledger.network.org.OrgRole;
import io.twinledger.network.org.Organisation;
import io.twinledger.reporting.evidence.AnchoredCheckpoint;
import io.twinledger.reporting.evidence.Base64Text;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Pem;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a report bundle's witnessed checkpoint (c2sp.org/tlog-checkpoint, tlog-cosignature), with
 * trust taken only from the channel members' CAs and the consortium's roles.
 *
 * <ul>
 *   <li>{@code note}: the note is a checkpoint whose size and root are the anchored checkpoint's,
 *       and the log's note key is endorsed by the organisation that signed that checkpoint.
 *   <li>{@code witness <name>}, one per witness key: endorsed by an organisation that holds the
 *       {@code auditor} role.
 *   <li>{@code quorum}: {@link WitnessQuorum#check} of the note, with the log's key and the witness
 *       keys that passed, is met for the quorum asked for.
 * </ul>
 *
 * Endorsements are checked at the anchored checkpoint's time.
 */
final class WitnessVerification {

  private WitnessVerification() {}

  static List<Finding> verify(
      AnchoredCheckpoint anchored,
      Optional<ReportBundle.Witnessed> witnessed,
      Consortium consortium,
      int quorum) {
    EvidenceBundle.SignedCheckpoint cp = anchored.checkpoint();
    String tree = cp.logId() + "@" + cp.treeSize();
    if (witnessed.isEmpty()) {
      return List.of(
          Finding.failed("note", "the bundle holds no witnessed note of checkpoint " + tree),
          Finding.failed("quorum", "no note, so none of the " + quorum + " cosignatures required"));
    }
    ReportBundle.Witnessed w = witnessed.get();
    Instant at;
    try {
      at = Instant.parse(cp.timestamp());
    } catch (DateTimeParseException e) {
      at = Instant.EPOCH;
    }
    List<Finding> findings = new ArrayList<>();
    SignedNote note;
    LogCheckpoint checkpoint;
    try {
      note = SignedNote.parse(w.note());
      checkpoint = LogCheckpoint.parse(note.text());
    } catch (IllegalArgumentException e) {
      return List.of(
          Finding.malformed("note", e.getMessage()),
          Finding.failed("quorum", "no readable note to count cosignatures on"));
    }
    Optional<NoteVerifier> logKey = Optional.empty();
    Finding noteFinding;
    Optional<String> differs = differences(checkpoint, cp);
    if (differs.isPresent()) {
      noteFinding = Finding.failed("note", differs.get());
    } else {
      Endorsed log = endorsed(w.log(), cp.signerMsp(), anchored, at);
      noteFinding =
          switch (log) {
            case Endorsed.Key(NoteVerifier key, String by) -> {
              logKey = Optional.of(key);
              yield Finding.ok(
                  "note",
                  checkpoint.origin()
                      + " at size "
                      + checkpoint.size()
                      + ", the anchored checkpoint's root; log key "
                      + key.name()
                      + "+"
                      + key.keyIdHex()
                      + " endorsed by "
                      + by);
            }
            case Endorsed.Not(boolean malformed, String reason) ->
                malformed
                    ? Finding.malformed("note", "the log key's endorsement: " + reason)
                    : Finding.failed("note", "the log key's endorsement: " + reason);
          };
    }
    findings.add(noteFinding);
    Set<String> auditors =
        consortium.organisationsWith(OrgRole.AUDITOR).stream()
            .map(Organisation::mspId)
            .collect(Collectors.toSet());
    Set<NoteVerifier> witnesses = new HashSet<>();
    for (ReportBundle.KeyEndorsement endorsement : w.witnesses()) {
      String item = "witness " + endorsement.vkey().split("\\+", 2)[0];
      if (!auditors.contains(endorsement.mspId())) {
        findings.add(
            Finding.failed(
                item,
                "endorsed by "
                    + endorsement.mspId()
                    + ", which holds no auditor role in the consortium "
                    + auditors));
        continue;
      }
      findings.add(
          switch (endorsed(endorsement, endorsement.mspId(), anchored, at)) {
            case Endorsed.Key(NoteVerifier key, String by) -> {
              witnesses.add(key);
              yield Finding.ok(
                  item,
                  "cosignature key " + key.keyIdHex() + " endorsed by " + by + ", an auditor");
            }
            case Endorsed.Not(boolean malformed, String reason) ->
                malformed ? Finding.malformed(item, reason) : Finding.failed(item, reason);
          });
    }
    findings.add(quorum(note, logKey, witnesses, quorum, w.witnesses().size()));
    return findings;
  }

  private static Optional<String> differences(
      LogCheckpoint checkpoint, EvidenceBundle.SignedCheckpoint cp) {
    if (checkpoint.size() != cp.treeSize()) {
      return Optional.of(
          "a checkpoint of size "
              + checkpoint.size()
              + ", the anchored checkpoint's is "
              + cp.treeSize());
    }
    Optional<Sha256> root;
    try {
      root = Optional.of(Sha256.fromHex(cp.root()));
    } catch (IllegalArgumentException e) {
      root = Optional.empty();
    }
    if (root.isEmpty() || !root.get().equals(checkpoint.root())) {
      return Optional.of(
          "root " + checkpoint.root().hex() + ", the anchored checkpoint's is " + cp.root());
    }
    return Optional.empty();
  }

  private static Finding quorum(
      SignedNote note,
      Optional<NoteVerifier> log,
      Set<NoteVerifier> witnesses,
      int quorum,
      int given) {
    if (log.isEmpty()) {
      return Finding.failed("quorum", "the log's note key is not trusted, so no note is");
    }
    if (witnesses.isEmpty()) {
      return Finding.failed(
          "quorum",
          "not met — none of the bundle's "
              + given
              + " witness keys is endorsed by an auditor, "
              + quorum
              + " cosignatures required");
    }
    QuorumCheck check;
    try {
      // Counted against the keys at hand, so that a quorum above them says how many cosigned.
      check =
          new WitnessQuorum(log.get(), witnesses, Math.min(quorum, witnesses.size())).check(note);
    } catch (IllegalArgumentException e) {
      return Finding.failed("quorum", e.getMessage());
    }
    return switch (check) {
      case QuorumCheck.Met met when met.cosignatures().size() < quorum ->
          Finding.failed(
              "quorum",
              "not met — "
                  + met.cosignatures().size()
                  + " of the "
                  + quorum
                  + " witnesses required cosigned: "
                  + cosigners(met));
      case QuorumCheck.Met met ->
          Finding.ok(
              "quorum",
              met.cosignatures().size()
                  + " of "
                  + witnesses.size()
                  + " witnesses cosigned, "
                  + quorum
                  + " required: "
                  + cosigners(met));
      case QuorumCheck.NotMet(String reason) -> Finding.failed("quorum", "not met — " + reason);
    };
  }

  private static String cosigners(QuorumCheck.Met met) {
    return met.cosignatures().stream()
        .map(c -> c.witness().name() + " at " + c.time())
        .collect(Collectors.joining(", "));
  }

  /** Whether an endorsement makes its key trusted, and by whom. */
  private sealed interface Endorsed {
    record Key(NoteVerifier key, String by) implements Endorsed {}

    record Not(boolean malformed, String reason) implements Endorsed {}
  }

  private static Endorsed endorsed(
      ReportBundle.KeyEndorsement given, String mspId, AnchoredCheckpoint anchored, Instant at) {
    if (!given.mspId().equals(mspId)) {
      return new Endorsed.Not(
          false, "endorsed by " + given.mspId() + ", the checkpoint's signer is " + mspId);
    }
    NoteKeyEndorsement endorsement;
    try {
      endorsement =
          new NoteKeyEndorsement(
              given.vkey(),
              given.mspId(),
              Pem.certificate(given.certificate()),
              Base64Text.decode(given.signature()));
    } catch (IllegalArgumentException e) {
      return new Endorsed.Not(true, e.getMessage());
    }
    Optional<X509Certificate> ca = anchored.caOf(mspId);
    if (ca.isEmpty()) {
      return new Endorsed.Not(false, "the bundle holds no CA certificate of " + mspId);
    }
    return switch (endorsement.check(ca.get(), at)) {
      case NoteKeyEndorsement.Check.Valid(NoteVerifier key) ->
          new Endorsed.Key(
              key,
              mspId + " (" + endorsement.certificate().getSubjectX500Principal().getName() + ")");
      case NoteKeyEndorsement.Check.Invalid(String reason) -> new Endorsed.Not(false, reason);
    };
  }
}
