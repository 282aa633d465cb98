package io.twinledger.twin.bulk;

/**
 * A bulk-file line that could not be read as a reading.
 *
 * @param line 1-based line number
 * @param reason what is wrong, naming the column
 * @param raw the line as it stands in the file
 */
public record BulkRejection(long line, String reason, String raw) {}
