package io.twinledger.service.market;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.contracts.energy.Household;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.market.slot.SlotId;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.query.TimeRange;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The village energy market. A resident's endpoints ({@code /me/…}) read and change only the
 * household the resident acts for, resolved from the signed-in user; nothing names another
 * household. The operator's read every household and the market's books. Time spans are at most a
 * week of slots; by default today, in the village's time zone.
 */
@RestController
@RequestMapping("/api/v1/energy")
@Tag(
    name = "Energy market",
    description =
        "The village's peer-to-peer solar market: one market per 15-minute slot, cleared and"
            + " settled on the energy-market channel. Residents see their own household only;"
            + " the community operator sees the market.")
public class EnergyController {

  private final MarketReads reads;

  public EnergyController(MarketReads reads) {
    this.reads = reads;
  }

  @GetMapping("/me")
  @RolesAllowed(Roles.RESIDENT)
  @Operation(summary = "Your household, its price limits and the market's terms")
  public EnergyBodies.MyHousehold me(Authentication user) {
    String household = reads.householdOf(user.getName());
    Household onLedger = reads.ledger().household(household);
    return new EnergyBodies.MyHousehold(
        household, reads.zone().getId(), limits(onLedger), reads.terms());
  }

  @GetMapping("/me/meter")
  @RolesAllowed(Roles.RESIDENT)
  @Operation(
      summary = "Your meter's import and export per slot",
      description =
          "The increments of your household's import and export registers in each 15-minute slot"
              + " of [from, to) (ISO-8601 instants; default today in the village's zone; at most"
              + " 7 days). Slots without both readings are left out.")
  public List<EnergyBodies.MeterSlot> myMeter(
      Authentication user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    TimeRange range = range(from, to);
    return EnergyBodies.MeterSlot.of(
        reads.meter(reads.householdOf(user.getName()), range.from(), range.to()));
  }

  @GetMapping("/me/price-limits")
  @RolesAllowed(Roles.RESIDENT)
  @Operation(summary = "Your standing price limits; absent where the tariff applies")
  public EnergyBodies.Limits myLimits(Authentication user) {
    return limits(reads.ledger().household(reads.householdOf(user.getName())));
  }

  @PutMapping("/me/price-limits")
  @RolesAllowed(Roles.RESIDENT)
  @Operation(
      summary = "Set your standing price limits",
      description =
          "minSellPrice: the least your surplus sells for per kWh, at least the feed-in tariff;"
              + " maxBuyPrice: the most you pay per kWh for a deficit, grid fee included, at most"
              + " the retail tariff. null restores the tariff. Signed on the ledger with your"
              + " household's identity.")
  public EnergyBodies.Limits setLimits(
      Authentication user, @RequestBody EnergyBodies.Limits limits) {
    String household = reads.householdOf(user.getName());
    reads.checkLimits(
        Optional.ofNullable(limits.minSellPrice()), Optional.ofNullable(limits.maxBuyPrice()));
    return limits(
        reads
            .ledger()
            .setLimits(
                household,
                Optional.ofNullable(limits.minSellPrice()),
                Optional.ofNullable(limits.maxBuyPrice())));
  }

  @PutMapping("/me/price-limits/slots/{slot}")
  @RolesAllowed(Roles.RESIDENT)
  @Operation(
      summary = "Set your price limits for one future slot",
      description =
          "Overrides the standing limits for the slot starting at {slot} (ISO-8601, on a quarter"
              + " hour, in the future); null keeps the standing limit for that side.")
  public EnergyBodies.Limits setSlotLimits(
      Authentication user, @PathVariable String slot, @RequestBody EnergyBodies.Limits limits) {
    String household = reads.householdOf(user.getName());
    SlotId id = slot(slot, "slot");
    reads.checkOverrideSlot(id, Instant.now());
    reads.checkLimits(
        Optional.ofNullable(limits.minSellPrice()), Optional.ofNullable(limits.maxBuyPrice()));
    reads
        .ledger()
        .setOverride(
            household,
            id,
            Optional.ofNullable(limits.minSellPrice()),
            Optional.ofNullable(limits.maxBuyPrice()));
    return limits;
  }

  @GetMapping("/me/trades")
  @RolesAllowed(Roles.RESIDENT)
  @Operation(
      summary = "Your order, trades and settlement in each cleared slot",
      description =
          "For each slot of [from, to) the ledger cleared: your order (if you had a position),"
              + " your trades with neighbours and the battery, your account, the clearing price,"
              + " and the clearing transaction and its block. At most 7 days.")
  public List<EnergyBodies.MySlot> myTrades(
      Authentication user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    TimeRange range = range(from, to);
    return reads.slotsOf(reads.householdOf(user.getName()), range.from(), range.to()).stream()
        .map(EnergyBodies.MySlot::of)
        .toList();
  }

