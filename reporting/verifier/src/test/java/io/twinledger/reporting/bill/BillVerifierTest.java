package io.twinledger.reporting.bill;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.verify.VerifyMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BillVerifier} on a bill bundle from a real embedded peer run (the service's {@code
 * BillBundleTest}: three households, four slots of November 2026 cleared on the ledger, household
 * {@code hh-a}'s bundle as the endpoint gave it): intact it passes; each tamper fails, and the line
 * that fails names the slot (or the bill line) it is in.
 */
class BillVerifierTest {

  static final String FIXTURE = "/bill/demo-bill.json.gz";
  static final String NOON = "slot 2026-11-03T03:00:00Z";
  static final String EVENING = "slot 2026-11-03T10:15:00Z";

  private static final Consortium CONSORTIUM = Consortium.twinLedger();
  private static BillBundle intact;

  @TempDir Path dir;

  @BeforeAll
  static void read() throws Exception {
    intact = BillJson.read(fixture());
  }

  @Test
  void theIntactBillVerifies() {
    Verification verification = verify(intact);

    assertThat(verification.failures()).isEmpty();
    assertThat(verification.exitCode()).isZero();
    assertThat(verification.findings())
        .extracting(Finding::item)
        .containsExactly(
            "bill",
            NOON,
            "slot 2026-11-03T03:15:00Z",
            "slot 2026-11-03T10:00:00Z",
            EVENING,
            "operator",
            "bill line BOUGHT_FROM_NEIGHBOURS",
            "bill line SOLD_TO_NEIGHBOURS",
            "bill line IMPORTED_FROM_UTILITY",
            "bill line EXPORTED_TO_UTILITY",
            "bill line GRID_FEES",
            "bill line SAVINGS",
            "bill total");
    assertThat(verification.findings().get(1).detail())
        .startsWith("ok — block ")
        .contains("VALID, endorsed")
        .contains("cleared again");
    assertThat(verification.findings().get(5).detail())
        .contains("EnergyCommunityMSP client")
        .contains("created every clearing");
  }

  @Test
  void aTamperedBillLineFailsNamingTheLine() {
    BillBundle tampered =
        withBill(
            intact,
            lines -> {
              BillBundle.Line l = lines.get(2);
              lines.set(
                  2, new BillBundle.Line(l.kind(), l.kwh(), l.exactAmount(), "100", l.slots()));
            });

    assertThat(failures(tampered))
        .containsExactly("bill line IMPORTED_FROM_UTILITY: amount 121 recomputed, 100 on the bill");
  }

  @Test
  void aTamperedTotalFails() {
    BillBundle.Bill bill = intact.bill();
    BillBundle tampered =
        copy(
            intact,
            new BillBundle.Bill(bill.lines(), "-30", bill.baselineTotal()),
            intact.slots(),
            intact.terms());

    assertThat(failures(tampered))
        .containsExactly("bill total: total -21 recomputed, -30 on the bill");
  }

  @Test
  void aTamperedBilledAccountFailsNamingTheSlot() {
    BillBundle tampered =
        withSlot(
            intact,
            0,
            s -> {
              BillBundle.Account a = s.account();
              return new BillBundle.Slot(
                  s.slot(),
                  s.txId(),
                  s.blockNumber(),
                  s.clearing(),
                  new BillBundle.Account(
                      a.participant(),
                      a.netKwh(),
                      a.boughtKwh(),
                      a.boughtAmount(),
                      a.soldKwh(),
                      "50",
                      a.feesAmount(),
                      a.utilityImportKwh(),
                      a.utilityImportAmount(),
                      a.utilityExportKwh(),
                      a.utilityExportAmount(),
                      a.total(),
                      a.baselineTotal(),
                      a.savings()),
                  s.reading());
            });

    List<String> failures = failures(tampered);
    assertThat(failures.getFirst())
        .startsWith(NOON + ": the billed account differs from the ledger's")
        .contains("soldAmount=50");
    // The bill was recomputed from the billed (tampered) accounts too.
    assertThat(failures).anyMatch(f -> f.startsWith("bill line SOLD_TO_NEIGHBOURS"));
  }

