/**
 * KPI formulas for the infrastructure TwinLedger finances: pure functions over explicit,
 * unit-normalised inputs.
 *
 * <p>Conventions shared by every sub-package:
 *
 * <ul>
 *   <li>Quantities are {@link java.math.BigDecimal}, never binary floating point, in the SI-derived
 *       unit named by the parameter's suffix ({@code M3}, {@code Km}, {@code Mm}, {@code M3PerH},
 *       ...). Values held by records are stored without trailing zeros, so {@code 1.50} and {@code
 *       1.5} give equal records.
 *   <li>Sums, differences and products are exact. A division is rounded once, to {@link
 *       io.twinledger.twin.kpi.Ratio#PRECISION} (34 significant digits, half-even), unless a type
 *       states otherwise.
 *   <li>A ratio whose denominator is zero is undefined and comes back as an empty {@link
 *       java.util.Optional}, never as an exception: a district with no inflow in a month is data,
 *       not a bug.
 *   <li>Invalid inputs fail fast with an {@link IllegalArgumentException} whose message starts with
 *       the parameter name.
 * </ul>
 *
 * <p>Sub-packages: {@code water} (IWA water balance, UARL, ILI), {@code stormwater} (rainfall,
 * runoff reduction, combined sewer overflows) and {@code road} (roughness, rutting, condition
 * bands, axle loads).
 */
package io.twinledger.twin.kpi;
