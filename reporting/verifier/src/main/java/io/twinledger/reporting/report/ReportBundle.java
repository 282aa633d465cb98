package io.twinledger.reporting.report;

import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.evidence.AnchoredCheckpoint;
import io.twinledger.reporting.evidence.EvidenceBundle;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an auditor needs to check a report offline, format {@value #FORMAT}: the report, the
 * issuer's signature over its canonical bytes, the event that logged its issue, the raw data of
 * every input, one multi-leaf proof that all those leaves are in the log, the anchored checkpoint
 * that states the log's root, that checkpoint's C2SP note as the witnesses cosigned it, and the
 * blocks that hold the report contract's transactions about the report: its issue and each
 * attestation. For inputs written on the ledger rather than logged (market slots), the {@link
 * Market} evidence: their records and the blocks that hold them; the proof names no such input.
 *
 * @param report the report
 * @param signature the issuing organisation's signature over the report's {@link
 *     ReportJson#statement}
 * @param issuance the {@code ReportIssued} event as stored, with its leaf
 * @param batches the reading batches the report's inputs name, with their leaves
 * @param events the events the report's inputs name (periods, definitions, assets, corrections,
 *     terms)
 * @param proof the proof that every leaf above is in the checkpoint's tree
 * @param anchored the checkpoint, its anchoring transaction and block, the members' CAs; the
 *     headers reach back to block 0, or to the block after one the verifier already trusts
 * @param witnessed the anchored checkpoint's signed note with its cosignatures and the endorsements
 *     of the keys that signed it; empty when the deployment keeps no notes
 * @param attestations the report contract's transactions about the report, each with its block: the
 *     issuer's record of it (its issue) first, then each auditor's attestation
 * @param market the market slots' records and blocks, when the report reads market slots
 */
public record ReportBundle(
    Report report,
    IssuerSignature signature,
    EvidenceBundle.Event issuance,
    List<EvidenceBundle.Batch> batches,
    List<EvidenceBundle.Event> events,
    LeafProof proof,
    AnchoredCheckpoint anchored,
    Optional<Witnessed> witnessed,
    List<LedgerTransaction> attestations,
    Optional<Market> market) {

  /** The format tag of a report bundle. */
  public static final String FORMAT = "twinledger-report-bundle/v2";

  public ReportBundle {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(issuance, "issuance");
    batches = List.copyOf(batches);
    events = List.copyOf(events);
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(anchored, "anchored");
    Objects.requireNonNull(witnessed, "witnessed");
    attestations = List.copyOf(attestations);
    Objects.requireNonNull(market, "market");
  }

  /**
   * The evidence of a report's market-slot inputs, as a bill bundle carries it: each slot's
   * clearing as recorded, each block once (the daily batch clears 16 slots in one transaction).
   *
   * @param channel the channel the market runs on
   * @param currency ISO 4217 code of every amount
   * @param terms the market's fee and tariffs, as the ledger holds them
   * @param slots the slots' {@code SlotClearing}s, each once, in time order
   * @param blocks the blocks that hold their clearing transactions, each once
   * @param certificates the channel members' CA certificates, PEM
   */
  public record Market(
      String channel,
      String currency,
      BillBundle.Terms terms,
      List<BillBundle.Clearing> slots,
      List<BillBundle.Block> blocks,
      List<EvidenceBundle.OrgCertificate> certificates) {
    public Market {
      Objects.requireNonNull(channel, "market.channel");
      Objects.requireNonNull(currency, "market.currency");
      Objects.requireNonNull(terms, "market.terms");
      slots = List.copyOf(slots);
      blocks = List.copyOf(blocks);
      certificates = List.copyOf(certificates);
    }
  }

  /**
   * The issuer's signature over the report's statement, which carries its digest.
   *
   * @param mspId the issuing organisation
   * @param certificate the signer's certificate, PEM, issued by the organisation's CA
   * @param signature SHA256withECDSA over {@link ReportJson#statement}'s signed content, base64 DER
   */
  public record IssuerSignature(String mspId, String certificate, String signature) {
    public IssuerSignature {
      Objects.requireNonNull(mspId, "signature.mspId");
      Objects.requireNonNull(certificate, "signature.certificate");
      Objects.requireNonNull(signature, "signature.signature");
    }
  }

  /**
   * A multi-leaf inclusion proof ({@code contracts-merkle}'s {@code MultiInclusionProof}).
   *
   * @param treeSize the tree's size, the checkpoint's
   * @param indices the proven leaves, ascending
   * @param hashes the proof's hashes, hex, in its order
   */
  public record LeafProof(long treeSize, List<Long> indices, List<String> hashes) {
    public LeafProof {
      indices = List.copyOf(indices);
      hashes = List.copyOf(hashes);
    }
  }

  /**
   * The anchored checkpoint as a witnessed C2SP checkpoint note, and why its keys are to be
   * trusted.
   *
   * @param note the signed note of the checkpoint's size (origin, size, base64 root), the log's
   *     signature line and the witnesses' cosignature lines, as encoded
   * @param log the log's note key, endorsed by the organisation that signs the checkpoints
   * @param witnesses each witness's cosignature key, endorsed by an auditor organisation
   */
  public record Witnessed(String note, KeyEndorsement log, List<KeyEndorsement> witnesses) {
    public Witnessed {
      Objects.requireNonNull(note, "witnessed.note");
      Objects.requireNonNull(log, "witnessed.log");
      witnesses = List.copyOf(witnesses);
    }
  }

  /**
   * An organisation's endorsement of a note key ({@code ledger-audit}'s {@code
   * NoteKeyEndorsement}): {@code twinledger-note-key/v1\n<vkey>\n} signed by its identity.
   *
   * @param vkey the note key, as its vkey text
   * @param mspId the endorsing organisation
   * @param certificate the identity that signed, PEM, issued by the organisation's CA
   * @param signature SHA256withECDSA, base64 DER
   */
  public record KeyEndorsement(String vkey, String mspId, String certificate, String signature) {
    public KeyEndorsement {
      Objects.requireNonNull(vkey, "vkey");
      Objects.requireNonNull(mspId, "mspId");
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(signature, "signature");
    }
  }

  /**
   * A report contract transaction and the block that holds it.
   *
   * @param txId the transaction's id
   * @param block the whole block, Fabric {@code common.Block} protobuf bytes, base64
   */
  public record LedgerTransaction(String txId, String block) {
    public LedgerTransaction {
      Objects.requireNonNull(txId, "txId");
      Objects.requireNonNull(block, "block");
    }
  }
}
