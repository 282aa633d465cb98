package io.twinledger.service.market;

import io.twinledger.contracts.energy.SlotAccount;
import io.twinledger.contracts.energy.SlotClearing;
import io.twinledger.contracts.energy.SlotTrade;
import io.twinledger.market.bill.MonthlyBill;
import io.twinledger.market.figures.CommunityFigures;
import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.slot.SlotId;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The energy market's read model: every slot the ledger cleared, with its clearing transaction and
 * block, and every participant's settlement of it (migration {@code V7_0__energy_market.sql}).
 * Written once per slot after the clearing committed; a slot recorded twice keeps its first row.
 */
public final class MarketBook {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final JsonMapper json;

  public MarketBook(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
  }

  /** A cleared slot as recorded: the ledger's record, its transaction and block. */
  public record RecordedSlot(SlotClearing clearing, String txId, long blockNumber) {

    /** The slot. */
    public SlotId slot() {
      return SlotId.parse(clearing.slot());
    }
  }

  /** One slot's line in a list: price (if any), volume, transaction and block. */
  public record SlotSummary(
      SlotId slot, Optional<BigDecimal> price, BigDecimal volume, String txId, long blockNumber) {}

  /** Records a cleared slot and its accounts, once. */
  public void record(SlotClearing clearing, long blockNumber) {
    Timestamp start = Timestamp.from(SlotId.parse(clearing.slot()).start());
    BigDecimal traded = BigDecimal.ZERO;
    for (SlotTrade trade : clearing.trades()) {
      traded = traded.add(new BigDecimal(trade.quantity()).multiply(new BigDecimal(trade.price())));
    }
    BigDecimal tradedAmount = traded;
    transactions.executeWithoutResult(
        status -> {
          int inserted =
              jdbc.sql(
                      "INSERT INTO market_slot (slot_start, tx_id, block_number, price, volume,"
                          + " traded_amount, mechanism_surplus, battery_after_kwh, clearing)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                  .params(
                      start,
                      clearing.txId(),
                      blockNumber,
                      decimal(clearing.price()).orElse(null),
                      new BigDecimal(clearing.volume()),
                      tradedAmount,
                      new BigDecimal(clearing.mechanismSurplus()),
                      decimal(clearing.batteryAfterKwh()).orElse(null),
                      json.writeValueAsString(clearing))
                  .update();
          if (inserted == 0) {
            return;
          }
          for (SlotAccount account : clearing.accounts()) {
            jdbc.sql(
                    "INSERT INTO market_account (participant, slot_start, net_kwh, bought_kwh,"
                        + " bought_amount, sold_kwh, sold_amount, fees_amount,"
                        + " utility_import_kwh, utility_import_amount, utility_export_kwh,"
                        + " utility_export_amount, baseline_total)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                    account.participant(),
                    start,
                    new BigDecimal(account.netKwh()),
                    new BigDecimal(account.boughtKwh()),
                    new BigDecimal(account.boughtAmount()),
                    new BigDecimal(account.soldKwh()),
                    new BigDecimal(account.soldAmount()),
                    new BigDecimal(account.feesAmount()),
                    new BigDecimal(account.utilityImportKwh()),
                    new BigDecimal(account.utilityImportAmount()),
                    new BigDecimal(account.utilityExportKwh()),
                    new BigDecimal(account.utilityExportAmount()),
                    new BigDecimal(account.baselineTotal()))
                .update();
          }
        });
  }

