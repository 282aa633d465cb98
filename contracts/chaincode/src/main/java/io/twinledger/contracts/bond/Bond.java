package io.twinledger.contracts.bond;

import io.twinledger.contracts.token.ChainJson;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;

/**
 * A bond as the registry holds it.
 *
 * @param bondId the bond's id
 * @param termsHash SHA-256 of the bond's terms document, 64 lower-case hex digits
 * @param tokenId the token whose holders it pays
 * @param currency the ISO 4217 code it pays in, the token's
 * @param ownerMsp the MSP that registered it, the token's issuer
 */
@DataType
public record Bond(
    @Property String bondId,
    @Property String termsHash,
    @Property String tokenId,
    @Property String currency,
    @Property String ownerMsp) {

  /** The world-state value: the fields in declaration order. */
  byte[] toState() {
    return ChainJson.fields(
            "bondId", bondId,
            "termsHash", termsHash,
            "tokenId", tokenId,
            "currency", currency,
            "ownerMsp", ownerMsp)
        .getBytes(StandardCharsets.UTF_8);
  }

  static Bond fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "bond");
    return new Bond(
        json.getString("bondId"),
        json.getString("termsHash"),
        json.getString("tokenId"),
        json.getString("currency"),
        json.getString("ownerMsp"));
  }
}
