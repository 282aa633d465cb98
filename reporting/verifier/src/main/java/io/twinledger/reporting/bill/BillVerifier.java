package io.twinledger.reporting.bill;

import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.market.bill.BillLine;
import io.twinledger.market.bill.LineKind;
import io.twinledger.market.bill.MonthlyBill;
import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.slot.SlotId;
import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Checks a {@link BillBundle} on its own: no database, network or service. Nothing the bundle
 * states is taken on trust except the channel members' CA certificates; the channel's members, its
 * endorsement policy for {@value SlotVerification#CONTRACT} and which organisation operates the
 * energy community come from the consortium definition this verifier was built with.
 *
 * <p>Items, in order: {@code bill} (household, month, zone, currency, the slots unique and in the
 * month); one {@code slot <start>} per slot ({@link SlotVerification}: block, transaction, record,
 * the clearing and settlement recomputed, the household's account and meter reading); {@code
 * operator} (one identity created every clearing); one {@code bill line <KIND>} per line and {@code
 * bill total}: contracts-market's {@link MonthlyBill} of the billed accounts, compared with the
 * bill as issued.
 *
 * <p>The grid fee and tariffs are the bundle's; they are checked through the accounts the ledger
 * recorded, which the slots recompute with them (every import, export and fee is priced by them).
 */
public final class BillVerifier {

  private final Supplier<Consortium> consortium;

  /**
   * @param consortium gives the consortium definition, when the slots are checked, so that a caller
   *     may still be reading it while the bundle is parsed
   */
  public BillVerifier(Supplier<Consortium> consortium) {
    this.consortium = consortium;
  }

  /** Checks every item of the bundle. */
  public Verification verify(BillBundle bundle) {
    List<Finding> findings = new ArrayList<>();
    YearMonth month;
    ZoneId zone;
    try {
      month = YearMonth.parse(bundle.month());
      zone = ZoneId.of(bundle.zone());
      Currency.getInstance(bundle.currency());
    } catch (DateTimeParseException e) {
      return new Verification(
          List.of(Finding.malformed("bill", "month \"" + bundle.month() + "\" is not YYYY-MM")));
    } catch (DateTimeException e) {
      return new Verification(
          List.of(Finding.malformed("bill", "zone \"" + bundle.zone() + "\" is not a time zone")));
    } catch (IllegalArgumentException e) {
      return new Verification(
          List.of(
              Finding.malformed(
                  "bill", "currency \"" + bundle.currency() + "\" is not an ISO 4217 code")));
    }
    findings.add(slotsOfMonth(bundle, month, zone));

    SlotVerification slots;
    try {
      slots =
          SlotVerification.over(
              bundle.channel(),
              bundle.terms(),
              bundle.currency(),
              bundle.blocks(),
              bundle.certificates(),
              consortium.get());
    } catch (SlotVerification.Unusable e) {
      findings.add(e.finding());
      return new Verification(findings);
    }
    // Each slot is checked on its own (signatures, clearing, settlement): both cores share them.
    List<SlotVerification.Outcome> outcomes =
        bundle.slots().parallelStream().map(s -> slots.check(s, bundle.household())).toList();
    outcomes.forEach(o -> findings.add(o.finding()));
    findings.add(operator(bundle, outcomes));
    findings.addAll(bill(bundle, month, zone));
    return new Verification(findings);
  }

  private static Finding slotsOfMonth(BillBundle bundle, YearMonth month, ZoneId zone) {
    TreeMap<SlotId, String> seen = new TreeMap<>();
    for (BillBundle.Slot slot : bundle.slots()) {
      SlotId id;
      try {
        id = SlotId.parse(slot.slot());
      } catch (IllegalArgumentException e) {
        return Finding.malformed("bill", "slot \"" + slot.slot() + "\" is not a slot's start");
      }
      if (seen.put(id, slot.slot()) != null) {
        return Finding.failed("bill", "slot " + slot.slot() + " is listed twice");
      }
      if (!YearMonth.from(id.start().atZone(zone)).equals(month)) {
        return Finding.failed(
            "bill", "slot " + slot.slot() + " is not in " + month + " (" + zone + ")");
      }
    }
    return Finding.ok(
        "bill",
        "household "
            + bundle.household()
            + ", "
            + month
            + " ("
            + zone
            + "), "
            + bundle.slots().size()
            + " slots, "
            + bundle.currency());
  }

  /** Every clearing was created by one identity: the market's operator signs every slot. */
  private static Finding operator(BillBundle bundle, List<SlotVerification.Outcome> outcomes) {
    Optional<Creator> first = Optional.empty();
    for (int i = 0; i < outcomes.size(); i++) {
      Optional<Creator> creator = outcomes.get(i).creator();
      if (creator.isEmpty()) {
        continue;
      }
      if (first.isEmpty()) {
        first = creator;
      } else if (!first.get().certificate().equals(creator.get().certificate())) {
        return Finding.failed(
            "operator",
            "slot "
                + bundle.slots().get(i).slot()
                + ": cleared by "
                + creator.get().certificate().getSubjectX500Principal().getName()
                + ", the other slots by "
                + first.get().certificate().getSubjectX500Principal().getName());
      }
    }
    return first
        .map(
            c ->
                Finding.ok(
                    "operator",
                    c.describe()
                        + " "
                        + c.certificate().getSubjectX500Principal().getName()
                        + " created every clearing"))
        .orElseGet(() -> Finding.failed("operator", "no clearing transaction checks out"));
  }

  /** The bill recomputed from the billed accounts, line by line. */
  private static List<Finding> bill(BillBundle bundle, YearMonth month, ZoneId zone) {
    Map<SlotId, ParticipantAccount> accounts = new TreeMap<>();
    for (BillBundle.Slot slot : bundle.slots()) {
      try {
        accounts.put(
            SlotId.parse(slot.slot()), SlotVerification.participantAccount(slot.account()));
      } catch (SlotVerification.Failed | IllegalArgumentException e) {
        return List.of(
            Finding.malformed("bill total", "slot " + slot.slot() + ": account " + e.getMessage()));
      }
    }
    MonthlyBill bill;
    try {
      bill = MonthlyBill.of(bundle.household(), month, zone, bundle.currency(), accounts);
    } catch (IllegalArgumentException e) {
      return List.of(Finding.failed("bill total", e.getMessage()));
    }
    List<Finding> findings = new ArrayList<>();
    List<BillBundle.Line> issued = bundle.bill().lines();
    for (LineKind kind : LineKind.values()) {
      String item = "bill line " + kind;
      BillLine line = bill.line(kind);
      Optional<BillBundle.Line> stated =
          issued.stream().filter(l -> l.kind().equals(kind.name())).findFirst();
      if (stated.isEmpty()) {
        findings.add(Finding.failed(item, "the bill has no such line"));
        continue;
      }
      List<String> differences = new ArrayList<>();
      compare(differences, "kWh", line.kwh(), stated.get().kwh());
      compare(differences, "exact amount", line.exactAmount(), stated.get().exactAmount());
      compare(differences, "amount", line.amount(), stated.get().amount());
      if (line.slots().size() != stated.get().slots()) {
        differences.add(
            "slots "
                + line.slots().size()
                + " recomputed, "
                + stated.get().slots()
                + " on the bill");
      }
      findings.add(
          differences.isEmpty()
              ? Finding.ok(
                  item,
                  line.amount().toPlainString()
                      + " "
                      + bundle.currency()
                      + ", "
                      + line.kwh().toPlainString()
                      + " kWh over "
                      + line.slots().size()
                      + " slots")
              : Finding.failed(item, String.join("; ", differences)));
    }
    if (issued.size() != LineKind.values().length) {
      findings.add(
          Finding.failed(
              "bill total",
              "the bill has " + issued.size() + " lines, not " + LineKind.values().length));
      return findings;
    }
    List<String> differences = new ArrayList<>();
    compare(differences, "total", bill.total(), bundle.bill().total());
    compare(differences, "baseline", bill.baselineTotal(), bundle.bill().baselineTotal());
    findings.add(
        differences.isEmpty()
            ? Finding.ok(
                "bill total",
                bill.total().toPlainString()
                    + " "
                    + bundle.currency()
                    + ", baseline "
                    + bill.baselineTotal().toPlainString()
                    + ", savings "
                    + bill.savings().toPlainString())
            : Finding.failed("bill total", String.join("; ", differences)));
    return findings;
  }

  private static void compare(
      List<String> differences, String field, BigDecimal recomputed, String stated) {
    BigDecimal value;
    try {
      value = new BigDecimal(stated);
    } catch (NumberFormatException e) {
      differences.add(field + " \"" + stated + "\" on the bill is not a decimal");
      return;
    }
    if (recomputed.compareTo(value) != 0) {
      differences.add(
          field + " " + recomputed.toPlainString() + " recomputed, " + stated + " on the bill");
    }
  }
}
