package io.twinledger.ledger.pnl.projection;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One change to an asset's P&amp;L for one month: what changed and why.
 *
 * @param revision 1 for the month's first computation, then 2, 3, …
 * @param modelId the model that computed the month after the change
 * @param modelVersion that model's version
 * @param cause the event that caused the change: a KPI period closed or closed again, with the
 *     period's own cause ({@code correction <id> by <user>: <reason>}, or late readings), or a
 *     model defined, revised or no longer applying to the asset
 * @param kpiPeriod the KPI period revision that caused the change; empty when a model change did
 * @param changes the lines whose amount or inputs changed, each with its amount before and after
 * @param recordedAt when the causing event was recorded
 */
public record PnlRevisionView(
    String assetId,
    YearMonth month,
    int revision,
    String modelId,
    int modelVersion,
    String cause,
    Optional<KpiPeriodRevision> kpiPeriod,
    List<LineChange> changes,
    Instant recordedAt) {

  public PnlRevisionView {
    Objects.requireNonNull(kpiPeriod, "kpiPeriod");
    changes = List.copyOf(changes);
  }
}
