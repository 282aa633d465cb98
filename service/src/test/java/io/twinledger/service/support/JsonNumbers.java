package io.twinledger.service.support;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/** The numbers of a JSON document exactly as they are written in its text. */
public final class JsonNumbers {

  private JsonNumbers() {}

  /**
   * The numbers written with an exponent, such as {@code 0E-10} or {@code 1.5E+3}; strings are not
   * looked into, so a hex digest with an {@code e} in it is no number.
   */
  public static List<String> withExponent(String json) {
    List<String> found = new ArrayList<>();
    try (JsonParser parser = JsonMapper.shared().createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isNumeric() && parser.getString().toLowerCase().contains("e")) {
          found.add(parser.currentName() + "=" + parser.getString());
        }
      }
    }
    return found;
  }
}
