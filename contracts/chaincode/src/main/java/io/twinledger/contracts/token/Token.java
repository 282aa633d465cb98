package io.twinledger.contracts.token;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * A bond token as the ledger holds it.
 *
 * @param tokenId the token's id, which TwinLedger gives the bond's id
 * @param currency the ISO 4217 code its payouts are made in
 * @param ownerMsp the MSP that created the token, its issuer and the only one that administers it
 *     (not {@code issuerMsp}: org.json, which serializes the contract's results, takes a component
 *     named {@code is…} for a boolean getter and leaves it out)
 * @param paused whether holders' transfers are stopped
 */
@DataType
public record Token(
    @Property String tokenId,
    @Property String currency,
    @Property String ownerMsp,
    @Property boolean paused) {

  Token withPaused(boolean pause) {
    return new Token(tokenId, currency, ownerMsp, pause);
  }

  /** The world-state value: the fields in declaration order, the same bytes on every endorser. */
  byte[] toState() {
    return new JSONStringer()
        .object()
        .key("tokenId")
        .value(tokenId)
        .key("currency")
        .value(currency)
        .key("ownerMsp")
        .value(ownerMsp)
        .key("paused")
        .value(paused)
        .endObject()
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Reads what {@link #toState()} wrote; the bond registry reads it. */
  public static Token fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "token");
    return new Token(
        json.getString("tokenId"),
        json.getString("currency"),
        json.getString("ownerMsp"),
        json.getBoolean("paused"));
  }
}
