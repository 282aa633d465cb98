/**
 * Stormwater KPIs for green infrastructure and combined sewers: rainfall depth and storm events,
 * runoff reduction against a baseline, volume captured, design-storm capacity, and combined sewer
 * overflow (CSO) counts and volumes with the US EPA presumption checks.
 *
 * <p>Rainfall depth is millimetres, areas square metres, volumes cubic metres (m³), flows cubic
 * metres per second (m³/s). Time series are lists of readings that each cover an interval {@code
 * [start, end]}, in chronological order and not overlapping.
 */
package io.twinledger.twin.kpi.stormwater;
