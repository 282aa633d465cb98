package io.twinledger.ledger.asset;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.twinledger.ledger.asset.api.AssetClass;
import io.twinledger.ledger.asset.api.AssetDecommissioned;
import io.twinledger.ledger.asset.api.AssetParameters;
import io.twinledger.ledger.asset.api.AssetParametersUpdated;
import io.twinledger.ledger.asset.api.AssetRegistered;
import io.twinledger.ledger.asset.api.AssetRuleViolation;
import io.twinledger.ledger.asset.api.DecommissionAsset;
import io.twinledger.ledger.asset.api.DefineKpi;
import io.twinledger.ledger.asset.api.KpiDefined;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.api.KpiDerivation;
import io.twinledger.ledger.asset.api.KpiFormula;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
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
 * that changes nothing records no event and returns the current version. Closed KPI periods are
 * recorded on their own streams ({@code KpiPeriodSeries}), so they leave the version alone.
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
    Map<String, KpiDefinition> defined = new HashMap<>();
    command.kpis().forEach(kpi -> defined.put(kpi.kpiId(), kpi));
    for (int i = 0; i < command.kpis().size(); i++) {
      checkDerivations(
          command.kpis().get(i), defined, command.parameters().assetClass(), "kpis[" + i + "].");
    }
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
    Map<String, KpiDefinition> defined = new HashMap<>(kpis);
    defined.put(command.definition().kpiId(), command.definition());
    checkDerivations(command.definition(), defined, parameters.assetClass(), "");
    if (!command.definition().equals(kpis.get(command.definition().kpiId()))) {
      apply(new KpiDefined(assetId, command.definition()));
    }
    return version;
  }

  @CommandHandler
  public long handle(DecommissionAsset command) {
    requireInService();
    apply(new AssetDecommissioned(assetId, command.reason()));
    return version;
  }

  /**
   * A derived KPI must fit the asset's class and read measured KPIs of the asset in the units its
   * formula expects; a KPI that derived KPIs read must stay measured and keep its unit. Derived
   * KPIs do not read one another, so a period never waits on another period's close.
   */
  private static void checkDerivations(
      KpiDefinition kpi, Map<String, KpiDefinition> defined, AssetClass assetClass, String path) {
    for (KpiDefinition other : defined.values()) {
      other
          .derivation()
          .ifPresent(
              derivation ->
                  derivation.formula().inputs().stream()
                      .filter(input -> derivation.inputs().get(input.role()).equals(kpi.kpiId()))
                      .forEach(
                          input -> {
                            if (kpi.isDerived() || !kpi.unit().equals(input.unit())) {
                              throw new AssetRuleViolation(
                                  path + "kpiId",
                                  "KPI '"
                                      + kpi.kpiId()
                                      + "' is the "
                                      + input.role()
                                      + " input of '"
                                      + other.kpiId()
                                      + "', so it must be measured in "
                                      + input.unit());
                            }
                          }));
    }
    if (kpi.derivation().isEmpty()) {
      return;
    }
    KpiDerivation derivation = kpi.derivation().get();
    if (derivation.formula().assetClass() != assetClass) {
      throw new AssetRuleViolation(
          path + "derivation.formula",
          derivation.formula() + " applies to a " + derivation.formula().assetClass());
    }
    for (KpiFormula.Input input : derivation.formula().inputs()) {
      String kpiId = derivation.inputs().get(input.role());
      KpiDefinition source = defined.get(kpiId);
      if (source == null) {
        throw new AssetRuleViolation(
            path + "derivation.inputs." + input.role(), "the asset defines no KPI '" + kpiId + "'");
      }
      if (source.isDerived() || !source.unit().equals(input.unit())) {
        throw new AssetRuleViolation(
            path + "derivation.inputs." + input.role(),
            "KPI '" + kpiId + "' must be a measured KPI in " + input.unit());
      }
    }
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

  /**
   * Periods closed before periods had streams of their own stay on the asset's stream: they count
   * toward the version, which must equal the stream's last sequence number for an expected version
   * to be checked against it.
   */
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
