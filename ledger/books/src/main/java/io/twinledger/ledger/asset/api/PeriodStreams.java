package io.twinledger.ledger.asset.api;

/**
 * Event-stream ids of KPI period series: {@code assetId/kpiId}. Asset ids, KPI ids and model stream
 * ids cannot contain a slash, so a series id never collides with an asset's or a model's stream in
 * the shared event store, and names exactly one asset and KPI.
 */
public final class PeriodStreams {

  private PeriodStreams() {}

  /** The stream id of the periods of one KPI of one asset. */
  public static String seriesId(String assetId, String kpiId) {
    return assetId + "/" + kpiId;
  }
}
