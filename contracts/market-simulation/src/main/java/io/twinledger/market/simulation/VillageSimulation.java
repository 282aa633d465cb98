package io.twinledger.market.simulation;

import io.twinledger.market.battery.BatteryState;
import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.market.figures.CommunityFigures;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.simulation.load.LoadShape;
import io.twinledger.market.simulation.tariff.VillageTariff;
import io.twinledger.market.simulation.village.Household;
import io.twinledger.market.simulation.village.Village;
import io.twinledger.market.simulation.village.VillageProfiles;
import io.twinledger.market.slot.SlotId;
import io.twinledger.market.slot.SlotMarket;
import io.twinledger.market.slot.SlotMarket.BatteryInSlot;
import io.twinledger.market.slot.SlotOutcome;
import io.twinledger.market.terms.MarketTerms;
import io.twinledger.market.terms.PriceLimits;
import io.twinledger.market.terms.PriceOutOfBoundsException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A year of the village's market, off the ledger: each 15-minute slot's metered positions go
 * through {@link SlotMarket#run}, the code the chaincode runs, and the settled slots add up to the
 * year's {@link CommunityFigures}.
 *
 * <p>Per slot, in time order: the households' import and export register increments ({@link
 * VillageProfiles}) become {@link MeteredPosition}s; the terms are the settings' rule and grid fee
 * with the slot's retail price (time of use) and the feed-in tariff; the battery, if on, trades by
 * contracts-market's strategy from its state after the previous slot (it starts the year at its
 * minimum state of charge); the outcome's conservation is checked and counted. The slot's
 * consumption and generation given to the figures are the households' simulated load and PV.
 */
public final class VillageSimulation {

  /** The battery's participant id in the market. */
  public static final String BATTERY = "community-battery";

  private static final int PROGRESS_EVERY = 96;

  private VillageSimulation() {}

  /**
   * Simulates the year the settings describe.
   *
   * @param settings what to simulate
   * @param progress told after each simulated day and at the end
   * @return the year's report
   * @throws PriceOutOfBoundsException for a household's standing limit outside some slot's bounds
   * @throws IllegalArgumentException for price limits of a household the village does not have
   */
  public static SimulationReport run(SimulationSettings settings, ProgressListener progress) {
    Village village = Village.generate(settings.seed(), settings.households());
    VillageProfiles profiles =
        VillageProfiles.generate(village, settings.year(), LoadShape.h0Style());
    return new Run(settings, profiles).simulate(progress);
  }

  /** One run's state: the tallies and the battery, slot by slot. */
  private static final class Run {

    private final SimulationSettings settings;
    private final VillageProfiles profiles;
    private final List<Household> households;
    private final Map<String, Integer> householdIndex = new HashMap<>();
    private final Map<BigDecimal, MarketTerms> termsByRetail = new HashMap<>();
    private final Optional<CommunityBattery> battery;
    private final Sums[] sums;

    Run(SimulationSettings settings, VillageProfiles profiles) {
      this.settings = settings;
      this.profiles = profiles;
      this.households = profiles.village().households();
      for (int h = 0; h < households.size(); h++) {
        householdIndex.put(households.get(h).id(), h);
      }
      this.battery =
          settings.battery() ? Optional.of(CommunityBattery.village(BATTERY)) : Optional.empty();
      this.sums = new Sums[households.size()];
      for (int h = 0; h < sums.length; h++) {
        sums[h] = new Sums();
      }
      checkLimits();
    }

    SimulationReport simulate(ProgressListener progress) {
      int slots = profiles.slots();
      LocalDateTime[] starts = profiles.year().localStarts();
      CommunityFigures.Tally year = CommunityFigures.tally(battery);
      Map<YearMonth, CommunityFigures.Tally> months = new LinkedHashMap<>();
      BatteryTrack track = battery.map(BatteryTrack::new).orElse(null);
      List<SlotId> failures = new ArrayList<>();
      long checked = 0;
      long meteredImportWh = 0;
      long meteredExportWh = 0;
      long consumptionWh = 0;
      long generationWh = 0;
      for (int i = 0; i < slots; i++) {
        SlotId slot = SlotId.of(profiles.year().slotStart(i));
        MarketTerms terms = terms(settings.tariff().retailAt(starts[i]));
        List<MeteredPosition> positions = new ArrayList<>(households.size());
        long loadWh = 0;
        long pvWh = 0;
        for (int h = 0; h < households.size(); h++) {
          int importWh = profiles.importWh(h, i);
          int exportWh = profiles.exportWh(h, i);
          positions.add(
              new MeteredPosition(
                  households.get(h).id(),
                  VillageProfiles.kwh(importWh),
                  VillageProfiles.kwh(exportWh)));
          meteredImportWh += importWh;
          meteredExportWh += exportWh;
          loadWh += profiles.loadWh(h, i);
          pvWh += profiles.pvWh(h, i);
          sums[h].meter(profiles, h, i);
        }
        Optional<BatteryInSlot> inSlot =
            track == null
                ? Optional.empty()
                : Optional.of(new BatteryInSlot(track.battery, track.state));
        SlotOutcome outcome =
            SlotMarket.run(slot, terms, positions, settings.priceLimits(), inSlot);
        checked++;
        if (!outcome.accounts().conservation().holds()) {
          failures.add(slot);
        }
        for (ParticipantAccount account : outcome.accounts().accounts()) {
          Integer h = householdIndex.get(account.participant());
          if (h != null) {
            sums[h].settle(account);
          } else if (track != null && account.participant().equals(BATTERY)) {
            track.trade(account);
          }
        }
        if (track != null) {
          track.after(outcome.batteryAfter().orElse(track.state));
        }
        consumptionWh += loadWh;
        generationWh += pvWh;
        BigDecimal consumption = VillageProfiles.kwh(loadWh);
        BigDecimal generation = VillageProfiles.kwh(pvWh);
        year.add(outcome, consumption, generation);
        months
            .computeIfAbsent(YearMonth.from(starts[i]), m -> CommunityFigures.tally(battery))
            .add(outcome, consumption, generation);
        if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == slots) {
          progress.progress(i + 1, slots);
        }
      }
      BigDecimal zero = BigDecimal.ZERO;
      CommunityFigures withoutTrading =
          new CommunityFigures(
              slots,
              VillageProfiles.kwh(consumptionWh),
              VillageProfiles.kwh(generationWh),
              VillageProfiles.kwh(meteredImportWh),
              VillageProfiles.kwh(meteredExportWh),
              zero,
              zero,
              zero,
              zero,
              zero,
              zero,
              zero,
              zero);
      List<MonthFigures> monthFigures = new ArrayList<>();
      months.forEach((month, tally) -> monthFigures.add(new MonthFigures(month, tally.figures())));
      List<HouseholdOutcome> outcomes = new ArrayList<>();
      for (int h = 0; h < households.size(); h++) {
        outcomes.add(sums[h].outcome(households.get(h)));
      }
      return new SimulationReport(
          settings,
          profiles.village().site().name(),
          settings.tariff().currency(),
          slots,
          year.figures(),
          withoutTrading,
          monthFigures,
          outcomes,
          Optional.ofNullable(track).map(BatteryTrack::outcome),
          checked,
          failures);
    }

