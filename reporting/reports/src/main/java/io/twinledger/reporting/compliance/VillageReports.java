package io.twinledger.reporting.compliance;

import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.market.figures.CommunityFigures;
import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.bill.SlotVerification;
import io.twinledger.reporting.evidence.export.AnchoringLedger;
import io.twinledger.reporting.evidence.export.BundleParts;
import io.twinledger.reporting.evidence.export.EvidenceUnavailableException;
import io.twinledger.reporting.report.CommunityMonthFormula;
import io.twinledger.reporting.report.CommunityMonthFormula.Measure;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.Input;
import io.twinledger.reporting.report.InputKind;
import io.twinledger.reporting.report.MarketSlot;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportType;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Drafts the village's monthly community energy report ({@code community-energy}): one {@value
 * CommunityMonthFormula#NAME} figure per community figure the ledger's slots give (traded energy
 * and what sellers received for it, the average price, energy from and to the utility, households'
 * savings, the clearing's surplus, and the battery's energy, net revenue and cycles when the market
 * has one), each over the slots of the month that count, each slot an input written on the
 * energy-market channel. Builds the market evidence of such a report's bundle.
 *
 * <p>A month is the village's ({@link MarketLedger#zone()}): the slots whose start falls in it. Of
 * those the market cleared, the report reads the slots that count ({@link
 * CommunityFigures#counts}): a slot in which no one moved energy or money, such as one in which no
 * household was metered, adds nothing to any figure and is left out; the report's statement says
 * how many were. Each slot is cleared with the market's battery, whose parameters the figures state
 * and the verifier checks against the battery each slot's clearing transaction wrote.
 */
public class VillageReports {

  /** The subject of the village's reports. */
  public static final String SUBJECT = "village";

  private final MarketLedger market;

  public VillageReports(MarketLedger market) {
    this.market = market;
  }

  /**
   * The community energy report of {@code month}, unsigned.
   *
   * @throws ReportRefusedException if the market has no terms yet or cleared no slot in the month
   *     that counts
   */
  public ReportDraft draft(
      String reportId,
      YearMonth month,
      String issuer,
      Instant issuedAt,
      Report.Provenance provenance,
      Optional<Report.Replacement> replaces) {
    MarketLedger.Terms terms =
        market.terms().orElseThrow(() -> new ReportRefusedException("the market has no terms yet"));
    ZoneId zone = market.zone();
    List<MarketLedger.ClearedSlot> slots =
        market.cleared(
            month.atDay(1).atStartOfDay(zone).toInstant(),
            month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    if (slots.isEmpty()) {
      throw new ReportRefusedException(
          "the market cleared no slot in " + month + " (" + zone.getId() + ")");
    }
    String channel = market.channel().channel().name();
    Optional<CommunityBattery> battery = market.battery();
    List<Input> inputs = new ArrayList<>();
    Map<String, Object> data = new LinkedHashMap<>();
    for (MarketLedger.ClearedSlot slot : slots) {
      MarketSlot cleared =
          new MarketSlot(slot.clearing(), terms.prices(), terms.currency(), battery);
      if (!counts(cleared)) {
        continue;
      }
      String start = slot.clearing().slot();
      String id = "slot." + start;
      inputs.add(
          new Input(
              id,
              InputKind.MARKET_SLOT,
              new Input.LedgerWrite(channel, slot.blockNumber(), slot.txId(), start),
              "/api/v1/energy/slots/" + start));
      data.put(id, cleared);
    }
    if (inputs.isEmpty()) {
      throw new ReportRefusedException(
          "no slot the market cleared in "
              + month
              + " ("
              + zone.getId()
              + ") counts ("
              + slots.size()
              + " cleared): no one moved energy or money in any");
    }
    List<String> ids = inputs.stream().map(Input::id).toList();
    List<Figure> drafts = new ArrayList<>();
    for (Measure measure : Measure.values()) {
      if (measure.ofBattery() && battery.isEmpty()) {
        continue;
      }
      drafts.add(
          new Figure(
              "community." + measure.label(),
              label(measure),
              "",
              measure.unit(terms.currency()),
              CommunityMonthFormula.NAME,
              CommunityMonthFormula.parameters(measure, month, zone, battery),
              ids));
    }
    List<Figure> figures = ReportInputs.compute(drafts, inputs, data);
    Report report =
        new Report(
            reportId,
            ReportType.COMMUNITY_ENERGY,
            "Community energy report, " + month,
            SUBJECT,
            month.atDay(1),
            month.plusMonths(1).atDay(1),
            issuer,
            issuedAt,
            replaces,
            provenance,
            figures,
            inputs,
            List.of(
                "Every figure is contracts-market's CommunityFigures over the "
                    + inputs.size()
                    + " slots that count of the "
                    + slots.size()
                    + " the market cleared on channel "
                    + channel
                    + " in "
                    + month
                    + " ("
                    + zone.getId()
                    + "), each slot's book cleared and settled again with contracts-market; in the "
                    + (slots.size() - inputs.size())
                    + " others no one moved energy or money, so they add nothing.",
                "Self-sufficiency and self-consumption are not stated: they need the consumption"
                    + " and generation behind the meters, which net metering does not see."));
    return new ReportDraft(report, data);
  }

  /**
   * The market evidence of {@code report}'s market-slot inputs for its bundle, read again now: each
   * slot's clearing as recorded, each block that holds one once, the market's terms and the channel
   * members' CA certificates.
   *
   * @throws EvidenceUnavailableException when the market has no terms, or no longer holds a slot or
   *     block the report names
   */
  public ReportBundle.Market evidence(Report report) {
    MarketLedger.Terms terms =
        market
            .terms()
            .orElseThrow(() -> new EvidenceUnavailableException("the market has no terms yet"));
    AnchoringLedger channel = market.channel();
    List<Input.LedgerWrite> writes = new ArrayList<>();
    for (Input input : report.inputs()) {
      if (input.evidence() instanceof Input.LedgerWrite write) {
        writes.add(write);
      }
    }
    Map<String, BillBundle.Clearing> cleared = new TreeMap<>();
    if (!writes.isEmpty()) {
      // One read over the report's slots rather than one per slot; a slot ends 15 minutes on.
      Instant first =
          writes.stream().map(w -> Instant.parse(w.key())).min(Instant::compareTo).get();
      Instant last = writes.stream().map(w -> Instant.parse(w.key())).max(Instant::compareTo).get();
      market
          .cleared(first, last.plusSeconds(15 * 60))
          .forEach(s -> cleared.put(s.clearing().slot(), s.clearing()));
    }
    List<BillBundle.Clearing> clearings = new ArrayList<>();
    Map<Long, BillBundle.Block> blocks = new TreeMap<>();
    for (Input.LedgerWrite write : writes) {
      BillBundle.Clearing clearing = cleared.get(write.key());
      if (clearing == null) {
        throw new EvidenceUnavailableException(
            "the market holds no clearing of slot " + write.key());
      }
      clearings.add(clearing);
      // The daily batch clears 16 slots in one transaction: their block goes in once.
      blocks.computeIfAbsent(write.blockNumber(), number -> block(channel, number));
    }
    return new ReportBundle.Market(
        channel.channel().name(),
        terms.currency(),
        terms.prices(),
        clearings,
        List.copyOf(blocks.values()),
        BundleParts.certificates(channel));
  }

  /**
   * Whether the slot counts in the month's figures, by contracts-market's rule on the slot
   * recomputed as the verifier recomputes it.
   *
   * @throws ReportRefusedException if the ledger's record does not recompute
   */
  private static boolean counts(MarketSlot slot) {
    try {
      return CommunityFigures.counts(
          SlotVerification.recompute(slot.clearing(), slot.terms(), slot.currency()));
    } catch (SlotVerification.Failed e) {
      throw new ReportRefusedException(
          "slot " + slot.clearing().slot() + " does not recompute: " + e.getMessage());
    }
  }

  private static BillBundle.Block block(AnchoringLedger channel, long number) {
    byte[] block =
        channel
            .blocks()
            .block(number)
            .orElseThrow(
                () -> new EvidenceUnavailableException("the ledger holds no block " + number))
            .toByteArray();
    return new BillBundle.Block(number, Base64.getEncoder().encodeToString(block));
  }

  private static String label(Measure measure) {
    return switch (measure) {
      case TRADED_KWH -> "Energy traded in the village, households and battery";
      case TRADED_AMOUNT -> "Paid to sellers in the village for it: money that stayed local";
      case AVERAGE_PRICE -> "Average price sellers received, volume-weighted";
      case UTILITY_IMPORT_KWH -> "Households' energy from the utility";
      case UTILITY_EXPORT_KWH -> "Households' energy to the utility";
      case HOUSEHOLD_SAVINGS -> "Households' savings against their bills without trading";
      case BATTERY_CHARGED_KWH -> "Energy the community battery bought";
      case BATTERY_DISCHARGED_KWH -> "Energy the community battery sold";
      case BATTERY_NET_REVENUE -> "The community battery's net revenue, the community's";
      case BATTERY_CYCLES -> "The community battery's equivalent full cycles";
      case MECHANISM_SURPLUS -> "The clearing's surplus, the community's";
    };
  }
}
