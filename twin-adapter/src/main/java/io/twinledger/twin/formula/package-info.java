/**
 * Derived KPIs: the formulas of {@code shared/reference/kpi-formulas.md} applied to one KPI
 * period's readings of the KPIs they read. Each {@link io.twinledger.twin.period.Formula} names its
 * inputs by role, takes the readings of each role in the period and returns the value with the
 * figures it was computed from, so a closed period can show how its number came about.
 */
package io.twinledger.twin.formula;
