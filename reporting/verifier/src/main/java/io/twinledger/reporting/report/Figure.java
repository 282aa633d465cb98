package io.twinledger.reporting.report;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One figure of a report: its value and how it was derived. The verifier computes the figure again
 * with {@link FigureFormula#named(String) the formula} from the inputs and earlier figures it
 * names, and compares the result with {@code value} as text.
 *
 * @param id unique in the report, such as {@code payment.2025-06-30}
 * @param label a human label
 * @param value the value as its formula writes it: a plain decimal without exponent, or a word for
 *     a figure that is not a number (a tier, {@code met})
 * @param unit the unit: a UN/CEFACT code ({@code P1} percent, {@code MTQ} m³), an ISO 4217
 *     currency, or empty for a word
 * @param formula the formula's name, such as {@code bond-payment}
 * @param parameters what the formula takes besides its inputs, by name
 * @param inputs the ids of the inputs and earlier figures it reads, in the order the formula takes
 *     them
 */
public record Figure(
    String id,
    String label,
    String value,
    String unit,
    String formula,
    Map<String, String> parameters,
    List<String> inputs) {

  public Figure {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(formula, "formula");
    parameters = new TreeMap<>(parameters);
    inputs = List.copyOf(inputs);
  }

  @Override
  public Map<String, String> parameters() {
    return Collections.unmodifiableMap(parameters);
  }
}