  /** The last slot recorded. */
  public Optional<SlotId> lastCleared() {
    return jdbc.sql("SELECT max(slot_start) FROM market_slot")
        .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)))
        .single()
        .map(t -> SlotId.of(t.toInstant()));
  }

  /** A recorded slot. */
  public Optional<RecordedSlot> slot(SlotId slot) {
    return recorded(slot.start(), slot.end()).stream().findFirst();
  }

  /** The slots recorded in {@code [from, to)} with their ledger records, oldest first. */
  public List<RecordedSlot> recorded(Instant from, Instant to) {
    return jdbc.sql(
            "SELECT clearing, tx_id, block_number FROM market_slot"
                + " WHERE slot_start >= ? AND slot_start < ? ORDER BY slot_start")
        .params(Timestamp.from(from), Timestamp.from(to))
        .query(
            (rs, n) ->
                new RecordedSlot(
                    json.readValue(rs.getString(1), SlotClearing.class),
                    rs.getString(2),
                    rs.getLong(3)))
        .list();
  }

  /** The slots recorded in {@code [from, to)}, oldest first, at most {@code limit}. */
  public List<SlotSummary> slots(Instant from, Instant to, int limit) {
    return jdbc.sql(
            "SELECT slot_start, price, volume, tx_id, block_number FROM market_slot"
                + " WHERE slot_start >= ? AND slot_start < ? ORDER BY slot_start LIMIT ?")
        .params(Timestamp.from(from), Timestamp.from(to), limit)
        .query(
            (rs, n) ->
                new SlotSummary(
                    SlotId.of(rs.getTimestamp(1).toInstant()),
                    Optional.ofNullable(rs.getBigDecimal(2)),
                    rs.getBigDecimal(3),
                    rs.getString(4),
                    rs.getLong(5)))
        .list();
  }

  /**
   * The battery's state of charge after each slot recorded in {@code [from, to)}, kWh, oldest
   * first; slots cleared without a battery are left out.
   */
  public Map<SlotId, BigDecimal> batteryAfter(Instant from, Instant to) {
    Map<SlotId, BigDecimal> after = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT slot_start, battery_after_kwh FROM market_slot WHERE slot_start >= ?"
                + " AND slot_start < ? AND battery_after_kwh IS NOT NULL ORDER BY slot_start")
        .params(Timestamp.from(from), Timestamp.from(to))
        .query(
            (ResultSet rs) -> {
              after.put(SlotId.of(rs.getTimestamp(1).toInstant()), rs.getBigDecimal(2));
            });
    return after;
  }

  /** A participant's accounts of the slots in {@code [from, to)}, in time order. */
  public Map<SlotId, ParticipantAccount> accounts(String participant, Instant from, Instant to) {
    Map<SlotId, ParticipantAccount> accounts = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT slot_start, participant, net_kwh, bought_kwh, bought_amount, sold_kwh,"
                + " sold_amount, fees_amount, utility_import_kwh, utility_import_amount,"
                + " utility_export_kwh, utility_export_amount, baseline_total FROM market_account"
                + " WHERE participant = ? AND slot_start >= ? AND slot_start < ?"
                + " ORDER BY slot_start")
        .params(participant, Timestamp.from(from), Timestamp.from(to))
        .query(
            (ResultSet rs) -> {
              accounts.put(SlotId.of(rs.getTimestamp(1).toInstant()), account(rs));
            });
    return accounts;
  }

  /** A household's bill for a month, from its accounts of the month's slots. */
  public MonthlyBill bill(String household, YearMonth month, ZoneId zone, String currency) {
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    return MonthlyBill.of(household, month, zone, currency, accounts(household, from, to));
  }

  /** The months in which a participant has accounts, newest first. */
  public List<YearMonth> months(String participant, ZoneId zone) {
    return jdbc.sql(
            "SELECT DISTINCT date_trunc('month', slot_start AT TIME ZONE ?) FROM market_account"
                + " WHERE participant = ? ORDER BY 1 DESC")
        .params(zone.getId(), participant)
        .query((rs, n) -> YearMonth.from(rs.getTimestamp(1).toLocalDateTime()))
        .list();
  }

  /**
   * The community's figures over the slots in {@code [from, to)}. Consumption and generation behind
   * the meters are not metered, so self-sufficiency and self-consumption stay empty here (the
   * simulation has them).
   *
   * @param battery the battery's participant id, blank without one
   * @param batteryUsableKwh its usable capacity, zero without one
   */
  public CommunityFigures figures(
      Instant from, Instant to, String battery, BigDecimal batteryUsableKwh) {
    Timestamp start = Timestamp.from(from);
    Timestamp end = Timestamp.from(to);
    BigDecimal[] slots =
        jdbc.sql(
                "SELECT count(*), coalesce(sum(volume), 0), coalesce(sum(traded_amount), 0),"
                    + " coalesce(sum(mechanism_surplus), 0) FROM market_slot"
                    + " WHERE slot_start >= ? AND slot_start < ?")
            .params(start, end)
            .query(
                (rs, n) ->
                    new BigDecimal[] {
                      rs.getBigDecimal(1),
                      rs.getBigDecimal(2),
                      rs.getBigDecimal(3),
                      rs.getBigDecimal(4)
                    })
            .single();
    // Summed here from each account, so savings and the battery's revenue keep their one
    // definition in ParticipantAccount.
    BigDecimal[] sums = new BigDecimal[6];
    Arrays.fill(sums, BigDecimal.ZERO);
    jdbc.sql(
            "SELECT slot_start, participant, net_kwh, bought_kwh, bought_amount, sold_kwh,"
                + " sold_amount, fees_amount, utility_import_kwh, utility_import_amount,"
                + " utility_export_kwh, utility_export_amount, baseline_total FROM market_account"
                + " WHERE slot_start >= ? AND slot_start < ?")
        .params(start, end)
        .query(
            (ResultSet rs) -> {
              ParticipantAccount account = account(rs);
              sums[0] = sums[0].add(account.utilityImportKwh());
              sums[1] = sums[1].add(account.utilityExportKwh());
              if (account.participant().equals(battery)) {
                sums[3] = sums[3].add(account.boughtKwh());
                sums[4] = sums[4].add(account.soldKwh());
                sums[5] = sums[5].subtract(account.total());
              } else {
                sums[2] = sums[2].add(account.savings());
              }
            });
    return new CommunityFigures(
        slots[0].longValue(),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        sums[0],
        sums[1],
        slots[1],
        slots[2],
        sums[2],
        sums[3],
        sums[4],
        sums[5],
        slots[3],
        batteryUsableKwh);
  }

  private static ParticipantAccount account(ResultSet rs) throws SQLException {
    return new ParticipantAccount(
        rs.getString(2),
        rs.getBigDecimal(3),
        rs.getBigDecimal(4),
        rs.getBigDecimal(5),
        rs.getBigDecimal(6),
        rs.getBigDecimal(7),
        rs.getBigDecimal(8),
        rs.getBigDecimal(9),
        rs.getBigDecimal(10),
        rs.getBigDecimal(11),
        rs.getBigDecimal(12),
        rs.getBigDecimal(13));
  }

  private static Optional<BigDecimal> decimal(String text) {
    return text == null || text.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(text));
  }
}
