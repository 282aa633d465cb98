package io.twinledger.service.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The village energy market's settings ({@code twinledger.energy.*}). The market runs when
 * households are configured and the ledger is embedded; the demo configures the sample village.
 *
 * @param households the village's households, each with the one resident user who acts for it
 * @param zone the village's time zone: a slot's start in it decides the month of its bill
 * @param opens the first slot the market clears; slots before it settle with the utility alone
 *     (unset: from the first meter reading)
 * @param terms the market's terms, set on the ledger by the operator
 * @param battery the community battery, if any
 * @param settlementLag how long after a slot ends its meter readings are awaited before it clears
 * @param runEvery how often due slots are cleared
 * @param slotsPerRun the most slots one run clears, so a backlog is cleared in steps
 */
@ConfigurationProperties("twinledger.energy")
public record MarketProperties(
    @DefaultValue List<HouseholdEntry> households,
    @DefaultValue("Asia/Seoul") ZoneId zone,
    Optional<Instant> opens,
    @DefaultValue Terms terms,
    @DefaultValue BatteryEntry battery,
    @DefaultValue("PT5M") Duration settlementLag,
    @DefaultValue("PT10S") Duration runEvery,
    @DefaultValue("96") int slotsPerRun) {

  public MarketProperties {
    opens = opens == null ? Optional.empty() : opens;
    if (slotsPerRun < 1) {
      throw new IllegalArgumentException("twinledger.energy.slots-per-run must be at least 1");
    }
    if (settlementLag.isNegative()) {
      throw new IllegalArgumentException("twinledger.energy.settlement-lag must not be negative");
    }
  }

  /**
   * A household and its resident.
   *
   * @param id the household's participant id in the market, also its meter's asset id
   * @param resident the user name of its resident
   */
  public record HouseholdEntry(String id, String resident) {}

  /**
   * The market's terms (prices per kWh in {@code currency}).
   *
   * @param rule {@code uniform}, {@code pay-as-bid} or {@code trade-reduction}
   * @param kappa the uniform rule's kappa
   * @param gridFee paid by the buyer per kWh traded between neighbours
   * @param feedInTariff what the utility pays per kWh exported: the lowest ask
   * @param retailTariff what the utility charges per kWh imported: the highest bid
   * @param currency ISO 4217 code
   */
  public record Terms(
      @DefaultValue("uniform") String rule,
      @DefaultValue("0.5") BigDecimal kappa,
      @DefaultValue("10") BigDecimal gridFee,
      @DefaultValue("110") BigDecimal feedInTariff,
      @DefaultValue("170") BigDecimal retailTariff,
      @DefaultValue("KRW") String currency) {}

  /**
   * The community battery.
   *
   * @param id its participant id; blank for a village without one
   */
  public record BatteryEntry(
      @DefaultValue("") String id,
      @DefaultValue("400") BigDecimal capacityKwh,
      @DefaultValue("180") BigDecimal powerKw,
      @DefaultValue("0.9") BigDecimal roundTripEfficiency,
      @DefaultValue("40") BigDecimal minSocKwh,
      @DefaultValue("200") BigDecimal initialKwh) {}
}