  @Test
  void aTamperedTradeOrderOrAccountInTheSlotFailsNamingTheSlot() {
    BillBundle trade =
        withClearing(
            intact,
            0,
            c -> {
              List<BillBundle.Trade> trades = new ArrayList<>(c.trades());
              BillBundle.Trade t = trades.getFirst();
              trades.set(
                  0, new BillBundle.Trade(t.bid(), t.ask(), t.quantity(), "120", t.buyerPrice()));
              return clearing(c, c.orders(), trades, c.accounts());
            });
    BillBundle order =
        withClearing(
            intact,
            3,
            c -> {
              List<BillBundle.Order> orders = new ArrayList<>(c.orders());
              BillBundle.Order o = orders.getFirst();
              orders.set(
                  0,
                  new BillBundle.Order(
                      o.slot(), o.participant(), o.side(), "99", o.quantity(), o.txId()));
              return clearing(c, orders, c.trades(), c.accounts());
            });
    BillBundle account =
        withClearing(
            intact,
            0,
            c -> {
              List<BillBundle.Account> accounts = new ArrayList<>(c.accounts());
              BillBundle.Account a = accounts.get(1);
              accounts.set(
                  1,
                  new BillBundle.Account(
                      a.participant(),
                      a.netKwh(),
                      a.boughtKwh(),
                      "1",
                      a.soldKwh(),
                      a.soldAmount(),
                      a.feesAmount(),
                      a.utilityImportKwh(),
                      a.utilityImportAmount(),
                      a.utilityExportKwh(),
                      a.utilityExportAmount(),
                      a.total(),
                      a.baselineTotal(),
                      a.savings()));
              return clearing(c, c.orders(), c.trades(), accounts);
            });

    assertThat(failures(trade))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(NOON + ": the bundled clearing differs from the ledger's record")
        .contains("its trades");
    assertThat(failures(order))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(EVENING + ": the bundled clearing differs")
        .contains("its orders");
    assertThat(failures(account))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(NOON + ": the bundled clearing differs")
        .contains("its accounts");
  }

  @Test
  void aTamperedBlockFailsNamingTheSlot() {
    long number = intact.slots().getFirst().blockNumber();
    List<BillBundle.Block> blocks = new ArrayList<>();
    for (BillBundle.Block b : intact.blocks()) {
      if (b.number() != number) {
        blocks.add(b);
        continue;
      }
      byte[] block = Base64.getDecoder().decode(b.block());
      // A byte inside the envelope: the clearing's JSON in the write set.
      int at = indexOf(block, "\"volume\":\"".getBytes(StandardCharsets.UTF_8)) + 10;
      block[at] = (byte) (block[at] == '9' ? '8' : '9');
      blocks.add(new BillBundle.Block(number, Base64.getEncoder().encodeToString(block)));
    }

    assertThat(failures(withBlocks(intact, blocks)))
        .containsExactly(
            NOON
                + ": block "
                + number
                + ": data hash mismatch — its transactions do not hash to the header's data hash");
  }

  @Test
  void aSlotWhoseBlockIsNotInTheBundleIsMalformedNamingTheSlot() {
    long number = intact.slots().getFirst().blockNumber();
    BillBundle without =
        withBlocks(intact, intact.blocks().stream().filter(b -> b.number() != number).toList());

    assertThat(failures(without))
        .containsExactly(NOON + ": malformed — its block " + number + " is not in the bundle");
  }

  @Test
  void aBlockListedTwiceMakesTheBundleMalformed() {
    List<BillBundle.Block> blocks = new ArrayList<>(intact.blocks());
    blocks.add(blocks.getFirst());

    assertThat(failures(withBlocks(intact, blocks)))
        .containsExactly(
            "blocks: malformed — block " + blocks.getFirst().number() + " is there twice");
  }

  @Test
  void anotherSlotsBlockFailsNamingTheSlot() {
    BillBundle.Slot other = intact.slots().get(1);
    BillBundle tampered =
        withSlot(
            intact,
            0,
            s ->
                new BillBundle.Slot(
                    s.slot(),
                    s.txId(),
                    other.blockNumber(),
                    s.clearing(),
                    s.account(),
                    s.reading()));

    assertThat(failures(tampered))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(NOON + ": transaction " + intact.slots().getFirst().txId() + " not in block");
  }

  @Test
  void aTamperedMeterReadingFailsNamingTheSlot() {
    BillBundle tampered =
        withSlot(
            intact,
            3,
            s ->
                new BillBundle.Slot(
                    s.slot(),
                    s.txId(),
                    s.blockNumber(),
                    s.clearing(),
                    s.account(),
                    new BillBundle.Reading("0.5", s.reading().exportKwh())));

    assertThat(failures(tampered))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(EVENING + ": the meter reading's net (import - export): recomputed 0.5");
  }

  @Test
  void otherTermsDoNotSettleTheRecordedAccounts() {
    BillBundle.Terms t = intact.terms();
    BillBundle tampered =
        copy(
            intact,
            intact.bill(),
            intact.slots(),
            new BillBundle.Terms("5", t.feedInTariff(), t.retailTariff()));

    List<String> failures = failures(tampered);
    assertThat(failures).hasSize(4);
    assertThat(failures).allMatch(f -> f.startsWith("slot 2026-11-03T"));
    assertThat(failures.getFirst()).contains("feesAmount: recomputed");
  }

