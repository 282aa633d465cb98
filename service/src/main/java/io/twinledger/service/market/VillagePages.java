package io.twinledger.service.market;

import io.twinledger.contracts.energy.Household;
import io.twinledger.contracts.energy.MarketConfig;
import io.twinledger.contracts.energy.SlotTrade;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.market.bill.BillLine;
import io.twinledger.market.bill.LineKind;
import io.twinledger.market.bill.MonthlyBill;
import io.twinledger.market.figures.CommunityFigures;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.slot.SlotId;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.FieldErrors;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The resident's pages of the village energy market: their day (the meter's import and export per
 * slot, the trades), their price limits, their bills down to each slot, and the community's
 * figures. Every page reads through {@link MarketReads} with the household the signed-in resident
 * acts for, never one named in the request: a slot page shows only that household's part of the
 * slot, its neighbours unnamed. Limits are checked as the API checks them ({@link
 * MarketReads#checkLimits}) and signed on the ledger with the household's identity.
 */
@UiController
public class VillagePages {

  private final MarketReads reads;
  private final ObjectProvider<BillBundles> bundles;

  /**
   * @param bundles the bills' bundles for offline verification; none where the service runs no
   *     market
   */
  public VillagePages(MarketReads reads, ObjectProvider<BillBundles> bundles) {
    this.reads = reads;
    this.bundles = bundles;
  }

  /**
   * A slot of the household's meter: the import and export registers' increments, kWh. Under net
   * metering the meter sees only what crosses it: export is the production the home did not use,
   * import the consumption the panels did not cover.
   */
  public record MeterSlot(SlotId slot, BigDecimal importKwh, BigDecimal exportKwh) {}

  /**
   * A trade of the household, seen from its side.
   *
   * @param sold whether the household sold (else bought)
   * @param counterparty {@code a neighbour} or {@code the community battery}
   * @param price per kWh: what the household received, or paid before the grid fee
   */
  public record TradeRow(
      SlotId slot, boolean sold, String counterparty, BigDecimal quantity, BigDecimal price) {}

  /** A bill line's part of one slot, with the slot's clearing price if it had one. */
  public record LineSlot(
      SlotId slot, BigDecimal kwh, BigDecimal amount, Optional<BigDecimal> clearingPrice) {}

  /** A month with a bill. */
  public record BillMonth(YearMonth month, BigDecimal total, BigDecimal savings) {}

  /** A form's fields as sent, to show them again beside their errors. */
  public record LimitsForm(String minSellPrice, String maxBuyPrice) {}

  /** The override form's fields as sent. */
  public record OverrideForm(String slot, String minSellPrice, String maxBuyPrice) {}

  @GetMapping("/ui/village")
  @RolesAllowed(Roles.RESIDENT)
  @UiPage(nav = "My village", order = 90, homeOf = Roles.RESIDENT)
  public String village(
      Authentication user, @RequestParam(required = false) String date, Model model) {
    String household = reads.householdOf(user.getName());
    LocalDate day = MarketPageInputs.day(date, reads.zone());
    Instant from = day.atStartOfDay(reads.zone()).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(reads.zone()).toInstant();
    List<MeterSlot> meter =
        reads.meter(household, from, to).entrySet().stream()
            .map(e -> meterSlot(e.getKey(), e.getValue()))
            .toList();
    YearMonth month = YearMonth.now(reads.zone());
    model.addAttribute("household", household);
    model.addAttribute("day", day);
    model.addAttribute("today", day.equals(LocalDate.now(reads.zone())));
    model.addAttribute("zone", reads.zone().getId());
    model.addAttribute("meter", meter);
    model.addAttribute(
        "importKwh",
        meter.stream().map(MeterSlot::importKwh).reduce(BigDecimal.ZERO, BigDecimal::add));
    model.addAttribute(
        "exportKwh",
        meter.stream().map(MeterSlot::exportKwh).reduce(BigDecimal.ZERO, BigDecimal::add));
    model.addAttribute("trades", trades(household, from, to));
    model.addAttribute("month", month);
    model.addAttribute("bill", reads.bill(household, month));
    model.addAttribute("billed", reads.billMonths(household).contains(month));
    model.addAttribute("currency", reads.currency());
    return "market/village";
  }

  @GetMapping("/ui/village/limits")
  @RolesAllowed(Roles.RESIDENT)
  @UiPage(nav = "Price limits", order = 91)
  public String limits(Authentication user, Model model) {
    String household = reads.householdOf(user.getName());
    return limitsPage(
        household,
        standing(household),
        FieldErrors.none(),
        new OverrideForm("", "", ""),
        FieldErrors.none(),
        model);
  }

  /**
   * Sets the standing limits as {@code PUT /api/v1/energy/me/price-limits} does: checked against
   * the tariffs first, then signed on the ledger with the household's identity. An empty field is
   * the tariff. Refused input shows the form again with the error at its field; nothing is signed.
   */
  @PostMapping("/ui/village/limits")
  @RolesAllowed(Roles.RESIDENT)
  public String setLimits(
      Authentication user,
      @RequestParam(defaultValue = "") String minSellPrice,
      @RequestParam(defaultValue = "") String maxBuyPrice,
      HttpServletResponse response,
      RedirectAttributes redirect,
      Model model) {
    String household = reads.householdOf(user.getName());
    LimitsForm sent = new LimitsForm(minSellPrice, maxBuyPrice);
    FieldErrors errors;
    try {
      Optional<BigDecimal> minSell = decimal("minSellPrice", minSellPrice);
      Optional<BigDecimal> maxBuy = decimal("maxBuyPrice", maxBuyPrice);
      reads.checkLimits(minSell, maxBuy);
      reads.ledger().setLimits(household, minSell, maxBuy);
      redirect.addFlashAttribute(
          "notice", "Your price limits are set, signed on the ledger by your household.");
      return "redirect:/ui/village/limits";
    } catch (InvalidFieldException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      errors = FieldErrors.of(e);
    } catch (MarketRefusal e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      errors = FieldErrors.of("ledger", e.getMessage());
    }
    return limitsPage(
        household, sent, errors, new OverrideForm("", "", ""), FieldErrors.none(), model);
  }

  /**
   * Sets the limits of one future slot as {@code PUT /api/v1/energy/me/price-limits/slots/{slot}}
   * does. The slot is given as a date and time on a quarter hour in the village's zone; an empty
   * limit keeps the standing one for that side.
   */
  @PostMapping("/ui/village/limits/slot")
  @RolesAllowed(Roles.RESIDENT)
  public String setSlotLimits(
      Authentication user,
      @RequestParam(defaultValue = "") String slot,
      @RequestParam(defaultValue = "") String slotMinSellPrice,
      @RequestParam(defaultValue = "") String slotMaxBuyPrice,
      HttpServletResponse response,
      RedirectAttributes redirect,
      Model model) {
    String household = reads.householdOf(user.getName());
    OverrideForm sent = new OverrideForm(slot, slotMinSellPrice, slotMaxBuyPrice);
    FieldErrors errors;
    try {
      SlotId id = slotAt(slot);
      Optional<BigDecimal> minSell = decimal("minSellPrice", slotMinSellPrice);
      Optional<BigDecimal> maxBuy = decimal("maxBuyPrice", slotMaxBuyPrice);
      reads.checkOverrideSlot(id, Instant.now());
      reads.checkLimits(minSell, maxBuy);
      reads.ledger().setOverride(household, id, minSell, maxBuy);
      redirect.addFlashAttribute(
          "notice",
          "Your limits for the slot starting "
              + slot.replace('T', ' ')
              + " are set, signed on the ledger by your household.");
      return "redirect:/ui/village/limits";
    } catch (InvalidFieldException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      // The override form's price fields carry a prefix, as the standing form's names are taken.
      errors =
          FieldErrors.of(
              e.field().equals("slot")
                  ? "slot"
                  : "slot" + Character.toUpperCase(e.field().charAt(0)) + e.field().substring(1),
              e.reason());
    } catch (MarketRefusal e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      errors = FieldErrors.of("ledger", e.getMessage());
    }
    return limitsPage(household, standing(household), FieldErrors.none(), sent, errors, model);
  }

  @GetMapping("/ui/village/bills")
  @RolesAllowed(Roles.RESIDENT)
  @UiPage(nav = "Bills", order = 92)
  public String bills(Authentication user, Model model) {
    String household = reads.householdOf(user.getName());
    List<BillMonth> months = new ArrayList<>();
    for (YearMonth month : reads.billMonths(household)) {
      MonthlyBill bill = reads.bill(household, month);
      months.add(new BillMonth(month, bill.total(), bill.savings()));
    }
    model.addAttribute("household", household);
    model.addAttribute("months", months);
    model.addAttribute("currency", reads.currency());
    return "market/bills";
  }

  @GetMapping("/ui/village/bills/{month}")
  @RolesAllowed(Roles.RESIDENT)
  public String bill(Authentication user, @PathVariable String month, Model model) {
    String household = reads.householdOf(user.getName());
    MonthlyBill bill = billOf(household, month);
    model.addAttribute("bill", bill);
    model.addAttribute("zone", reads.zone().getId());
    return "market/bill";
  }

  /**
   * The month's bill with its slots and proofs as {@code GET
   * /api/v1/energy/me/bills/{month}/bundle} gives it, for {@code ./twinledger verify-bill}; only a
   * month the household has a bill for.
   */
  @GetMapping("/ui/village/bills/{month}/bundle")
  @RolesAllowed(Roles.RESIDENT)
  public ResponseEntity<byte[]> billBundle(Authentication user, @PathVariable String month) {
    String household = reads.householdOf(user.getName());
    MonthlyBill bill = billOf(household, month);
    return BillBundleController.download(
        household,
        bill.month(),
        Optional.ofNullable(bundles.getIfAvailable())
            .orElseThrow(
                () -> new NotFoundException("This service runs no village energy market")));
  }

  @GetMapping("/ui/village/bills/{month}/{line}")
  @RolesAllowed(Roles.RESIDENT)
  public String billLine(
      Authentication user, @PathVariable String month, @PathVariable String line, Model model) {
    String household = reads.householdOf(user.getName());
    MonthlyBill bill = billOf(household, month);
    LineKind kind = kind(line);
    BillLine billLine = bill.line(kind);
    Map<SlotId, ParticipantAccount> accounts = reads.accounts(household, bill.month());
    Map<SlotId, MarketBook.SlotSummary> slots = reads.slotsOf(bill.month());
    model.addAttribute("bill", bill);
    model.addAttribute("line", billLine);
    model.addAttribute("zone", reads.zone().getId());
    model.addAttribute(
        "slots",
        billLine.slots().stream()
            .map(
                slot ->
                    new LineSlot(
                        slot,
                        kind.kwhOf(accounts.get(slot)),
                        kind.amountOf(accounts.get(slot)),
                        Optional.ofNullable(slots.get(slot))
                            .flatMap(MarketBook.SlotSummary::price)))
            .toList());
    return "market/bill-line";
  }

  @GetMapping("/ui/village/slots/{slot}")
  @RolesAllowed(Roles.RESIDENT)
  public String slot(Authentication user, @PathVariable String slot, Model model) {
    String household = reads.householdOf(user.getName());
    SlotId id = MarketPageInputs.slotNamed(slot);
    MarketReads.HouseholdSlotView view = reads.slotOf(household, id);
    model.addAttribute("household", household);
    model.addAttribute("view", view);
    model.addAttribute("trades", view.trades().stream().map(t -> trade(household, id, t)).toList());
    model.addAttribute(
        "meter",
        Optional.ofNullable(reads.meter(household, id.start(), id.end()).get(id))
            .map(p -> meterSlot(id, p)));
    model.addAttribute("zone", reads.zone().getId());
    model.addAttribute("currency", reads.currency());
    return "market/slot";
  }

  /** The community's figures: readable by residents as by the roles the API's figures admit. */
  @GetMapping("/ui/village/community")
  @RolesAllowed({Roles.RESIDENT, Roles.OPERATOR, Roles.FINANCE_OFFICER, Roles.AUDITOR})
  @UiPage(nav = "Village community", order = 93)
  public String community(@RequestParam(required = false) String month, Model model) {
    YearMonth shown = month == null || month.isBlank() ? YearMonth.now(reads.zone()) : month(month);
    CommunityFigures figures =
        reads.figures(
            shown.atDay(1).atStartOfDay(reads.zone()).toInstant(),
            shown.plusMonths(1).atDay(1).atStartOfDay(reads.zone()).toInstant());
    model.addAttribute("month", shown);
    model.addAttribute("figures", figures);
    model.addAttribute("currency", reads.currency());
    model.addAttribute("households", reads.households().size());
    return "market/community";
  }

  private String limitsPage(
      String household,
      LimitsForm standing,
      FieldErrors errors,
      OverrideForm override,
      FieldErrors overrideErrors,
      Model model) {
    MarketConfig terms =
        reads.terms().orElseThrow(() -> new NotFoundException("The market has no terms yet"));
    model.addAttribute("household", household);
    model.addAttribute("terms", terms);
    model.addAttribute("standing", standing);
    model.addAttribute("errors", errors);
    model.addAttribute("override", override);
    model.addAttribute("overrideErrors", overrideErrors);
    model.addAttribute("zone", reads.zone().getId());
    return "market/limits";
  }

  /**
   * The household's standing limits as the ledger holds them. Before the market's first run has set
   * it up on the ledger (terms, households) there are none to show: the page is a 404 saying so.
   */
  private LimitsForm standing(String household) {
    if (reads.terms().isEmpty()) {
      throw new NotFoundException(
          "The village market has not opened yet: it has no terms on the ledger");
    }
    Household onLedger;
    try {
      onLedger = reads.ledger().household(household);
    } catch (MarketRefusal e) {
      if (!e.code().equals("HOUSEHOLD_NOT_FOUND")) {
        throw e;
      }
      throw new NotFoundException("Your household is not registered in the market yet");
    }
    return new LimitsForm(onLedger.minSellPrice(), onLedger.maxBuyPrice());
  }

  private List<TradeRow> trades(String household, Instant from, Instant to) {
    List<TradeRow> trades = new ArrayList<>();
    for (MarketReads.HouseholdSlotView view : reads.slotsOf(household, from, to)) {
      for (SlotTrade trade : view.trades()) {
        trades.add(trade(household, view.slot(), trade));
      }
    }
    return trades;
  }

  private TradeRow trade(String household, SlotId slot, SlotTrade trade) {
    boolean sold = trade.ask().equals(household);
    String other = sold ? trade.bid() : trade.ask();
    return new TradeRow(
        slot,
        sold,
        other.equals(MarketReads.NEIGHBOUR) ? "a neighbour" : "the community battery",
        new BigDecimal(trade.quantity()),
        new BigDecimal(sold ? trade.price() : trade.buyerPrice()));
  }

  private static MeterSlot meterSlot(SlotId slot, MeteredPosition position) {
    return new MeterSlot(slot, position.importKwh(), position.exportKwh());
  }

  /** The bill of a month the household has one for; anything else names no bill (404). */
  private MonthlyBill billOf(String household, String month) {
    YearMonth parsed;
    try {
      parsed = YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new NotFoundException(
          "No bill for '" + month + "': a bill's month is written like 2026-05");
    }
    if (!reads.billMonths(household).contains(parsed)) {
      throw new NotFoundException("You have no bill for " + parsed);
    }
    return reads.bill(household, parsed);
  }

  private static LineKind kind(String line) {
    try {
      return LineKind.valueOf(line.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("A bill has no line '" + line + "'");
    }
  }

  /** A slot given in the form as a local date and time ({@code 2026-05-01T10:15}) in the zone. */
  private SlotId slotAt(String text) {
    if (text.isBlank()) {
      throw new InvalidFieldException("slot", "is required: the date and time the slot starts");
    }
    Instant start;
    try {
      start = LocalDateTime.parse(text).atZone(reads.zone()).toInstant();
    } catch (DateTimeException e) {
      throw new InvalidFieldException(
          "slot", "must be a date and time such as 2026-05-01T10:15, was '" + text + "'");
    }
    try {
      return SlotId.of(start);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(
          "slot", "must start on a quarter hour (:00, :15, :30 or :45), was '" + text + "'");
    }
  }

  /** A price field: empty is the tariff (or the standing limit), anything else a decimal. */
  private static Optional<BigDecimal> decimal(String field, String text) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(text.strip()));
    } catch (NumberFormatException e) {
      throw new InvalidFieldException(
          field,
          "must be a price per kWh such as 125.5, or empty for the tariff; was '" + text + "'");
    }
  }

  private static YearMonth month(String text) {
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          "month", "must be a month such as 2026-05, was '" + text + "'");
    }
  }
}
