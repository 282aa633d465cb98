package io.twinledger.ledger.bond.api;

/**
 * A period a determination used was revised after it. The determination and any payment already
 * declared stand as they were; the dispute is for the issuer, the trustee and the investors to
 * settle.
 *
 * @param used the period as the determination used it
 * @param revised the period's later revision
 */
public record DeterminationDisputed(
    String bondId, String determinationId, PeriodUse used, PeriodUse revised) {}
