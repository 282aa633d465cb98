package io.twinledger.ledger.bond.projection;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.ledger.bond.api.CheckpointRef;
import io.twinledger.ledger.bond.api.DecidedPayment;
import io.twinledger.ledger.bond.api.PeriodUse;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the bonds' read model written by {@link BondProjection}. */
public class Bonds {

  private static final TypeReference<List<PeriodUse>> PERIODS = new TypeReference<>() {};
  private static final TypeReference<List<DecidedPayment>> PAYMENTS = new TypeReference<>() {};
  private static final TypeReference<List<DeterminationView.Dispute>> DISPUTES =
      new TypeReference<>() {};

  /** Payout lines with their payment's kind and date and their payout's digest. */
  private static final String PAYOUT_LINES =
      """
      SELECT l.bond_id, l.payment_id, p.kind, p.payment_date, l.chain, l.holder, l.amount,
             o.currency, o.allocation_digest
      FROM bond_payout_line l
      JOIN bond_payout_view o USING (bond_id, payment_id, chain)
      JOIN bond_payment_view p USING (bond_id, payment_id)
      """;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public Bonds(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Every bond, by id. */
  public List<BondView> list() {
    return jdbc.sql("SELECT * FROM bond_view ORDER BY bond_id").query(Bonds::bond).list();
  }

  /** A bond, at its current version. */
  public Optional<BondView> find(String bondId) {
    return jdbc.sql("SELECT * FROM bond_view WHERE bond_id = :id")
        .param("id", bondId)
        .query(Bonds::bond)
        .optional();
  }

  /** Every version of a bond's terms, oldest first. */
  public List<BondVersionView> versions(String bondId) {
    return jdbc.sql("SELECT * FROM bond_version_view WHERE bond_id = :id ORDER BY version")
        .param("id", bondId)
        .query(
            (rs, n) ->
                new BondVersionView(
                    rs.getString("bond_id"),
                    rs.getInt("version"),
                    rs.getString("terms"),
                    rs.getString("terms_hash"),
                    Optional.ofNullable(rs.getString("reason")),
                    rs.getTimestamp("recorded_at").toInstant()))
        .list();
  }

  /** The register of holders of a bond, in holder-id order. */
  public List<Holding> holdings(String bondId) {
    return jdbc.sql(
            "SELECT holder, units FROM bond_holding_view WHERE bond_id = :id ORDER BY holder"
                + " COLLATE \"C\"")
        .param("id", bondId)
        .query((rs, n) -> new Holding(rs.getString("holder"), rs.getLong("units")))
        .list();
  }

  /** One holder's units in each bond they hold, by bond id. */
  public List<HolderHolding> holdingsOf(String holder) {
    return jdbc.sql(
            """
            SELECT h.bond_id, h.units, b.total_units, b.status
            FROM bond_holding_view h JOIN bond_view b ON b.bond_id = h.bond_id
            WHERE h.holder = :holder ORDER BY h.bond_id
            """)
        .param("holder", holder)
        .query(
            (rs, n) ->
                new HolderHolding(
                    rs.getString("bond_id"),
                    holder,
                    rs.getLong("units"),
                    rs.getLong("total_units"),
                    rs.getString("status")))
        .list();
  }

  /** A bond's determinations, oldest proposal first. */
  public List<DeterminationView> determinations(String bondId) {
    return jdbc.sql(
            "SELECT * FROM bond_determination_view WHERE bond_id = :id"
                + " ORDER BY proposed_at, determination_id")
        .param("id", bondId)
        .query(this::determination)
        .list();
  }

  /**
   * The KPI periods a bond's co-signed determinations used, each once: the observations its
   * schedule is decided from (a stepped-up coupon among them).
   */
  public List<PeriodUse> decidedPeriods(String bondId) {
    return determinations(bondId).stream()
        .filter(d -> d.status().equals("COSIGNED"))
        .flatMap(d -> d.periods().stream())
        .distinct()
        .toList();
  }

  /** One determination. */
  public Optional<DeterminationView> determination(String bondId, String determinationId) {
    return jdbc.sql(
            "SELECT * FROM bond_determination_view WHERE bond_id = :id AND determination_id = :d")
        .param("id", bondId)
        .param("d", determinationId)
        .query(this::determination)
        .optional();
  }

  /** Determinations of every bond in the given status, oldest first: the trustee's queue. */
  public List<DeterminationView> determinationsIn(String status) {
    return jdbc.sql(
            "SELECT * FROM bond_determination_view WHERE status = :status"
                + " ORDER BY proposed_at, bond_id, determination_id")
        .param("status", status)
        .query(this::determination)
        .list();
  }

  /** A bond's declared payments, by date. */
  public List<PaymentView> payments(String bondId) {
    return jdbc.sql(
            """
            SELECT p.*, ARRAY(SELECT chain FROM bond_payout_view o
                              WHERE o.bond_id = p.bond_id AND o.payment_id = p.payment_id
                              ORDER BY chain) AS paid_on
            FROM bond_payment_view p WHERE p.bond_id = :id
            ORDER BY payment_date, payment_id
            """)
        .param("id", bondId)
        .query(
            (rs, n) ->
                new PaymentView(
                    rs.getString("bond_id"),
                    rs.getString("payment_id"),
                    rs.getString("kind"),
                    rs.getDate("payment_date").toLocalDate(),
                    rs.getDate("record_date").toLocalDate(),
                    money(rs, "amount"),
                    Optional.ofNullable(rs.getString("determination_id")),
                    rs.getTimestamp("declared_at").toInstant(),
                    strings(rs.getArray("paid_on"))))
        .list();
  }

  /** A bond's payouts, by payment and chain. */
  public List<PayoutView> payouts(String bondId) {
    return jdbc.sql(
            "SELECT * FROM bond_payout_view WHERE bond_id = :id ORDER BY recorded_at, payment_id,"
                + " chain")
        .param("id", bondId)
        .query(
            (rs, n) ->
                new PayoutView(
                    rs.getString("bond_id"),
                    rs.getString("payment_id"),
                    rs.getString("chain"),
                    money(rs, "total"),
                    rs.getInt("holders"),
                    rs.getString("allocation_digest"),
                    rs.getLong("record_block"),
                    strings(rs.getArray("transactions")),
                    rs.getTimestamp("recorded_at").toInstant()))
        .list();
  }

  /** What one holder received, newest payment first. */
  public List<HolderPayout> payoutsOf(String holder) {
    return jdbc.sql(
            PAYOUT_LINES
                + """
                WHERE l.holder = :holder
                ORDER BY p.payment_date DESC, l.bond_id, l.payment_id, l.chain
                """)
        .param("holder", holder)
        .query(Bonds::holderPayout)
        .list();
  }

  /** The per-holder lines of one payout, in holder-id order. */
  public List<HolderPayout> payoutLines(String bondId, String paymentId, String chain) {
    return jdbc.sql(
            PAYOUT_LINES
                + """
                WHERE l.bond_id = :id AND l.payment_id = :payment AND l.chain = :chain
                ORDER BY l.holder COLLATE "C"
                """)
        .param("id", bondId)
        .param("payment", paymentId)
        .param("chain", chain)
        .query(Bonds::holderPayout)
        .list();
  }

  private static HolderPayout holderPayout(ResultSet rs, int n) throws SQLException {
    return new HolderPayout(
        rs.getString("bond_id"),
        rs.getString("payment_id"),
        rs.getString("kind"),
        rs.getDate("payment_date").toLocalDate(),
        rs.getString("chain"),
        rs.getString("holder"),
        money(rs, "amount"),
        rs.getString("allocation_digest"));
  }

  private DeterminationView determination(ResultSet rs, int n) throws SQLException {
    Timestamp decided = rs.getTimestamp("decided_at");
    return new DeterminationView(
        rs.getString("bond_id"),
        rs.getString("determination_id"),
        rs.getInt("feature"),
        rs.getString("terms_hash"),
        rs.getString("outcome"),
        json.readValue(rs.getString("periods"), PERIODS),
        json.readValue(rs.getString("checkpoint"), CheckpointRef.class),
        json.readValue(rs.getString("payments"), PAYMENTS),
        rs.getString("status"),
        Optional.ofNullable(rs.getString("trustee")),
        Optional.ofNullable(rs.getString("reason")),
        json.readValue(rs.getString("disputes"), DISPUTES),
        rs.getTimestamp("proposed_at").toInstant(),
        Optional.ofNullable(decided).map(Timestamp::toInstant));
  }

  private static BondView bond(ResultSet rs, int n) throws SQLException {
    return new BondView(
        rs.getString("bond_id"),
        rs.getInt("version"),
        rs.getString("terms"),
        rs.getString("terms_hash"),
        rs.getString("status"),
        rs.getInt("register_version"),
        rs.getLong("total_units"),
        rs.getTimestamp("defined_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static Money money(ResultSet rs, String column) throws SQLException {
    return Money.of(rs.getString("currency"), rs.getBigDecimal(column).toPlainString());
  }

  private static List<String> strings(Array array) throws SQLException {
    return Arrays.asList((String[]) array.getArray());
  }
}
