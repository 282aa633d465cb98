package io.twinledger.twin.ngsild;

/**
 * Text from the payload as it appears inside a reason: quoted, cut to a readable length and with
 * control characters escaped, so that every reason stays on one line whatever a device sent.
 */
final class QuotedText {

  private static final int MAX_CODE_POINTS = 64;

  private QuotedText() {}

  static String of(String text) {
    StringBuilder out = new StringBuilder("'");
    int[] codePoints = text.codePoints().limit(MAX_CODE_POINTS + 1L).toArray();
    for (int i = 0; i < Math.min(codePoints.length, MAX_CODE_POINTS); i++) {
      int c = codePoints[i];
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    }
    if (codePoints.length > MAX_CODE_POINTS) {
      out.append('…');
    }
    return out.append('\'').toString();
  }
}
