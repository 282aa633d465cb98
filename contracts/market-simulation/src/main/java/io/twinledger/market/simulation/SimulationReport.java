package io.twinledger.market.simulation;

import io.twinledger.market.figures.CommunityFigures;
import io.twinledger.market.slot.SlotId;
import java.util.List;
import java.util.Optional;

/**
 * A simulated year of the village. Every figure is a {@link CommunityFigures} formula over the
 * settled slots (one home for each formula); this record adds the no-trading comparison, the
 * months, the households and the battery. Equal settings give an equal report.
 *
 * @param settings what was simulated
 * @param villageName the site's name
 * @param currency the tariff's currency
 * @param slots the year's slots, all simulated
 * @param withTrading the year's figures with the market (and the battery, if on)
 * @param withoutTrading the same metered energy settled with the utility alone: self-sufficiency
 *     and self-consumption behind each meter only, nothing traded
 * @param months the figures of each month, in order
 * @param households each household's year, in id order
 * @param battery the battery's year, when it took part
 * @param slotsChecked slots whose settlement's conservation was checked
 * @param conservationFailures slots where energy or money was not conserved (empty when it held on
 *     every slot)
 */
public record SimulationReport(
    SimulationSettings settings,
    String villageName,
    String currency,
    int slots,
    CommunityFigures withTrading,
    CommunityFigures withoutTrading,
    List<MonthFigures> months,
    List<HouseholdOutcome> households,
    Optional<BatteryOutcome> battery,
    long slotsChecked,
    List<SlotId> conservationFailures) {

  public SimulationReport {
    months = List.copyOf(months);
    households = List.copyOf(households);
    conservationFailures = List.copyOf(conservationFailures);
  }

  /** Whether conservation held on every slot, and every slot was checked. */
  public boolean conservationHeld() {
    return conservationFailures.isEmpty() && slotsChecked == slots;
  }
}
