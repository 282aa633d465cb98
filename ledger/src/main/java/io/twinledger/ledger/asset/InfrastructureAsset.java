package io.twinledger.ledger.asset;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.twinledger.ledger.asset.api.AssetDecommissioned;
import io.twinledger.ledger.asset.api.AssetParameters;
import io.twinledger.ledger.asset.api.AssetParametersUpdated;
import io.twinledger.ledger.asset.api.AssetRegistered;
import io.twinledger.ledger.asset.api.AssetRuleViolation;
import io.twinledger.ledger.asset.api.DecommissionAsset;
import io.twinledger.ledger.asset.api.DefineKpi;
import io.twinledger.ledger.asset.api.KpiDefined;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.asset.api.RecordKpiPeriod;
import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.ledger.asset.api.UpdateAssetParameters;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An infrastructure asset: a water district, a stormwater site or a road segment.
 *
 * <p>The aggregate decides; it keeps only the state its rules need. Every command handler on an
 * existing asset returns the asset's version after the command, which is the sequence number of its
 * last event: the registration is version 0 and each KPI registered with it adds one. A command
 * that changes nothing records no event and returns the current version.
 *
 * <p>Snapshots serialise the fields directly, hence the field-level JSON visibility.
 */
@Aggregate(snapshotTriggerDefinition = InfrastructureAsset.SNAPSHOT_TRIGGER)
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
public class InfrastructureAsset {

  /** Bean name of the snapshot trigger the composition root must provide. */
  public static final String SNAPSHOT_TRIGGER = "assetSnapshotTrigger";

  @AggregateIdentifier private String assetId;
  private AssetParameters parameters;
  private Map<String, KpiDefinition> kpis = new HashMap<>();
  private boolean decommissioned;
  private long version = -1;

  protected InfrastructureAsset() {}

  @CommandHandler
  public InfrastructureAsset(RegisterAsset command) {
    apply(
        new AssetRegistered(
            command.assetId(), command.name(), command.timeZone(), command.parameters()));
    for (KpiDefinition kpi : command.kpis()) {
      apply(new KpiDefined(command.assetId(), kpi));
    }
  }

  @CommandHandler
  public long handle(UpdateAssetParameters command) {
    requireInService();
    if (command.parameters().assetClass() != parameters.assetClass()) {
      throw new AssetRuleViolation(
          "assetClass",
          "asset "
              + assetId
              + " is a "
              + parameters.assetClass()
              + "; its class cannot change to "
              + command.parameters().assetClass());
    }
    if (!command.parameters().equals(parameters)) {
      apply(new AssetParametersUpdated(assetId, command.parameters()));
    }
    return version;
  }

  @CommandHandler
  public long handle(DefineKpi command) {
    requireInService();
    if (!command.definition().equals(kpis.get(command.definition().kpiId()))) {
      apply(new KpiDefined(assetId, command.definition()));
    }
    return version;
  }

  @CommandHandler
  public long handle(RecordKpiPeriod command) {
    requireInService();
    if (!kpis.containsKey(command.kpiId())) {
      throw new AssetRuleViolation(
          "kpiId", "asset " + assetId + " defines no KPI '" + command.kpiId() + "'");
    }
    apply(
        new KpiPeriodClosed(
            assetId,
            command.kpiId(),
            command.periodKind(),
            command.periodStart(),
            command.periodEnd(),
            command.revision(),
            command.value(),
            command.unit(),
            command.coveragePercent(),
            command.readingCount(),
            command.qualitySummary(),
            command.batchDigests()));
    return version;
  }

  @CommandHandler
  public long handle(DecommissionAsset command) {
    requireInService();
    apply(new AssetDecommissioned(assetId, command.reason()));
    return version;
  }

  private void requireInService() {
    if (decommissioned) {
      throw new AssetRuleViolation(
          "assetId", "asset " + assetId + " is decommissioned and accepts no further changes");
    }
  }

  @EventSourcingHandler
  void on(AssetRegistered event) {
    assetId = event.assetId();
    parameters = event.parameters();
    version++;
  }

  @EventSourcingHandler
  void on(AssetParametersUpdated event) {
    parameters = event.parameters();
    version++;
  }

  @EventSourcingHandler
  void on(KpiDefined event) {
    kpis.put(event.definition().kpiId(), event.definition());
    version++;
  }

  @EventSourcingHandler
  void on(KpiPeriodClosed event) {
    version++;
  }

  @EventSourcingHandler
  void on(AssetDecommissioned event) {
    decommissioned = true;
    version++;
  }
}