    private MarketTerms terms(BigDecimal retail) {
      VillageTariff tariff = settings.tariff();
      return termsByRetail.computeIfAbsent(
          retail,
          r ->
              new MarketTerms(
                  settings.rule(), tariff.gridFee(), tariff.feedIn(), r, tariff.currency()));
    }

    /** Standing limits must name a household and hold in every time-of-use period. */
    private void checkLimits() {
      Set<BigDecimal> retailPrices = new HashSet<>();
      settings.tariff().retail().values().forEach(p -> retailPrices.addAll(p.values()));
      for (Map.Entry<String, PriceLimits> entry : settings.priceLimits().entrySet()) {
        if (!householdIndex.containsKey(entry.getKey())) {
          throw new IllegalArgumentException(
              "price limits for household "
                  + entry.getKey()
                  + ", which the village of "
                  + households.size()
                  + " households does not have");
        }
        for (BigDecimal retail : retailPrices) {
          try {
            entry.getValue().checkedAgainst(terms(retail));
          } catch (PriceOutOfBoundsException e) {
            throw new PriceOutOfBoundsException(
                "standing price limits of household "
                    + entry.getKey()
                    + " must hold in every slot: "
                    + e.getMessage());
          }
        }
      }
    }
  }

  /** A household's running sums over the year. */
  private static final class Sums {
    private long pvWh;
    private long loadWh;
    private long importWh;
    private long exportWh;
    private BigDecimal bought = BigDecimal.ZERO;
    private BigDecimal sold = BigDecimal.ZERO;
    private BigDecimal utilityImport = BigDecimal.ZERO;
    private BigDecimal utilityExport = BigDecimal.ZERO;
    private BigDecimal total = BigDecimal.ZERO;
    private BigDecimal baseline = BigDecimal.ZERO;

    void meter(VillageProfiles profiles, int h, int slot) {
      pvWh += profiles.pvWh(h, slot);
      loadWh += profiles.loadWh(h, slot);
      importWh += profiles.importWh(h, slot);
      exportWh += profiles.exportWh(h, slot);
    }

    void settle(ParticipantAccount account) {
      bought = bought.add(account.boughtKwh());
      sold = sold.add(account.soldKwh());
      utilityImport = utilityImport.add(account.utilityImportKwh());
      utilityExport = utilityExport.add(account.utilityExportKwh());
      total = total.add(account.total());
      baseline = baseline.add(account.baselineTotal());
    }

    HouseholdOutcome outcome(Household household) {
      return new HouseholdOutcome(
          household,
          VillageProfiles.kwh(pvWh),
          VillageProfiles.kwh(loadWh),
          VillageProfiles.kwh(importWh),
          VillageProfiles.kwh(exportWh),
          bought,
          sold,
          utilityImport,
          utilityExport,
          total,
          baseline);
    }
  }

  /** The battery's state through the year and its extremes. */
  private static final class BatteryTrack {
    private final CommunityBattery battery;
    private final BigDecimal initial;
    private BatteryState state;
    private BigDecimal lowest;
    private BigDecimal highest;
    private BigDecimal largestCharge = BigDecimal.ZERO;
    private BigDecimal largestDischarge = BigDecimal.ZERO;
    private int activeSlots;

    BatteryTrack(CommunityBattery battery) {
      this.battery = battery;
      this.initial = battery.minSocKwh();
      this.state = new BatteryState(initial);
      this.lowest = initial;
      this.highest = initial;
    }

    void trade(ParticipantAccount account) {
      largestCharge = largestCharge.max(account.boughtKwh());
      largestDischarge = largestDischarge.max(account.soldKwh());
      if (account.boughtKwh().signum() > 0 || account.soldKwh().signum() > 0) {
        activeSlots++;
      }
    }

    void after(BatteryState next) {
      state = next;
      lowest = lowest.min(next.stateOfChargeKwh());
      highest = highest.max(next.stateOfChargeKwh());
    }

    BatteryOutcome outcome() {
      return new BatteryOutcome(
          battery,
          initial,
          state.stateOfChargeKwh(),
          lowest,
          highest,
          largestCharge,
          largestDischarge,
          activeSlots);
    }
  }
}
