/**
 * Road KPIs: International Roughness Index (IRI) statistics and condition bands, rut depth checks,
 * Pavement Condition Index (PCI) bands and equivalent single axle loads (ESAL).
 *
 * <p>IRI is carried in m/km, the SI form; thresholds may be given in in/mi, and comparisons are
 * then made in in/mi, because m/km → in/mi is an exact multiplication by 63.36 while the reverse is
 * a rounded division. Lengths are kilometres, rut depths millimetres, loads kilonewtons.
 */
package io.twinledger.twin.kpi.road;
