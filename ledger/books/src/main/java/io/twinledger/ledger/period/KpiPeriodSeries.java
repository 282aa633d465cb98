package io.twinledger.ledger.period;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.twinledger.finance.document.Sha256Hex;
import io.twinledger.ledger.asset.api.AssetRuleViolation;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.asset.api.PeriodStreams;
import io.twinledger.ledger.asset.api.RecordKpiPeriod;
import io.twinledger.ledger.period.api.KpiPeriodCarriedOver;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The closed periods of one KPI of one asset: a stream of its own ({@link PeriodStreams#seriesId}),
 * so that closing periods never moves the asset's version.
 *
 * <p>The series decides the revisions of each period (a kind and a start): the first close is
 * revision 1 and each later one the next number. Recording the latest revision again with the same
 * figures records nothing, because the period job records a period again after a crash between
 * recording and noting it; the same revision with other figures, a lower or a skipped revision is
 * refused. Whether the asset is in service and defines the KPI is not checked here, as the series
 * does not see the asset: the period job closes periods only for the defined KPIs of active assets.
 *
 * <p>The series is created by its first period. It keeps, per period, the latest revision and a
 * SHA-256 fingerprint of its figures. Snapshots serialise the fields directly, hence the
 * field-level JSON visibility.
 */
@Aggregate(snapshotTriggerDefinition = KpiPeriodSeries.SNAPSHOT_TRIGGER)
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
public class KpiPeriodSeries {

  /** Bean name of the snapshot trigger the composition root must provide. */
  public static final String SNAPSHOT_TRIGGER = "kpiPeriodSeriesSnapshotTrigger";

  @AggregateIdentifier private String seriesId;

  /** The latest revision of each period, by {@link #key}. */
  private Map<String, Revision> periods = new HashMap<>();

  /**
   * The latest recorded revision of a period.
   *
   * @param fingerprint SHA-256 of the revision's figures, to tell a repeat from a change
   */
  record Revision(int revision, String fingerprint) {}

  protected KpiPeriodSeries() {}

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RecordKpiPeriod command) {
    KpiPeriodClosed closed =
        new KpiPeriodClosed(
            command.assetId(),
            command.kpiId(),
            command.periodKind(),
            command.periodStart(),
            command.periodEnd(),
            command.revision(),
            command.value(),
            command.unit(),
            command.coveragePercent(),
            command.readingCount(),
            command.qualitySummary(),
            command.batchDigests(),
            command.components(),
            command.remarks(),
            command.classification(),
            command.cause());
    Revision latest = periods.get(key(closed));
    int next = latest == null ? 1 : latest.revision() + 1;
    if (latest != null && closed.revision() == latest.revision()) {
      if (latest.fingerprint().equals(fingerprint(closed))) {
        return;
      }
      throw new AssetRuleViolation(
          "revision",
          "revision "
              + closed.revision()
              + " of "
              + describe(closed)
              + " is recorded with other figures; a changed figure is revision "
              + next);
    }
    if (closed.revision() != next) {
      throw new AssetRuleViolation(
          "revision",
          "the next revision of "
              + describe(closed)
              + " is "
              + next
              + ", not "
              + closed.revision());
    }
    apply(closed);
  }

  @EventSourcingHandler
  void on(KpiPeriodClosed event) {
    note(event);
  }

  @EventSourcingHandler
  void on(KpiPeriodCarriedOver event) {
    note(event.period());
  }

  /**
   * Keeps the highest revision of the period. Of repeated revisions, carried over from the asset
   * streams that accepted them, the first stays, as on the read side.
   */
  private void note(KpiPeriodClosed event) {
    seriesId = PeriodStreams.seriesId(event.assetId(), event.kpiId());
    Revision latest = periods.get(key(event));
    if (latest == null || event.revision() > latest.revision()) {
      periods.put(key(event), new Revision(event.revision(), fingerprint(event)));
    }
  }

  private static String key(KpiPeriodClosed period) {
    return period.periodKind() + " " + period.periodStart();
  }

  private static String describe(KpiPeriodClosed period) {
    return "the "
        + period.periodKind()
        + " period from "
        + period.periodStart()
        + " of "
        + period.assetId()
        + " "
        + period.kpiId();
  }

  /**
   * SHA-256 of the figures in a fixed text form: maps in key order and decimals without trailing
   * zeros, so the same figures give the same fingerprint in every JVM, whatever a map's iteration
   * order.
   */
  static String fingerprint(KpiPeriodClosed period) {
    String text =
        String.join(
            "\n",
            period.periodEnd().toString(),
            period.value().map(KpiPeriodSeries::plain).orElse("-"),
            period.unit(),
            plain(period.coveragePercent()),
            Integer.toString(period.readingCount()),
            new TreeMap<>(period.qualitySummary()).toString(),
            period.batchDigests().toString(),
            plain(new TreeMap<>(period.components())),
            period.remarks().toString(),
            period.classification().orElse("-"),
            period.cause().orElse("-"));
    return Sha256Hex.of(text);
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private static String plain(TreeMap<String, BigDecimal> values) {
    StringBuilder text = new StringBuilder();
    values.forEach((name, value) -> text.append(name).append('=').append(plain(value)).append(';'));
    return text.toString();
  }
}
