package io.twinledger.twin.ngsild;

import java.util.regex.Pattern;

/**
 * The location of a member in the notification, as reasons print it: {@code data[2].flow[1].value},
 * or {@code data[0]['https://smartdatamodels.org/dataModel.WaterConsumption/waterConsumption']} for
 * names that are not plain identifiers.
 */
record FieldPath(String text) {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_@][A-Za-z0-9_@-]{0,63}");

  static FieldPath of(String member) {
    return new FieldPath(PLAIN.matcher(member).matches() ? member : QuotedText.of(member));
  }

  FieldPath key(String member) {
    return new FieldPath(
        PLAIN.matcher(member).matches()
            ? text + "." + member
            : text + "[" + QuotedText.of(member) + "]");
  }

  FieldPath index(int index) {
    return new FieldPath(text + "[" + index + "]");
  }

  /** A one-line reason: this path, then what is wrong with the member. */
  String says(String problem) {
    return text + ": " + problem;
  }

  @Override
  public String toString() {
    return text;
  }
}
