/**
 * Water distribution KPIs from the IWA water balance: non-revenue water, water losses, real losses
 * from the balance or from minimum night flow, unavoidable annual real losses (UARL) and the
 * Infrastructure Leakage Index (ILI).
 *
 * <p>Volumes are cubic metres (m³), flows cubic metres per hour (m³/h), lengths kilometres,
 * pressure metres of head. Each volume is for a period the caller chose; formulas that combine
 * volumes assume they cover the same period.
 */
package io.twinledger.twin.kpi.water;
