package io.twinledger.ledger.peer.block;

/** How keys appear in messages: composite-key separators (U+0000) shown as {@code \u0000}. */
public final class Keys {

  private Keys() {}

  /** The key with control characters escaped. */
  public static String printable(String key) {
    StringBuilder out = new StringBuilder(key.length() + 8);
    key.codePoints()
        .forEach(
            c -> {
              if (c < 0x20) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
