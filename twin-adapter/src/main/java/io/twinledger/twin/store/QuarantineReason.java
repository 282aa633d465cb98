package io.twinledger.twin.store;

import java.time.Instant;

/**
 * Refusals of one source for one reason, counted. A bulk file's line number is left out of the
 * reason, so the refusals of a file's lines group by what was wrong with them.
 *
 * @param source the source the refused payloads came from
 * @param reason why they were refused
 * @param count how many were refused for it
 * @param latest when the latest of them was received
 */
public record QuarantineReason(String source, String reason, long count, Instant latest) {}
