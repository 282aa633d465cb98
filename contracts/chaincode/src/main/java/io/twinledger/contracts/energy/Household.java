package io.twinledger.contracts.energy;

import io.twinledger.contracts.token.ChainJson;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;

/**
 * A household of the village: its id, the client identity that signs for it, and its standing price
 * limits. The identity is bound by certificate: a call is the household's when the creator's
 * certificate has {@code certificateSha256} as its fingerprint and the creator's MSP is {@code
 * mspId}.
 *
 * @param householdId the household's id
 * @param mspId the MSP of its client identity (the energy community's)
 * @param subject its certificate's subject, for people reading the state
 * @param certificateSha256 hex SHA-256 of its certificate's DER encoding
 * @param minSellPrice its standing minimum sell price per kWh, decimal text; empty for the default,
 *     the feed-in tariff at the time of the order
 * @param maxBuyPrice its standing maximum buy price per kWh, decimal text; empty for the default,
 *     the retail tariff at the time of the order
 */
@DataType
public record Household(
    @Property String householdId,
    @Property String mspId,
    @Property String subject,
    @Property String certificateSha256,
    @Property String minSellPrice,
    @Property String maxBuyPrice) {

  Household withLimits(String minSell, String maxBuy) {
    return new Household(householdId, mspId, subject, certificateSha256, minSell, maxBuy);
  }

  /** The world-state value: the fields in declaration order. */
  byte[] toState() {
    return ChainJson.fields(
            "householdId",
            householdId,
            "mspId",
            mspId,
            "subject",
            subject,
            "certificateSha256",
            certificateSha256,
            "minSellPrice",
            minSellPrice,
            "maxBuyPrice",
            maxBuyPrice)
        .getBytes(StandardCharsets.UTF_8);
  }

  static Household fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "household");
    return new Household(
        json.getString("householdId"),
        json.getString("mspId"),
        json.getString("subject"),
        json.getString("certificateSha256"),
        json.getString("minSellPrice"),
        json.getString("maxBuyPrice"));
  }
}
