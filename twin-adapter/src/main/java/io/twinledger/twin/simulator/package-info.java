/**
 * Simulated digital twins: the measured signals of Riverton, a fictional city with a water
 * district, a stormwater site with a combined-sewer outfall and a road corridor, generated from a
 * seed for any span of time. The demo feeds the service from it; anything that needs realistic
 * readings without a real twin (a load test, a benchmark, a fixture) can run it too.
 *
 * <p>Entry point: {@link io.twinledger.twin.simulator.TwinSimulator}: {@code new
 * TwinSimulator(seed).readings(from, to)} streams every {@link
 * io.twinledger.twin.simulator.SimulatedReading} published in {@code [from, to)}.
 *
 * <p>Conventions:
 *
 * <ul>
 *   <li><b>Time.</b> Instants are UTC. Days, weeks, night hours and survey schedules are local to
 *       {@link io.twinledger.twin.simulator.TwinSimulator#ZONE}, so a local day has 92, 96 or 100
 *       quarter hours across daylight-saving changes. A reading has two times: when it was measured
 *       ({@code observedAt}: the end of the interval for volumes and rain, the start of the local
 *       day for daily totals, the moment itself otherwise) and when the twin releases it ({@code
 *       publishedAt}, never earlier). Ranges select by publication time.
 *   <li><b>Values.</b> Each {@link io.twinledger.twin.simulator.Signal} has a unit (a UN/CEFACT
 *       {@link io.twinledger.twin.unit.UnitCode}, as the device would send it, not necessarily the
 *       KPI's unit) and a fixed number of decimals. The models compute in {@code double}; each
 *       value is rounded half up once, to that scale, when it becomes a reading. No value is
 *       negative.
 *   <li><b>Sensors.</b> A reading's {@link io.twinledger.twin.simulator.SensorAddress} is where it
 *       comes from live: an MQTT topic, an NGSI-LD entity attribute or a bulk file's sensor column.
 *       Its sensor id is the one the ingestion pipeline gives such a reading, and history and live
 *       readings of one sensor share it.
 *   <li><b>Determinism.</b> Every random draw is keyed by seed, stream and what is drawn (a day, a
 *       year's storms or leaks, a month's survey), so the same seed gives the same reading at the
 *       same time however the range is cut.
 * </ul>
 *
 * <p>Pure Java: no I/O, no framework, no state beyond per-year caches that are themselves
 * deterministic.
 */
package io.twinledger.twin.simulator;
