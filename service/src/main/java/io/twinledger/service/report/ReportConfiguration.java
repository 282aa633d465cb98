package io.twinledger.service.report;

import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.audit.CheckpointNotes;
import io.twinledger.ledger.audit.report.FabricReportAttestations;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.ledger.peer.state.TxStatus;
import io.twinledger.ledger.pnl.projection.PnlBook;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import io.twinledger.reporting.compliance.BondReports;
import io.twinledger.reporting.compliance.InvestorStatements;
import io.twinledger.reporting.compliance.MarketLedger;
import io.twinledger.reporting.compliance.PnlReports;
import io.twinledger.reporting.compliance.ReportBundles;
import io.twinledger.reporting.compliance.VillageReports;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportJson;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.evidence.LedgerAnchoring;
import io.twinledger.service.ledger.LedgerConnection;
import io.twinledger.service.ledger.LedgerConnections;
import io.twinledger.service.ledger.LedgerProperties;
import io.twinledger.service.witness.NoteKeyEndorsements;
import io.twinledger.twin.store.ReadingStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

  /** The organisation whose client identity attests reports. */
  static final String AUDITOR_MSP = "IndependentAuditorMSP";

  @Bean
  BondReports bondReports(
      Bonds bonds,
      KpiPeriods periods,
      StoredEvents events,
      ReadingStore readings,
      AuditLog auditLog,
      EvidenceExport evidence,
      AuditJobs jobs,
      JsonMapper json) {
    return new BondReports(
        bonds, periods, events, readings, auditLog, evidence, jobs::feedEvents, json);
  }

  @Bean
  InvestorStatements investorStatements(
      Bonds bonds,
      KpiPeriods periods,
      StoredEvents events,
      ReadingStore readings,
      AuditLog auditLog,
      EvidenceExport evidence,
      AuditJobs jobs,
      JsonMapper json) {
    return new InvestorStatements(
        bonds, periods, events, readings, auditLog, evidence, jobs::feedEvents, json);
  }

  /** The village's reports; no bean (null) when the deployment runs no market on a ledger. */
  @Bean
  VillageReports villageReports(ObjectProvider<MarketLedger> market) {
    return Optional.ofNullable(market.getIfAvailable()).map(VillageReports::new).orElse(null);
  }

  @Bean
  PnlReports pnlReports(
      AssetCatalog assets,
      Models models,
      KpiPeriods periods,
      PnlBook book,
      StoredEvents events,
      ReadingStore readings,
      AuditLog auditLog,
      CheckpointBook checkpoints,
      EvidenceExport evidence,
      AuditJobs jobs,
      JsonMapper json) {
    return new PnlReports(
        assets,
        models,
        periods,
        book,
        events,
        readings,
        auditLog,
        checkpoints,
        evidence,
        jobs::feedEvents,
        json);
  }

  /**
   * Bundles with the checkpoint's witnessed note and the endorsed note keys, and the blocks of the
   * report contract's transactions, found in the embedded peer's transaction index.
   */
  @Bean
  ReportBundles reportBundles(
      StoredEvents events,
      ReadingStore readings,
      AuditLog auditLog,
      CheckpointBook checkpoints,
      AuditJobs jobs,
      LedgerAnchoring anchoring,
      CheckpointNotes notes,
      NoteKeyEndorsements endorsements,
      ObjectProvider<EmbeddedPeer> peer,
      ObjectProvider<VillageReports> village) {
    ReportBundles.TransactionBlocks blocks =
        txId ->
            Optional.ofNullable(peer.getIfAvailable())
                .flatMap(
                    p ->
                        anchoring
                            .ledger()
                            .flatMap(l -> p.channel(l.channel().name()).transaction(txId)))
                .map(TxStatus::blockNumber);
    return new ReportBundles(
        events,
        readings,
        auditLog,
        checkpoints,
        jobs::checkpoint,
        anchoring.ledger(),
        notes,
        endorsements.log(),
        endorsements.witness().stream().toList(),
        blocks,
        Optional.ofNullable(village.getIfAvailable()));
  }

  @Bean
  ComplianceReports complianceReports(
      BondReports bonds,
      PnlReports pnl,
      InvestorStatements investors,
      ObjectProvider<VillageReports> village,
      ReportBundles bundles,
      JdbcClient jdbc,
      CommandGateway commands,
      TransactionTemplate transactions,
      ObjectProvider<LedgerConnection> connection,
      ObjectProvider<LedgerConnections> connections,
      ObjectProvider<MspDirectory> msps,
      ObjectProvider<MspIdentity> ledgerClientIdentity,
      ObjectProvider<LedgerProperties> ledgerProperties) {
    // The auditor attests as itself: without the embedded mode's MSPs (fabric mode signs as one
    // identity) reports are issued, signed and verified, but not recorded on the ledger.
    Optional<ReportLedger> ledger =
        Optional.ofNullable(connection.getIfAvailable())
            .filter(own -> connections.getIfAvailable() != null && msps.getIfAvailable() != null)
            .map(
                own ->
                    new ReportLedger(
                        new FabricReportAttestations(own.contract("ReportContract")),
                        new FabricReportAttestations(
                            connections
                                .getObject()
                                .contract(
                                    ledgerProperties.getObject().channel(),
                                    msps.getObject()
                                        .organisation(AUDITOR_MSP)
                                        .orElseThrow(
                                            () ->
                                                new IllegalStateException(
                                                    AUDITOR_MSP + " is not in the consortium"))
                                        .identity(NodeOu.CLIENT),
                                    "ReportContract")),
                        AUDITOR_MSP));
    return new ComplianceReports(
        bonds,
        pnl,
        investors,
        Optional.ofNullable(village.getIfAvailable()),
        bundles,
        new ReportStore(jdbc),
        commands,
        transactions,
        ledger,
        Optional.ofNullable(ledgerClientIdentity.getIfAvailable()),
        provenance(),
        Clock.systemUTC());
  }

  /**
   * The software and the configuration that bear on figures: the service's version, and the SHA-256
   * of the consortium definition whose policies the verifier checks.
   */
  private static Report.Provenance provenance() {
    String version =
        Optional.ofNullable(ReportConfiguration.class.getPackage().getImplementationVersion())
            .orElse("development build");
    try (InputStream in =
        ReportConfiguration.class.getResourceAsStream("/network/consortium.yaml")) {
      if (in == null) {
        throw new IllegalStateException("network/consortium.yaml is missing from the class path");
      }
      return new Report.Provenance("TwinLedger " + version, ReportJson.sha256(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
