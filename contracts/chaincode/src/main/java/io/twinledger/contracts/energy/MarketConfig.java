package io.twinledger.contracts.energy;

import io.twinledger.contracts.token.ChainJson;
import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.terms.MarketTerms;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;

/**
 * The market's terms and its operator. The identity that configures the market first is its
 * operator: only it configures the market again, registers households and the battery, records
 * meter readings and clears slots.
 *
 * @param operatorMsp the operator's MSP (the energy community's)
 * @param operatorId the operator's client id, {@code x509::<subject>::<issuer>}
 * @param rule {@code uniform}, {@code pay-as-bid} or {@code trade-reduction}
 * @param kappa the uniform rule's {@code kappa} in [0, 1], decimal text; empty for the other rules
 * @param gridFee paid by the buyer per kWh traded between members, decimal text
 * @param feedInTariff what the utility pays per kWh exported, decimal text; the lowest ask
 * @param retailTariff what the utility charges per kWh imported, decimal text; the highest bid
 * @param currency ISO 4217 code of all prices
 * @param txId the transaction that set these terms
 */
@DataType
public record MarketConfig(
    @Property String operatorMsp,
    @Property String operatorId,
    @Property String rule,
    @Property String kappa,
    @Property String gridFee,
    @Property String feedInTariff,
    @Property String retailTariff,
    @Property String currency,
    @Property String txId) {

  /** The rule names {@code ConfigureMarket} takes. */

  /** The terms as contracts-market's clearing and settlement take them. */
  public MarketTerms terms() {
    return new MarketTerms(
        clearingRule(rule, kappa),
        new BigDecimal(gridFee),
        new BigDecimal(feedInTariff),
        new BigDecimal(retailTariff),
        currency);
  }

  /**
   * The clearing rule named {@code rule}, with {@code kappa} for the uniform rule.
   *
   * @throws IllegalArgumentException for another name, or a kappa given to another rule
   */
  static ClearingRule clearingRule(String rule, String kappa) {
    return ClearingRule.named(
        rule, kappa.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(kappa)));
  }

  byte[] toState() {
    return ChainJson.fields(
            "operatorMsp",
            operatorMsp,
            "operatorId",
            operatorId,
            "rule",
            rule,
            "kappa",
            kappa,
            "gridFee",
            gridFee,
            "feedInTariff",
            feedInTariff,
            "retailTariff",
            retailTariff,
            "currency",
            currency,
            "txId",
            txId)
        .getBytes(StandardCharsets.UTF_8);
  }

  static MarketConfig fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "market");
    return new MarketConfig(
        json.getString("operatorMsp"),
        json.getString("operatorId"),
        json.getString("rule"),
        json.getString("kappa"),
        json.getString("gridFee"),
        json.getString("feedInTariff"),
        json.getString("retailTariff"),
        json.getString("currency"),
        json.getString("txId"));
  }
}
