package io.twinledger.ledger.pnl.projection;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * One model line of one asset and month as the P&amp;L projection stored it.
 *
 * @param ordinal the line's position in the model definition
 * @param unit the unit text of the definition: the model currency for booked lines
 * @param value the exact value, not rounded; empty when an input was missing
 * @param provenance the line's {@link io.twinledger.finance.model.Provenance} as JSON
 * @param partial why the month is partial for the line, see {@link
 *     io.twinledger.finance.model.LineValue#partial()}
 * @param revision the month's revision that last changed the line
 */
record StoredLine(
    String assetId,
    YearMonth month,
    String lineId,
    String modelId,
    int modelVersion,
    int ordinal,
    String label,
    String kind,
    String unit,
    Optional<BigDecimal> value,
    String provenance,
    List<String> remarks,
    List<String> partial,
    int revision) {

  StoredLine {
    remarks = List.copyOf(remarks);
    partial = List.copyOf(partial);
  }

  /** This line as written by the month's revision {@code newRevision}. */
  StoredLine withRevision(int newRevision) {
    return new StoredLine(
        assetId,
        month,
        lineId,
        modelId,
        modelVersion,
        ordinal,
        label,
        kind,
        unit,
        value,
        provenance,
        remarks,
        partial,
        newRevision);
  }

  /** Whether the other line shows the same thing; the revision that wrote it does not count. */
  boolean sameContent(StoredLine other) {
    return modelId.equals(other.modelId)
        && modelVersion == other.modelVersion
        && ordinal == other.ordinal
        && label.equals(other.label)
        && kind.equals(other.kind)
        && unit.equals(other.unit)
        && sameAmount(value, other.value)
        && provenance.equals(other.provenance)
        && remarks.equals(other.remarks)
        && partial.equals(other.partial);
  }

  private static boolean sameAmount(Optional<BigDecimal> a, Optional<BigDecimal> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || a.get().compareTo(b.get()) == 0);
  }
}
