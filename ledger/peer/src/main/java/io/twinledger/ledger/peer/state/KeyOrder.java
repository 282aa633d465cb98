package io.twinledger.ledger.peer.state;

import java.util.Comparator;

/**
 * Fabric's key order: keys compare as their UTF-8 bytes do, which is Unicode code point order.
 * Java's {@link String#compareTo} compares UTF-16 units and differs for characters above U+FFFF, so
 * range and composite-key queries (whose end key is U+10FFFF) must use this order instead.
 */
public final class KeyOrder {

  /** Code point order. */
  public static final Comparator<String> CODE_POINTS = KeyOrder::compare;

  private KeyOrder() {}

  private static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
