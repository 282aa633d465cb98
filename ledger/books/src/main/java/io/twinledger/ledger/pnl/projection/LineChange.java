package io.twinledger.ledger.pnl.projection;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * How one line of one month changed in a P&amp;L revision. Equal amounts mean the amount stayed but
 * what it was computed from changed, such as a new revision of a KPI period with the same value.
 *
 * @param before the exact amount before, empty if the line had none or did not exist
 * @param after the exact amount after, empty if the line has none now or was removed
 * @param existedBefore whether the line was on the statement before
 * @param existsAfter whether the line is on the statement now
 */
public record LineChange(
    String lineId,
    Optional<BigDecimal> before,
    Optional<BigDecimal> after,
    boolean existedBefore,
    boolean existsAfter) {}