  @GetMapping("/me/bills")
  @RolesAllowed(Roles.RESIDENT)
  @Operation(summary = "Your monthly bills, newest first, with total and savings")
  public List<EnergyBodies.BillMonth> myBills(Authentication user) {
    String household = reads.householdOf(user.getName());
    List<EnergyBodies.BillMonth> months = new ArrayList<>();
    for (YearMonth month : reads.billMonths(household)) {
      months.add(EnergyBodies.month(month, reads.bill(household, month)));
    }
    return months;
  }

  @GetMapping("/me/bills/{month}")
  @RolesAllowed(Roles.RESIDENT)
  @Operation(
      summary = "Your bill for a month",
      description =
          "Lines: bought from neighbours, sold to neighbours, imported from and exported to the"
              + " utility, grid fees, savings against the no-trading baseline; each with its kWh,"
              + " exact and rounded amounts and the slots it adds up (GET /me/trades?from=… for a"
              + " slot's detail). {month} is yyyy-MM in the village's zone.")
  public EnergyBodies.Bill myBill(Authentication user, @PathVariable String month) {
    return EnergyBodies.Bill.of(reads.bill(reads.householdOf(user.getName()), month(month)));
  }

  @GetMapping("/households")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "The village's households and their residents")
  public List<EnergyBodies.HouseholdLine> households() {
    return reads.households().stream()
        .map(h -> new EnergyBodies.HouseholdLine(h, reads.residentOf(h)))
        .toList();
  }

  @GetMapping("/households/{household}/meter")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "A household's meter per slot (the operator sees every household)")
  public List<EnergyBodies.MeterSlot> householdMeter(
      @PathVariable String household,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    TimeRange range = range(from, to);
    return EnergyBodies.MeterSlot.of(
        reads.meter(reads.household(household), range.from(), range.to()));
  }

  @GetMapping("/slots")
  @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
  @Operation(summary = "The cleared slots of [from, to): price, volume, transaction, block")
  public List<EnergyBodies.SlotLine> slots(
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    TimeRange range = range(from, to);
    return reads.slots(range.from(), range.to()).stream().map(EnergyBodies.SlotLine::of).toList();
  }

  @GetMapping("/slots/{slot}")
  @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
  @Operation(
      summary = "One cleared slot: order book, trades, settlement and conservation",
      description = "As the EnergyMarketContract recorded it, with its transaction and block.")
  public MarketBook.RecordedSlot slot(@PathVariable String slot) {
    return reads.recorded(slot(slot, "slot"));
  }

  @GetMapping("/community")
  @RolesAllowed({Roles.OPERATOR, Roles.FINANCE_OFFICER, Roles.AUDITOR})
  @Operation(
      summary = "The community's figures over a span",
      description =
          "Traded volume, volume-weighted average price, energy from and to the utility,"
              + " households' savings against the no-trading baseline, the battery's energy,"
              + " revenue and equivalent full cycles, over the cleared slots of [from, to)"
              + " (default: this month in the village's zone; any length).")
  public EnergyBodies.Figures community(
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    YearMonth thisMonth = YearMonth.now(reads.zone());
    Instant start =
        from == null
            ? thisMonth.atDay(1).atStartOfDay(reads.zone()).toInstant()
            : TimeRange.parse(from, null).from();
    Instant end = to == null ? Instant.now() : TimeRange.parse(null, to).to();
    if (!end.isAfter(start)) {
      throw new InvalidFieldException("to", "must be after from");
    }
    return EnergyBodies.Figures.of(
        start.toString(), end.toString(), reads.figures(start, end), reads.currency());
  }

  @GetMapping("/battery")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "The community battery and its state of charge, as the ledger holds it")
  public EnergyBodies.BatteryView battery() {
    return new EnergyBodies.BatteryView(
        reads
            .ledger()
            .battery()
            .orElseThrow(() -> new NotFoundException("The village has no community battery")));
  }

  private static EnergyBodies.Limits limits(Household household) {
    return new EnergyBodies.Limits(
        decimal(household.minSellPrice()), decimal(household.maxBuyPrice()));
  }

  private static BigDecimal decimal(String text) {
    return text == null || text.isEmpty() ? null : new BigDecimal(text);
  }

  private TimeRange range(String from, String to) {
    if (from == null && to == null) {
      LocalDate today = LocalDate.now(reads.zone());
      return new TimeRange(
          today.atStartOfDay(reads.zone()).toInstant(),
          today.plusDays(1).atStartOfDay(reads.zone()).toInstant());
    }
    TimeRange range = TimeRange.parse(from, to);
    if (from == null) {
      return new TimeRange(range.to().minus(MarketReads.MAX_SPAN), range.to());
    }
    if (to == null) {
      return new TimeRange(range.from(), range.from().plus(MarketReads.MAX_SPAN));
    }
    return range;
  }

  private static SlotId slot(String text, String field) {
    try {
      return SlotId.parse(text);
    } catch (RuntimeException e) {
      throw new InvalidFieldException(
          field,
          "must be a slot's start, an ISO-8601 instant on a quarter hour such as"
              + " 2026-11-03T10:15:00Z, was '"
              + text
              + "'");
    }
  }

  private static YearMonth month(String text) {
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          "month", "must be a month such as 2026-11, was '" + text + "'");
    }
  }
}
