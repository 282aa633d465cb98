package io.twinledger.contracts.energy;

import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * Where {@link EnergyMarketContract} keeps its state in the {@code twinledger-energy} namespace.
 * Every key is a shim composite key ({@code U+0000 type U+0000 attribute U+0000 …}); slots appear
 * as their ISO-8601 start ({@code 2026-06-21T12:00:00Z}), which sorts by time.
 *
 * <ul>
 *   <li>{@code market}: the {@link MarketConfig} (terms and operator);
 *   <li>{@code household~<id>}: a {@link Household}; {@code householdcert~<sha256>}: the id of the
 *       household whose certificate has that fingerprint;
 *   <li>{@code override~<household>~<slot>}: a {@link PriceOverride} of one future slot;
 *   <li>{@code battery}: the community {@link Battery} and its state of charge;
 *   <li>{@code order~<slot>~<household>}: a {@link HouseholdOrder};
 *   <li>{@code clearing~<slot>}: the slot's {@link SlotClearing}; present = the slot is closed;
 *   <li>in the private collection {@value #METER_COLLECTION}: {@code meter~<slot>~<household>}, a
 *       {@link MeterReading}; the channel holds only its hash.
 * </ul>
 */
final class EnergyKeys {

  /** The private data collection of residents' meter readings. */
  static final String METER_COLLECTION = "residentMeterData";

  private EnergyKeys() {}

  static String market(ChaincodeStub stub) {
    return stub.createCompositeKey("market").toString();
  }

  static String household(ChaincodeStub stub, String householdId) {
    return stub.createCompositeKey("household", householdId).toString();
  }

  static String householdCertificate(ChaincodeStub stub, String certificateSha256) {
    return stub.createCompositeKey("householdcert", certificateSha256).toString();
  }

  static String override(ChaincodeStub stub, String householdId, String slot) {
    return stub.createCompositeKey("override", householdId, slot).toString();
  }

  static String battery(ChaincodeStub stub) {
    return stub.createCompositeKey("battery").toString();
  }

  static String order(ChaincodeStub stub, String slot, String householdId) {
    return stub.createCompositeKey("order", slot, householdId).toString();
  }

  /** The partial key of every order of {@code slot}. */
  static CompositeKey orders(ChaincodeStub stub, String slot) {
    return stub.createCompositeKey("order", slot);
  }

  static String clearing(ChaincodeStub stub, String slot) {
    return stub.createCompositeKey("clearing", slot).toString();
  }

  static String meter(ChaincodeStub stub, String slot, String householdId) {
    return stub.createCompositeKey("meter", slot, householdId).toString();
  }

  /** The partial key of every meter reading of {@code slot}. */
  static CompositeKey meters(ChaincodeStub stub, String slot) {
    return stub.createCompositeKey("meter", slot);
  }
}
