package io.twinledger.service.asset;

import io.twinledger.ledger.asset.api.Aggregation;
import io.twinledger.ledger.asset.api.AssetClass;
import io.twinledger.ledger.asset.api.AssetParameters;
import io.twinledger.ledger.asset.api.BetterDirection;
import io.twinledger.ledger.asset.api.ContractualThreshold;
import io.twinledger.ledger.asset.api.DecommissionAsset;
import io.twinledger.ledger.asset.api.DefineKpi;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.api.KpiDerivation;
import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.ledger.asset.api.UpdateAssetParameters;
import io.twinledger.service.problem.JsonFieldPaths;
import io.twinledger.service.problem.StrictRequestJson;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns API request bodies into commands. Every failure is an {@link InvalidFieldException} whose
 * field is the path in the request body.
 */
@Component
public class AssetRequests {

  private final JsonMapper json;

  public AssetRequests(JsonMapper json) {
    this.json = StrictRequestJson.strict(json);
  }

  /** Body of {@code POST /api/v1/assets}; {@code kpis} is optional. */
  public record Register(
      String assetId,
      String assetClass,
      String name,
      String timeZone,
      JsonNode parameters,
      List<KpiDefinition> kpis) {}

  /** Body of {@code PUT /api/v1/assets/{id}/parameters}. */
  public record UpdateParameters(Long expectedVersion, String assetClass, JsonNode parameters) {}

  /**
   * Body of {@code PUT /api/v1/assets/{id}/kpis/{kpiId}}: a measured KPI gives {@code aggregation},
   * a derived one {@code derivation}.
   */
  public record DefineKpiBody(
      Long expectedVersion,
      String unit,
      String aggregation,
      String betterDirection,
      List<ContractualThreshold> thresholds,
      JsonNode derivation) {}

  /** Body of {@code POST /api/v1/assets/{id}/decommission}. */
  public record Decommission(Long expectedVersion, String reason) {}

  RegisterAsset register(Register body) {
    AssetClass assetClass = assetClass(body.assetClass());
    return new RegisterAsset(
        body.assetId(),
        body.name(),
        body.timeZone(),
        parameters(assetClass, body.parameters()),
        Optional.ofNullable(body.kpis()).orElse(List.of()));
  }

  UpdateAssetParameters update(String assetId, UpdateParameters body) {
    AssetClass assetClass = assetClass(body.assetClass());
    return new UpdateAssetParameters(
        assetId, body.expectedVersion(), parameters(assetClass, body.parameters()));
  }

  DefineKpi defineKpi(String assetId, String kpiId, DefineKpiBody body) {
    KpiDefinition definition =
        new KpiDefinition(
            kpiId,
            body.unit(),
            Optional.ofNullable(body.aggregation())
                .map(name -> constant(Aggregation.class, name, "aggregation")),
            constant(BetterDirection.class, body.betterDirection(), "betterDirection"),
            Optional.ofNullable(body.thresholds()).orElse(List.of()),
            derivation(body.derivation()));
    return new DefineKpi(assetId, body.expectedVersion(), definition);
  }

  private Optional<KpiDerivation> derivation(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.treeToValue(node, KpiDerivation.class));
    } catch (JacksonException e) {
      throw JsonFieldPaths.violation(e, "derivation");
    }
  }

  DecommissionAsset decommission(String assetId, Decommission body) {
    return new DecommissionAsset(assetId, body.expectedVersion(), body.reason());
  }

  /** Parses an asset class name, naming {@code field} when it is unknown. */
  public static AssetClass assetClass(String value, String field) {
    return constant(AssetClass.class, value, field);
  }

  private static AssetClass assetClass(String value) {
    return assetClass(value, "assetClass");
  }

  private AssetParameters parameters(AssetClass assetClass, JsonNode node) {
    if (node == null || node.isNull()) {
      throw new InvalidFieldException("parameters", "is required");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new InvalidFieldException("parameters", "must be a JSON object");
    }
    ObjectNode typed = object.deepCopy();
    typed.put("assetClass", assetClass.name());
    try {
      return json.treeToValue(typed, AssetParameters.class);
    } catch (JacksonException e) {
      throw JsonFieldPaths.violation(e, "parameters");
    }
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String value, String field) {
    if (value == null) {
      throw new InvalidFieldException(field, "is required");
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(
          field,
          "must be one of " + Arrays.toString(type.getEnumConstants()) + ", was '" + value + "'");
    }
  }
}
