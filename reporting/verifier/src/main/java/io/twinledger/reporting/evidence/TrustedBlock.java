package io.twinledger.reporting.evidence;

import java.util.HexFormat;

/**
 * A block whose header the verifier already trusts, such as one it checked before: a bundle's
 * header chain then needs to reach back only to it, not to block 0. Written {@code
 * NUMBER:HEADERHASH}, the header hash as Fabric computes it (SHA-256 over the header's ASN.1 DER
 * encoding), lower-case hex.
 *
 * @param number the block's number
 * @param headerHash its header hash, 64 lower-case hex digits
 */
public record TrustedBlock(long number, String headerHash) {

  public TrustedBlock {
    if (number < 0) {
      throw new IllegalArgumentException("a block number is at least 0, not " + number);
    }
    if (!headerHash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "a header hash is 64 lower-case hex digits, not " + headerHash);
    }
  }

  /**
   * Reads {@code NUMBER:HEADERHASH}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static TrustedBlock parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0 || !text.substring(0, colon).matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException("expected NUMBER:HEADERHASH, not " + text);
    }
    return new TrustedBlock(
        Long.parseLong(text.substring(0, colon)),
        HexFormat.of().formatHex(HexFormat.of().parseHex(text.substring(colon + 1).toLowerCase())));
  }

  @Override
  public String toString() {
    return number + ":" + headerHash;
  }
}
