package io.twinledger.service.evidence;

import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.network.Consortium;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.reporting.evidence.export.AnchoringLedger;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.ledger.LedgerProperties;
import io.twinledger.twin.correction.CorrectionBook;
import io.twinledger.twin.store.ReadingStore;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires reporting's evidence export to the stores and, when there is one, the embedded ledger. */
@Configuration(proxyBeanMethods = false)
class EvidenceConfiguration {

  /** The ledger checkpoints are anchored on, when the deployment has one. */
  @Bean
  LedgerAnchoring ledgerAnchoring(
      ObjectProvider<EmbeddedPeer> peer,
      ObjectProvider<MspDirectory> msps,
      ObjectProvider<Consortium> consortium,
      ObjectProvider<LedgerProperties> ledger) {
    return new LedgerAnchoring(
        Optional.ofNullable(peer.getIfAvailable())
            .map(p -> anchoring(p, msps.getObject(), consortium.getObject(), ledger.getObject())));
  }

  @Bean
  EvidenceExport evidenceExport(
      KpiPeriods periods,
      StoredEvents events,
      ReadingStore readings,
      CorrectionBook corrections,
      AuditLog auditLog,
      CheckpointBook checkpoints,
      AuditJobs jobs,
      LedgerAnchoring anchoring,
      JsonMapper json) {
    return new EvidenceExport(
        periods,
        events,
        readings,
        corrections,
        auditLog,
        checkpoints,
        jobs::checkpoint,
        anchoring.ledger(),
        json,
        Clock.systemUTC());
  }

  private static AnchoringLedger anchoring(
      EmbeddedPeer peer, MspDirectory msps, Consortium consortium, LedgerProperties ledger) {
    Channel channel =
        consortium
            .channel(ledger.channel())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "twinledger.ledger.channel names no channel of the consortium: "
                            + ledger.channel()));
    return new AnchoringLedger(
        peer.channel(channel.name())::block,
        channel,
        msps.organisations().stream().filter(org -> channel.hasMember(org.mspId())).toList());
  }
}
