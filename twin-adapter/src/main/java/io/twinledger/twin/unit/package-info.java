/**
 * Units of measure: UN/CEFACT common codes (Recommendation 20) as NGSI-LD {@code unitCode} carries
 * them, and exact conversion of readings to the canonical SI unit of their dimension or to a KPI's
 * unit.
 *
 * <p>All arithmetic is {@link java.math.BigDecimal}. A conversion is exact unless the quotient has
 * no finite decimal expansion (cubic metres per hour to cubic metres per second, for example); then
 * it is rounded once to 34 significant digits and says so. The original value and unit travel with
 * every converted value, so the exact figure can always be recomputed from the evidence.
 */
package io.twinledger.twin.unit;
