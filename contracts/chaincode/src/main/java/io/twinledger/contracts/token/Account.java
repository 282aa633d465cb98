package io.twinledger.contracts.token;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * A registered holder of a token: its units and whether it is frozen. An account exists from the
 * holder's registration (KYC approved); a holder without one may neither receive nor send.
 *
 * @param tokenId the token
 * @param holder the holder's id
 * @param units the whole token units held, never negative
 * @param frozen whether the holder is frozen
 */
@DataType
public record Account(
    @Property String tokenId,
    @Property String holder,
    @Property long units,
    @Property boolean frozen) {

  Account withUnits(long newUnits) {
    return new Account(tokenId, holder, newUnits, frozen);
  }

  Account withFrozen(boolean freeze) {
    return new Account(tokenId, holder, units, freeze);
  }

  /** The world-state value: the fields in declaration order. */
  byte[] toState() {
    return new JSONStringer()
        .object()
        .key("tokenId")
        .value(tokenId)
        .key("holder")
        .value(holder)
        .key("units")
        .value(units)
        .key("frozen")
        .value(frozen)
        .endObject()
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  static Account fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "account");
    return new Account(
        json.getString("tokenId"),
        json.getString("holder"),
        json.getLong("units"),
        json.getBoolean("frozen"));
  }
}
