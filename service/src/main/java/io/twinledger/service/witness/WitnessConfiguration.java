package io.twinledger.service.witness;

import io.twinledger.contracts.merkle.CheckpointCosigner;
import io.twinledger.contracts.merkle.NoteSigner;
import io.twinledger.contracts.merkle.NoteVerifier;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointNotary;
import io.twinledger.ledger.audit.CheckpointNotes;
import io.twinledger.ledger.audit.NoteKeyEndorsement;
import io.twinledger.ledger.audit.witness.CosignatureCollector;
import io.twinledger.ledger.audit.witness.Witness;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import io.twinledger.service.TwinLedgerProperties;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Witnessed checkpoints: the log's C2SP checkpoint notes and, unless {@code
 * twinledger.audit.witness.enabled=false}, the Independent Auditor's witness in the service and the
 * collection of its cosignatures after each checkpoint ({@code AuditJobs}).
 *
 * <p>Keys (Ed25519, made once and kept, see {@link NoteKeyFiles}): the log's note key in {@code
 * <data-dir>/audit/note-key}, named by the log's origin; the witness's in {@code
 * <data-dir>/witness/key}, named {@code twinledger.audit.witness.name}. Beside the ECDSA checkpoint
 * key in {@code <data-dir>/audit} and the MSPs in {@code <data-dir>/fabric}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WitnessProperties.class)
public class WitnessConfiguration {

  private static final String ENABLED = "twinledger.audit.witness.enabled";

  @Bean
  CheckpointNotes checkpointNotes(DataSource dataSource, AuditLog auditLog) {
    return new CheckpointNotes(dataSource, auditLog.logId());
  }

  /** Signs each checkpoint's note with the log's note key, named by the log's origin. */
  @Bean
  CheckpointNotary checkpointNotary(
      CheckpointNotes notes,
      AuditLog auditLog,
      WitnessProperties properties,
      TwinLedgerProperties service) {
    String origin =
        properties.origin().orElseGet(() -> CheckpointNotary.defaultOrigin(auditLog.logId()));
    KeyPair keys = NoteKeyFiles.loadOrCreate(keyDirectory(service, "audit", "note-key"));
    return new CheckpointNotary(NoteSigner.of(origin, keys), notes, Clock.systemUTC());
  }

  /** The Independent Auditor's witness, trusting the log's note key. */
  @Bean
  @ConditionalOnProperty(name = ENABLED, havingValue = "true", matchIfMissing = true)
  Witness auditorWitness(
      DataSource dataSource,
      CheckpointNotary notary,
      WitnessProperties properties,
      TwinLedgerProperties service) {
    CheckpointCosigner cosigner =
        CheckpointCosigner.of(
            properties.name(), NoteKeyFiles.loadOrCreate(keyDirectory(service, "witness", "key")));
    return new Witness(dataSource, cosigner, List.of(notary.key()), Clock.systemUTC());
  }

  @Bean
  @ConditionalOnProperty(name = ENABLED, havingValue = "true", matchIfMissing = true)
  CosignatureCollector cosignatureCollector(
      AuditLog auditLog,
      CheckpointNotes notes,
      CheckpointNotary notary,
      Witness auditorWitness,
      WitnessProperties properties) {
    return new CosignatureCollector(
        auditLog,
        notes,
        notary.key(),
        List.of(auditorWitness),
        properties.quorum(),
        Clock.systemUTC());
  }

  /**
   * The log's note key endorsed by the ledger client identity (the log operator's, which also signs
   * the ECDSA checkpoints), and the witness's key by its organisation's client identity.
   */
  @Bean
  NoteKeyEndorsements noteKeyEndorsements(
      CheckpointNotary notary,
      ObjectProvider<Witness> witness,
      ObjectProvider<MspIdentity> ledgerClientIdentity,
      ObjectProvider<MspDirectory> msps,
      WitnessProperties properties) {
    Optional<NoteKeyEndorsement> log =
        Optional.ofNullable(ledgerClientIdentity.getIfAvailable())
            .map(identity -> endorse(notary.key(), identity));
    Optional<NoteKeyEndorsement> witnessKey =
        Optional.ofNullable(witness.getIfAvailable())
            .flatMap(
                w ->
                    Optional.ofNullable(msps.getIfAvailable())
                        .flatMap(directory -> directory.organisation(properties.mspId()))
                        .map(org -> endorse(w.key(), org.identity(NodeOu.CLIENT))));
    return new NoteKeyEndorsements(log, witnessKey);
  }

  private static NoteKeyEndorsement endorse(NoteVerifier key, MspIdentity identity) {
    return NoteKeyEndorsement.sign(
        key, identity.mspId(), identity.privateKey(), identity.certificate());
  }

  private static Path keyDirectory(TwinLedgerProperties service, String... path) {
    return Path.of(service.dataDir().toAbsolutePath().toString(), path);
  }
}
