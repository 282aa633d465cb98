package io.twinledger.ledger.asset.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a new infrastructure asset, optionally with its first KPIs. Fails if an asset with the
 * same id exists; then nothing of the command is recorded.
 *
 * @param assetId stable identifier chosen by the registrant, such as {@code dma-north-hill}
 * @param name human-readable name
 * @param timeZone IANA zone in which the asset's KPI periods are cut
 * @param parameters the class-specific parameters; their class is the asset's class for life
 * @param kpis KPIs defined together with the registration, in the same transaction; ids unique
 */
public record RegisterAsset(
    @TargetAggregateIdentifier String assetId,
    String name,
    String timeZone,
    AssetParameters parameters,
    List<KpiDefinition> kpis) {

  /** Asset ids may appear in URLs and NGSI-LD URNs, so they keep to a URL-safe alphabet. */
  public static final Pattern ASSET_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  public RegisterAsset {
    Require.matching(assetId, ASSET_ID, "1-128 letters, digits, '.', '_', ':' or '-'", "assetId");
    name = Require.text(name, 200, "name");
    timeZone = Require.zone(timeZone, "timeZone").getId();
    Require.present(parameters, "parameters");
    kpis = List.copyOf(Require.present(kpis, "kpis"));
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < kpis.size(); i++) {
      if (!ids.add(kpis.get(i).kpiId())) {
        throw new InvalidFieldException(
            "kpis[" + i + "].kpiId", "duplicates KPI '" + kpis.get(i).kpiId() + "'");
      }
    }
  }
}
