package io.twinledger.ledger.bond.projection;

import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.Payout;
import io.twinledger.ledger.bond.api.BondDefined;
import io.twinledger.ledger.bond.api.BondIssued;
import io.twinledger.ledger.bond.api.BondMatured;
import io.twinledger.ledger.bond.api.BondRevised;
import io.twinledger.ledger.bond.api.DeterminationCosigned;
import io.twinledger.ledger.bond.api.DeterminationDisputed;
import io.twinledger.ledger.bond.api.DeterminationProposed;
import io.twinledger.ledger.bond.api.DeterminationRejected;
import io.twinledger.ledger.bond.api.HoldingsRecorded;
import io.twinledger.ledger.bond.api.PaymentDeclared;
import io.twinledger.ledger.bond.api.PayoutRecorded;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the bonds' read model: terms and versions, the register of holders, determinations,
 * payments and payouts with each holder's line.
 *
 * <p>Every write is an insert that ignores a row already there or an update guarded by the state it
 * moves from, so a redelivered event changes nothing; timestamps come from the events, so a replay
 * rebuilds the tables identically.
 */
@ProcessingGroup(BondProjection.PROCESSING_GROUP)
public class BondProjection {

  /** Name of the streaming processor and of its token. */
  public static final String PROCESSING_GROUP = "bond-projection";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public BondProjection(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @EventHandler
  void on(BondDefined event, @org.axonframework.eventhandling.Timestamp Instant at) {
    jdbc.sql(
            """
            INSERT INTO bond_view (bond_id, version, terms, terms_hash, status, defined_at,
                                   updated_at)
            VALUES (:id, :version, :terms, :hash, 'DRAFT', :at, :at)
            ON CONFLICT (bond_id) DO NOTHING
            """)
        .param("id", event.bondId())
        .param("version", event.version())
        .param("terms", event.terms())
        .param("hash", event.termsHash())
        .param("at", Timestamp.from(at))
        .update();
    version(event.bondId(), event.version(), event.terms(), event.termsHash(), null, at);
  }

  @EventHandler
  void on(BondRevised event, @org.axonframework.eventhandling.Timestamp Instant at) {
    jdbc.sql(
            """
            UPDATE bond_view SET version = :version, terms = :terms, terms_hash = :hash,
                                 updated_at = :at
            WHERE bond_id = :id AND version < :version
            """)
        .param("id", event.bondId())
        .param("version", event.version())
        .param("terms", event.terms())
        .param("hash", event.termsHash())
        .param("at", Timestamp.from(at))
        .update();
    version(event.bondId(), event.version(), event.terms(), event.termsHash(), event.reason(), at);
  }

  @EventHandler
  void on(BondIssued event, @org.axonframework.eventhandling.Timestamp Instant at) {
    status(event.bondId(), "ISSUED", "DRAFT", at);
  }

  @EventHandler
  void on(BondMatured event, @org.axonframework.eventhandling.Timestamp Instant at) {
    status(event.bondId(), "MATURED", "ISSUED", at);
  }

  @EventHandler
  void on(HoldingsRecorded event, @org.axonframework.eventhandling.Timestamp Instant at) {
    int updated =
        jdbc.sql(
                """
                UPDATE bond_view SET register_version = :version, total_units = :total,
                                     updated_at = :at
                WHERE bond_id = :id AND register_version < :version
                """)
            .param("id", event.bondId())
            .param("version", event.version())
            .param("total", event.totalUnits())
            .param("at", Timestamp.from(at))
            .update();
    if (updated == 0) {
      return;
    }
    jdbc.sql("DELETE FROM bond_holding_view WHERE bond_id = :id")
        .param("id", event.bondId())
        .update();
    for (Holding holding : event.holdings()) {
      jdbc.sql("INSERT INTO bond_holding_view (bond_id, holder, units) VALUES (:id, :h, :u)")
          .param("id", event.bondId())
          .param("h", holding.holder())
          .param("u", holding.units())
          .update();
    }
  }

  @EventHandler
  void on(DeterminationProposed event, @org.axonframework.eventhandling.Timestamp Instant at) {
    // A determination proposed again after a rejection replaces the rejected one.
    jdbc.sql(
            """
            INSERT INTO bond_determination_view
                (bond_id, determination_id, feature, terms_hash, outcome, periods, checkpoint,
                 payments, status, proposed_at)
            VALUES (:id, :det, :feature, :hash, :outcome, :periods, :checkpoint, :payments,
                    'PROPOSED', :at)
            ON CONFLICT (bond_id, determination_id) DO UPDATE
              SET feature = EXCLUDED.feature, terms_hash = EXCLUDED.terms_hash,
                  outcome = EXCLUDED.outcome, periods = EXCLUDED.periods,
                  checkpoint = EXCLUDED.checkpoint, payments = EXCLUDED.payments,
                  status = 'PROPOSED', trustee = NULL, reason = NULL, disputes = '[]',
                  proposed_at = EXCLUDED.proposed_at, decided_at = NULL
              WHERE bond_determination_view.status = 'REJECTED'
            """)
        .param("id", event.bondId())
        .param("det", event.determinationId())
        .param("feature", event.feature())
        .param("hash", event.termsHash())
        .param("outcome", event.outcome())
        .param("periods", json.writeValueAsString(event.periods()))
        .param("checkpoint", json.writeValueAsString(event.checkpoint()))
        .param("payments", json.writeValueAsString(event.payments()))
        .param("at", Timestamp.from(at))
        .update();
  }

  @EventHandler
  void on(DeterminationCosigned event, @org.axonframework.eventhandling.Timestamp Instant at) {
    decide(event.bondId(), event.determinationId(), "COSIGNED", event.trustee(), null, at);
  }

  @EventHandler
  void on(DeterminationRejected event, @org.axonframework.eventhandling.Timestamp Instant at) {
    decide(
        event.bondId(), event.determinationId(), "REJECTED", event.trustee(), event.reason(), at);
  }

  @EventHandler
  void on(DeterminationDisputed event) {
    String dispute =
        json.writeValueAsString(List.of(Map.of("used", event.used(), "revised", event.revised())));
    jdbc.sql(
            """
            UPDATE bond_determination_view
            SET disputes = (disputes::jsonb || CAST(:dispute AS jsonb))::text
            WHERE bond_id = :id AND determination_id = :det
              AND NOT disputes::jsonb @> CAST(:dispute AS jsonb)
            """)
        .param("id", event.bondId())
        .param("det", event.determinationId())
        .param("dispute", dispute)
        .update();
  }

  @EventHandler
  void on(PaymentDeclared event, @org.axonframework.eventhandling.Timestamp Instant at) {
    jdbc.sql(
            """
            INSERT INTO bond_payment_view (bond_id, payment_id, kind, payment_date, record_date,
                                           amount, currency, determination_id, declared_at)
            VALUES (:id, :payment, :kind, :date, :record, :amount, :currency, :det, :at)
            ON CONFLICT (bond_id, payment_id) DO NOTHING
            """)
        .param("id", event.bondId())
        .param("payment", event.paymentId())
        .param("kind", event.kind())
        .param("date", Date.valueOf(event.date()))
        .param("record", Date.valueOf(event.recordDate()))
        .param("amount", event.amount().amount())
        .param("currency", event.amount().currency().getCurrencyCode())
        .param("det", event.determinationId().orElse(null))
        .param("at", Timestamp.from(at))
        .update();
  }

  @EventHandler
  void on(PayoutRecorded event, @org.axonframework.eventhandling.Timestamp Instant at) {
    int inserted =
        jdbc.sql(
                """
                INSERT INTO bond_payout_view (bond_id, payment_id, chain, total, currency, holders,
                                              allocation_digest, record_block, transactions,
                                              recorded_at)
                VALUES (:id, :payment, :chain, :total, :currency, :holders, :digest, :block,
                        :transactions, :at)
                ON CONFLICT (bond_id, payment_id, chain) DO NOTHING
                """)
            .param("id", event.bondId())
            .param("payment", event.paymentId())
            .param("chain", event.chain())
            .param("total", event.total().amount())
            .param("currency", event.total().currency().getCurrencyCode())
            .param("holders", event.payouts().size())
            .param("digest", event.allocationDigest())
            .param("block", event.recordBlock())
            .param("transactions", event.transactions().toArray(String[]::new))
            .param("at", Timestamp.from(at))
            .update();
    if (inserted == 0) {
      return;
    }
    for (Payout payout : event.payouts()) {
      jdbc.sql(
              """
              INSERT INTO bond_payout_line (bond_id, payment_id, chain, holder, amount)
              VALUES (:id, :payment, :chain, :holder, :amount)
              """)
          .param("id", event.bondId())
          .param("payment", event.paymentId())
          .param("chain", event.chain())
          .param("holder", payout.holder())
          .param("amount", payout.amount().amount())
          .update();
    }
  }

  @ResetHandler
  void reset() {
    jdbc.sql(
            "TRUNCATE bond_view, bond_version_view, bond_holding_view, bond_determination_view,"
                + " bond_payment_view, bond_payout_view, bond_payout_line")
        .update();
  }

  private void version(
      String bondId, int version, String terms, String hash, String reason, Instant at) {
    jdbc.sql(
            """
            INSERT INTO bond_version_view (bond_id, version, terms, terms_hash, reason, recorded_at)
            VALUES (:id, :version, :terms, :hash, :reason, :at)
            ON CONFLICT (bond_id, version) DO NOTHING
            """)
        .param("id", bondId)
        .param("version", version)
        .param("terms", terms)
        .param("hash", hash)
        .param("reason", reason)
        .param("at", Timestamp.from(at))
        .update();
  }

  private void status(String bondId, String to, String from, Instant at) {
    jdbc.sql(
            "UPDATE bond_view SET status = :to, updated_at = :at WHERE bond_id = :id AND status = :from")
        .param("id", bondId)
        .param("to", to)
        .param("from", from)
        .param("at", Timestamp.from(at))
        .update();
  }

  private void decide(
      String bondId,
      String determinationId,
      String status,
      String trustee,
      String reason,
      Instant at) {
    jdbc.sql(
            """
            UPDATE bond_determination_view
            SET status = :status, trustee = :trustee, reason = :reason, decided_at = :at
            WHERE bond_id = :id AND determination_id = :det AND status = 'PROPOSED'
            """)
        .param("id", bondId)
        .param("det", determinationId)
        .param("status", status)
        .param("trustee", trustee)
        .param("reason", reason)
        .param("at", Timestamp.from(at))
        .update();
  }
}
