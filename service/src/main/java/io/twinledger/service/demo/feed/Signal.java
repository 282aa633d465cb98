package io.twinledger.service.demo.feed;

import java.math.BigDecimal;

/**
 * A measured signal of the sample city's digital twin: the KPI it feeds, the unit and number of
 * decimals its values are emitted with, and the channel it travels on when live. Derived KPIs
 * (non-revenue water, ILI, runoff reduction, overflow events, ESAL) are computed from these and are
 * not generated.
 */
public enum Signal {
  /** m³ that entered the district in the 15 minutes up to the reading; inlet meter. */
  SYSTEM_INPUT_VOLUME("system-input-volume", "MTQ", 3, Channel.NGSI_LD),
  /** Minimum night flow between 02:00 and 03:00, in l/h as Smart Data Models give it. */
  NIGHT_FLOW("night-flow", "E32", 0, Channel.NGSI_LD),
  /** m³ billed for a local day, from the smart-meter (AMI) billing export. */
  BILLED_CONSUMPTION("billed-consumption", "MTQ", 3, Channel.BULK),
  /** m³ of authorised but unbilled use (flushing, fire-fighting) for a local day, estimated. */
  UNBILLED_AUTHORISED("unbilled-authorised", "MTQ", 3, Channel.BULK),
  /** m³ of apparent losses (meter under-registration, theft) for a local day, estimated. */
  APPARENT_LOSSES("apparent-losses", "MTQ", 3, Channel.BULK),
  /** mm of rain in the 5 minutes up to the reading; tipping-bucket gauge, 0.2 mm per tip. */
  RAINFALL_DEPTH("rainfall-depth", "MMT", 1, Channel.MQTT),
  /** m³ leaving the green-infrastructure outfall in the 5 minutes up to the reading. */
  RUNOFF_VOLUME("runoff-volume", "MTQ", 2, Channel.MQTT),
  /** m³ overflowing at the combined-sewer outfall in the 5 minutes up to the reading. */
  OVERFLOW_VOLUME("overflow-volume", "MTQ", 1, Channel.MQTT),
  /** International Roughness Index of one 10 m section, m/km (a slope, ‰); profiler survey. */
  IRI("iri", "NX", 2, Channel.BULK),
  /** Rut depth of a segment, mm; profiler survey. */
  RUT_DEPTH("rut-depth", "MMT", 1, Channel.NGSI_LD),
  /** Pavement Condition Index of a segment, 0–100; visual distress survey. */
  PCI("pci", "C62", 0, Channel.NGSI_LD),
  /** Load of one heavy-vehicle axle, kN; weigh-in-motion station. */
  AXLE_LOAD("axle-load", "B47", 1, Channel.MQTT);

  private final String kpiId;
  private final String unitCode;
  private final int scale;
  private final Channel channel;

  Signal(String kpiId, String unitCode, int scale, Channel channel) {
    this.kpiId = kpiId;
    this.unitCode = unitCode;
    this.scale = scale;
    this.channel = channel;
  }

  /** The KPI id the mapping binds this signal to. */
  public String kpiId() {
    return kpiId;
  }

  /** The UN/CEFACT code of the emitted values; the mapping converts it to the KPI's unit. */
  public String unitCode() {
    return unitCode;
  }

  /** Decimals of every emitted value. */
  public int scale() {
    return scale;
  }

  /** How the signal travels when live. */
  public Channel channel() {
    return channel;
  }

  /** {@code value} rounded half up to this signal's decimals; generators compute in doubles. */
  BigDecimal decimal(double value) {
    return BigDecimal.valueOf(Math.round(value * Math.pow(10, scale)), scale);
  }
}
