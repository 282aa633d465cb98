package io.twinledger.twin.simulator;

import io.twinledger.twin.unit.UnitCode;
import java.math.BigDecimal;

/**
 * A measured signal of Riverton's digital twin: the KPI it feeds and the unit and number of
 * decimals its values are emitted with. How it travels when live follows from its readings' {@link
 * SensorAddress}. Derived KPIs (non-revenue water, ILI, runoff reduction, overflow events, ESAL)
 * are computed from these and are not generated.
 */
public enum Signal {
  /** m³ that entered the district in the 15 minutes up to the reading; inlet meter. */
  SYSTEM_INPUT_VOLUME("system-input-volume", UnitCode.MTQ, 3),
  /** Minimum night flow between 02:00 and 03:00, in l/h as Smart Data Models give it. */
  NIGHT_FLOW("night-flow", UnitCode.E32, 0),
  /** m³ billed for a local day, from the smart-meter (AMI) billing export. */
  BILLED_CONSUMPTION("billed-consumption", UnitCode.MTQ, 3),
  /** m³ of authorised but unbilled use (flushing, fire-fighting) for a local day, estimated. */
  UNBILLED_AUTHORISED("unbilled-authorised", UnitCode.MTQ, 3),
  /** m³ of apparent losses (meter under-registration, theft) for a local day, estimated. */
  APPARENT_LOSSES("apparent-losses", UnitCode.MTQ, 3),
  /** mm of rain in the 5 minutes up to the reading; tipping-bucket gauge, 0.2 mm per tip. */
  RAINFALL_DEPTH("rainfall-depth", UnitCode.MMT, 1),
  /** m³ leaving the green-infrastructure outfall in the 5 minutes up to the reading. */
  RUNOFF_VOLUME("runoff-volume", UnitCode.MTQ, 2),
  /** m³ overflowing at the combined-sewer outfall in the 5 minutes up to the reading. */
  OVERFLOW_VOLUME("overflow-volume", UnitCode.MTQ, 1),
  /** International Roughness Index of one 10 m section, m/km (a slope, ‰); profiler survey. */
  IRI("iri", UnitCode.NX, 2),
  /** Rut depth of a segment, mm; profiler survey. */
  RUT_DEPTH("rut-depth", UnitCode.MMT, 1),
  /** Pavement Condition Index of a segment, 0–100; visual distress survey. */
  PCI("pci", UnitCode.C62, 0),
  /** Load of one heavy-vehicle axle, kN; weigh-in-motion station. */
  AXLE_LOAD("axle-load", UnitCode.B47, 1);

  private final String kpiId;
  private final UnitCode unit;
  private final int scale;

  Signal(String kpiId, UnitCode unit, int scale) {
    this.kpiId = kpiId;
    this.unit = unit;
    this.scale = scale;
  }

  /** The KPI id a twin mapping binds this signal to, as Riverton's mapping does. */
  public String kpiId() {
    return kpiId;
  }

  /** The unit of the emitted values; the mapping converts it to the KPI's unit. */
  public UnitCode unit() {
    return unit;
  }

  /** Decimals of every emitted value. */
  public int scale() {
    return scale;
  }

  /** {@code value} rounded half up to this signal's decimals; generators compute in doubles. */
  BigDecimal decimal(double value) {
    return BigDecimal.valueOf(Math.round(value * Math.pow(10, scale)), scale);
  }
}
