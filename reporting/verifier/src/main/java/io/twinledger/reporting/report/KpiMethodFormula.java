package io.twinledger.reporting.report;

import io.twinledger.reporting.evidence.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@value #NAME}: how a KPI is measured, in words, from its logged definition and the asset's
 * logged parameters, so that a report states the method behind a figure (the outcome report's
 * "method") as data the verifier checks rather than as prose.
 *
 * <p>Inputs: the KPI's {@link InputKind#KPI_DEFINITION} and the asset's {@link
 * InputKind#ASSET_PARAMETERS} events, the last one counting, as {@link KpiPeriodFormula} reads
 * them. Parameter: {@code kpiId}. The value is, for a measured KPI, {@code <aggregation> of
 * readings in <unit>}; for a derived one, {@code <formula>(<role> <kpi>, …) in <unit>} with the
 * formula's parameters; then the asset's parameters, each {@code name value}, by name:
 *
 * <pre>runoff-reduction(post runoff-post, baseline runoff-baseline) in P1; asset
 * baselineRunoffMethod PRE_CONSTRUCTION_MONITORING, designStormDepthMm 30.48</pre>
 */
public record KpiMethodFormula() implements FigureFormula {

  /** The formula's name. */
  public static final String NAME = "kpi-method";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String compute(Figure figure, FigureData data) throws FigureException {
    StrictJson.Node definition = null;
    StrictJson.Node asset = null;
    for (String id : figure.inputs()) {
      if (!data.isInput(id)) {
        throw new FigureException("reads figure " + id + "; a method reads only inputs");
      }
      switch (data.kind(id)) {
        case KPI_DEFINITION -> {
          if (definition != null) {
            throw new FigureException("reads " + id + " beside another KPI definition");
          }
          definition = FigureJson.object(data.payload(id), "definition");
        }
        case ASSET_PARAMETERS -> asset = data.payload(id);
        default -> throw new FigureException("reads " + id + ", a " + data.kind(id).label());
      }
    }
    if (definition == null || asset == null) {
      throw new FigureException("needs the KPI's definition and the asset's parameters");
    }
    String kpiId = definition.stringOr("kpiId", "");
    if (!kpiId.equals(figure.parameters().get("kpiId"))) {
      throw new FigureException(
          "the definition is of " + kpiId + ", not " + figure.parameters().get("kpiId"));
    }
    String unit = definition.stringOr("unit", "");
    StringBuilder method = new StringBuilder();
    Optional<StrictJson.Node> derivation = FigureJson.optionalObject(definition, "derivation");
    if (derivation.isEmpty()) {
      method
          .append(definition.stringOr("aggregation", "?").toLowerCase())
          .append(" of readings in ")
          .append(unit);
    } else {
      StrictJson.Node inputs = FigureJson.object(derivation.get(), "inputs");
      List<String> roles = new ArrayList<>();
      for (String role : new TreeSet<>(inputs.names())) {
        roles.add(role + " " + inputs.stringOr(role, ""));
      }
      method
          .append(derivation.get().stringOr("formula", "?"))
          .append('(')
          .append(String.join(", ", roles))
          .append(") in ")
          .append(unit);
      scalars(FigureJson.optionalObject(derivation.get(), "parameters"))
          .ifPresent(p -> method.append("; parameters ").append(p));
    }
    scalars(FigureJson.optionalObject(asset, "parameters"))
        .ifPresent(p -> method.append("; asset ").append(p));
    return method.toString();
  }

  /** The scalar fields of {@code node}, each {@code name value}, by name; empty when none. */
  private static Optional<String> scalars(Optional<StrictJson.Node> node) {
    List<String> fields = new ArrayList<>();
    node.ifPresent(
        n -> {
          for (String name : new TreeSet<>(n.names())) {
            String value = n.scalarOr(name, "");
            if (!value.isEmpty()) {
              fields.add(name + " " + value);
            }
          }
        });
    return fields.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", fields));
  }
}
