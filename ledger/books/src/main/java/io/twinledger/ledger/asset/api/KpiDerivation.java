package io.twinledger.ledger.asset.api;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a derived KPI is computed: a formula, the asset's KPIs bound to the formula's inputs, and its
 * parameters. Parameters the formula leaves out are refused; those it defaults may be omitted and
 * are filled in here, so the recorded definition states every figure the result depends on.
 *
 * @param inputs role → KPI id, exactly the formula's roles
 * @param parameters name → value, completed with the formula's defaults
 */
public record KpiDerivation(
    KpiFormula formula, Map<String, String> inputs, Map<String, BigDecimal> parameters) {

  public KpiDerivation {
    Require.present(formula, "formula");
    inputs = new TreeMap<>(inputs == null ? Map.of() : inputs);
    for (KpiFormula.Input input : formula.inputs()) {
      String kpiId = inputs.get(input.role());
      if (kpiId == null) {
        throw new InvalidFieldException("inputs." + input.role(), "is required by " + formula);
      }
    }
    for (String role : inputs.keySet()) {
      if (formula.inputs().stream().noneMatch(input -> input.role().equals(role))) {
        throw new InvalidFieldException(
            "inputs." + role, "is not an input of " + formula + "; it takes " + roles(formula));
      }
    }
    Map<String, BigDecimal> given = parameters == null ? Map.of() : parameters;
    TreeMap<String, BigDecimal> complete = new TreeMap<>();
    for (KpiFormula.Parameter parameter : formula.parameters()) {
      String field = "parameters." + parameter.name();
      BigDecimal value = given.get(parameter.name());
      if (value == null) {
        value =
            parameter
                .defaultValue()
                .orElseThrow(() -> new InvalidFieldException(field, "is required by " + formula));
      }
      complete.put(
          parameter.name(),
          parameter.positive()
              ? Require.positive(value, field)
              : Require.nonNegative(value, field));
    }
    for (String name : given.keySet()) {
      if (!complete.containsKey(name)) {
        throw new InvalidFieldException("parameters." + name, "is not a parameter of " + formula);
      }
    }
    inputs = Collections.unmodifiableMap(inputs);
    parameters = Collections.unmodifiableMap(complete);
  }

  /** The value of a parameter, present for every parameter of the formula. */
  public BigDecimal parameter(String name) {
    BigDecimal value = parameters.get(name);
    if (value == null) {
      throw new IllegalArgumentException(formula + " has no parameter " + name);
    }
    return value;
  }

  private static String roles(KpiFormula formula) {
    return formula.inputs().stream().map(KpiFormula.Input::role).toList().toString();
  }
}