  @Test
  void theCommandLineReadsGzipOrPlainJsonAndExitsByTheVerdict() throws Exception {
    Path gzip = dir.resolve("bill.json.gz");
    try (InputStream in = BillVerifierTest.class.getResourceAsStream(FIXTURE)) {
      Files.write(gzip, in.readAllBytes());
    }
    Path plain = dir.resolve("bill.json");
    Files.write(plain, fixture());
    Path tampered = dir.resolve("tampered.json");
    Files.write(
        tampered,
        new String(fixture(), StandardCharsets.UTF_8)
            .replace("\"total\":\"-21\",\"baselineTotal\"", "\"total\":\"-22\",\"baselineTotal\"")
            .getBytes(StandardCharsets.UTF_8));
    Path malformed = dir.resolve("malformed.json");
    Files.writeString(malformed, "{\"format\":\"twinledger-bill/v2\"}");

    assertThat(run(gzip)).startsWith("0\n").contains("verdict: VERIFIED — all 13 checks passed");
    assertThat(run(plain)).startsWith("0\n");
    assertThat(run(tampered))
        .startsWith("1\n")
        .contains("bill total: total -21 recomputed, -22 on the bill")
        .contains("verdict: NOT VERIFIED — 1 of 13 checks failed");
    assertThat(run(malformed)).startsWith("2\n").contains("malformed — missing field");
  }

  private static String run(Path file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        VerifyMain.run(
            new String[] {"verify-bill", file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return code + "\n" + out.toString(StandardCharsets.UTF_8);
  }

  private static Verification verify(BillBundle bundle) {
    return new BillVerifier(() -> CONSORTIUM).verify(bundle);
  }

  private static List<String> failures(BillBundle bundle) {
    return verify(bundle).failures().stream().map(Finding::line).toList();
  }

  static byte[] fixture() throws IOException {
    try (InputStream in =
        new GZIPInputStream(BillVerifierTest.class.getResourceAsStream(FIXTURE))) {
      return in.readAllBytes();
    }
  }

  private static BillBundle copy(
      BillBundle b, BillBundle.Bill bill, List<BillBundle.Slot> slots, BillBundle.Terms terms) {
    return copy(b, bill, slots, b.blocks(), terms);
  }

  private static BillBundle copy(
      BillBundle b,
      BillBundle.Bill bill,
      List<BillBundle.Slot> slots,
      List<BillBundle.Block> blocks,
      BillBundle.Terms terms) {
    return new BillBundle(
        b.format(),
        b.household(),
        b.month(),
        b.zone(),
        b.currency(),
        b.channel(),
        terms,
        bill,
        slots,
        blocks,
        b.certificates());
  }

  private static BillBundle withBlocks(BillBundle b, List<BillBundle.Block> blocks) {
    return copy(b, b.bill(), b.slots(), blocks, b.terms());
  }

  private static BillBundle withBill(
      BillBundle b, java.util.function.Consumer<List<BillBundle.Line>> change) {
    List<BillBundle.Line> lines = new ArrayList<>(b.bill().lines());
    change.accept(lines);
    return copy(
        b,
        new BillBundle.Bill(lines, b.bill().total(), b.bill().baselineTotal()),
        b.slots(),
        b.terms());
  }

  private static BillBundle withSlot(
      BillBundle b, int index, UnaryOperator<BillBundle.Slot> change) {
    List<BillBundle.Slot> slots = new ArrayList<>(b.slots());
    slots.set(index, change.apply(slots.get(index)));
    return copy(b, b.bill(), slots, b.terms());
  }

  private static BillBundle withClearing(
      BillBundle b, int index, UnaryOperator<BillBundle.Clearing> change) {
    return withSlot(
        b,
        index,
        s ->
            new BillBundle.Slot(
                s.slot(),
                s.txId(),
                s.blockNumber(),
                change.apply(s.clearing()),
                s.account(),
                s.reading()));
  }

  private static BillBundle.Clearing clearing(
      BillBundle.Clearing c,
      List<BillBundle.Order> orders,
      List<BillBundle.Trade> trades,
      List<BillBundle.Account> accounts) {
    return new BillBundle.Clearing(
        c.slot(),
        c.rule(),
        c.price(),
        c.volume(),
        orders,
        trades,
        accounts,
        c.soldKwh(),
        c.boughtKwh(),
        c.buyersPaid(),
        c.sellersReceived(),
        c.fees(),
        c.mechanismSurplus(),
        c.batteryBeforeKwh(),
        c.batteryAfterKwh(),
        c.txId(),
        c.clearedAt());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not found");
  }
}
