package io.twinledger.finance.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name a text is recorded under: the SHA-256 of its UTF-8 bytes as 64 lower-case hex digits
 * (bond terms, payout allocations, KPI period contents).
 */
public final class Sha256Hex {

  private Sha256Hex() {}

  /** The hex SHA-256 of {@code text} in UTF-8. */
  public static String of(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
