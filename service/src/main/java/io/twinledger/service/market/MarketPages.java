package io.twinledger.service.market;

import io.twinledger.contracts.energy.Battery;
import io.twinledger.market.slot.SlotId;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The community operator's pages of the village energy market: the slots of a day, a slot's whole
 * book with its settlement and conservation figures, and the battery. Each admits the roles of the
 * API endpoint it shows ({@code /api/v1/energy/slots}, {@code /slots/{slot}}, {@code /battery}).
 */
@UiController
public class MarketPages {

  private final MarketReads reads;

  public MarketPages(MarketReads reads) {
    this.reads = reads;
  }

  @GetMapping("/ui/market")
  @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
  @UiPage(nav = "Market", order = 95)
  public String market(@RequestParam(required = false) String date, Model model) {
    LocalDate day = MarketPageInputs.day(date, reads.zone());
    model.addAttribute("day", day);
    model.addAttribute("zone", reads.zone().getId());
    model.addAttribute("currency", reads.currency());
    model.addAttribute("slots", reads.slots(start(day), start(day.plusDays(1))));
    return "market/market";
  }

  @GetMapping("/ui/market/slots/{slot}")
  @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
  public String slot(@PathVariable String slot, Model model) {
    MarketBook.RecordedSlot recorded = reads.recorded(MarketPageInputs.slotNamed(slot));
    model.addAttribute("recorded", recorded);
    model.addAttribute("clearing", recorded.clearing());
    model.addAttribute("zone", reads.zone().getId());
    model.addAttribute("currency", reads.currency());
    return "market/book";
  }

  @GetMapping("/ui/market/battery")
  @RolesAllowed(Roles.OPERATOR)
  @UiPage(nav = "Battery", order = 96)
  public String battery(@RequestParam(required = false) String date, Model model) {
    LocalDate day = MarketPageInputs.day(date, reads.zone());
    Optional<Battery> battery = reads.ledger().battery();
    Map<SlotId, BigDecimal> after =
        battery.isEmpty() ? Map.of() : reads.batteryAfter(start(day), start(day.plusDays(1)));
    model.addAttribute("day", day);
    model.addAttribute("zone", reads.zone().getId());
    model.addAttribute("battery", battery);
    model.addAttribute("after", after);
    return "market/battery";
  }

  private Instant start(LocalDate day) {
    return day.atStartOfDay(reads.zone()).toInstant();
  }
}
