package io.twinledger.service.audit;

import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointAnchor;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.audit.CheckpointNotary;
import io.twinledger.ledger.audit.CheckpointSigner;
import io.twinledger.ledger.audit.Checkpointer;
import io.twinledger.ledger.audit.DomainEventFeed;
import io.twinledger.ledger.audit.IntegrityCheck;
import io.twinledger.ledger.audit.LeafScan;
import io.twinledger.ledger.audit.LogWatch;
import io.twinledger.ledger.audit.ReadingBatchLeaf;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.service.TwinLedgerProperties;
import io.twinledger.twin.reading.BatchDigestListener;
import io.twinledger.twin.store.ReadingStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Wires the Merkle audit log ({@code io.twinledger.ledger.audit}) on the service's PostgreSQL: the
 * deployment's log ({@code twinledger.audit.log-id}), the twin adapter's batch digests and the
 * event store's events as its leaves, and signed checkpoints.
 *
 * <p><b>Anchoring:</b> checkpoints are anchored through the {@link CheckpointAnchor} bean the
 * ledger configuration provides (the audit-anchor chaincode through the Fabric Gateway). With
 * {@code twinledger.ledger.mode=none} there is none: checkpoints stay unanchored and the API
 * answers {@code "anchor": null}.
 *
 * <p><b>Notes:</b> with the {@link CheckpointNotary} the witness configuration provides, each
 * checkpoint also gets its C2SP signed note ({@code io.twinledger.service.witness}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

  /**
   * A {@link Sha256} in JSON is its 64 lower-case hex digits, as every hash the audit API writes:
   * the digests inside a leaf's decoded fields among them. Registered once, for the application's
   * mapper and so for the API's converter built from it.
   */
  @Bean
  JacksonModule sha256AsHex() {
    return new SimpleModule("sha256-hex")
        .addSerializer(
            Sha256.class,
            new StdSerializer<>(Sha256.class) {
              @Override
              public void serialize(
                  Sha256 digest, JsonGenerator generator, SerializationContext context) {
                generator.writeString(digest.hex());
              }
            });
  }

  /** Created after the migrations: opening the log writes its row. */
  @Bean
  @DependsOnDatabaseInitialization
  AuditLog auditLog(DataSource dataSource, AuditProperties properties) {
    return AuditLog.open(dataSource, properties.logId());
  }

  @Bean
  CheckpointBook checkpointBook(DataSource dataSource, AuditLog auditLog) {
    return new CheckpointBook(dataSource, auditLog.logId());
  }

  /**
   * The operator's signing key: the configured PEM files; else the ledger client identity, since
   * the audit-anchor chaincode accepts only checkpoints signed by their submitter; else, with no
   * ledger, a local key.
   */
  @Bean
  CheckpointSigner checkpointSigner(
      AuditProperties properties,
      TwinLedgerProperties service,
      ObjectProvider<MspIdentity> ledgerClientIdentity) {
    AuditProperties.Signer signer = properties.signer();
    if (signer.key().isPresent() != signer.certificate().isPresent()) {
      throw new IllegalStateException(
          "twinledger.audit.signer.key and twinledger.audit.signer.certificate go together");
    }
    if (signer.key().isPresent()) {
      return OperatorKey.fromFiles(signer.keyFile().get(), signer.certificateFile().get());
    }
    MspIdentity identity = ledgerClientIdentity.getIfAvailable();
    if (identity != null) {
      return new CheckpointSigner(identity.privateKey(), identity.certificate());
    }
    return OperatorKey.local(
        service.dataDir().resolve("audit").toAbsolutePath(), properties.logId());
  }

  /** Re-derives the leaves of stored reading batches and events; stepped by {@link AuditJobs}. */
  @Bean
  LeafScan leafScan(AuditLog auditLog, ReadingStore readings, StoredEvents events, DataSource db) {
    return new LeafScan(
        auditLog,
        List.of(new StoredRecords.Batches(readings), new StoredRecords.Events(events, db)),
        Clock.systemUTC());
  }

  @Bean
  LogWatch logWatch(IntegrityCheck integrityCheck) {
    return new LogWatch(integrityCheck, Clock.systemUTC());
  }

  @Bean
  Checkpointer checkpointer(
      AuditLog auditLog,
      CheckpointBook book,
      CheckpointSigner signer,
      ObjectProvider<CheckpointAnchor> anchor,
      ObjectProvider<CheckpointNotary> notary,
      LogWatch watch) {
    return new Checkpointer(
        auditLog,
        book,
        signer,
        Optional.ofNullable(anchor.getIfAvailable()),
        Optional.ofNullable(notary.getIfAvailable()),
        watch,
        Clock.systemUTC());
  }

  @Bean
  StoredEvents storedEvents(DataSource dataSource) {
    return new StoredEvents(dataSource);
  }

  @Bean
  DomainEventFeed domainEventFeed(
      DataSource dataSource, StoredEvents events, AuditLog auditLog, AuditProperties properties) {
    return new DomainEventFeed(
        dataSource,
        new StoredEventLeaves(events),
        auditLog,
        properties.eventBatch(),
        properties.gapTimeout(),
        Clock.systemUTC());
  }

  @Bean
  IntegrityCheck integrityCheck(DataSource dataSource, AuditLog auditLog) {
    return new IntegrityCheck(dataSource, auditLog.logId());
  }

  /**
   * Appends each stored reading batch to the log as it is committed. A batch holds the readings of
   * one source. An append that fails is logged with the batch's id and digest: the readings are
   * stored, and the failure is not the sender's to retry.
   */
  @Bean
  BatchDigestListener auditedBatches(AuditLog auditLog) {
    return (batchId, batch) -> {
      ReadingBatchLeaf leaf = StoredRecords.leaf(batchId, batch);
      try {
        auditLog.append(List.of(leaf));
      } catch (RuntimeException e) {
        log.error(
            "Reading batch {} (sha256 {}) is stored but not in audit log {}",
            batchId,
            batch.digestHex(),
            auditLog.logId(),
            e);
      }
    };
  }
}
