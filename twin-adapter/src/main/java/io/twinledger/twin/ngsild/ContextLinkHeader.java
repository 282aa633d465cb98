package io.twinledger.twin.ngsild;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the JSON-LD context URI from an HTTP {@code Link} header (RFC 8288), such as {@code
 * <https://example.org/context.jsonld>; rel="http://www.w3.org/ns/json-ld#context";
 * type="application/ld+json"}.
 *
 * <p>Links with other relations are ignored. More than one context link is an error, as the JSON-LD
 * 1.1 API requires.
 */
final class ContextLinkHeader {

  private static final String CONTEXT_RELATION = "http://www.w3.org/ns/json-ld#context";

  private static final String SEPARATORS = ";,";

  private final String header;
  private int position;

  private ContextLinkHeader(String header) {
    this.header = header;
  }

  /** The context URI as written, or empty if the header names no JSON-LD context. */
  static Optional<String> contextTarget(String header) throws InvalidNotificationException {
    ContextLinkHeader reader = new ContextLinkHeader(header);
    List<String> contexts = new ArrayList<>();
    reader.skipSeparatorsAndWhitespace();
    while (!reader.atEnd()) {
      reader.readLink().ifPresent(contexts::add);
      reader.skipSeparatorsAndWhitespace();
    }
    if (contexts.size() > 1) {
      throw reader.invalid(
          "names " + contexts.size() + " JSON-LD contexts; at most one is allowed");
    }
    return contexts.stream().findFirst();
  }

  /** One link-value; its target if its relations include the JSON-LD context. */
  private Optional<String> readLink() throws InvalidNotificationException {
    expect('<');
    int close = header.indexOf('>', position);
    if (close < 0) {
      throw invalid("'<' at position " + (position - 1) + " is not closed by '>'");
    }
    String target = header.substring(position, close).strip();
    position = close + 1;
    Map<String, String> parameters = new HashMap<>();
    while (true) {
      skipWhitespace();
      if (atEnd() || peek() == ',') {
        break;
      }
      expect(';');
      skipWhitespace();
      if (atEnd() || SEPARATORS.indexOf(peek()) >= 0) {
        continue;
      }
      String name = readUntil("=" + SEPARATORS).toLowerCase(Locale.ROOT);
      String value = "";
      skipWhitespace();
      if (!atEnd() && peek() == '=') {
        position++;
        skipWhitespace();
        value = !atEnd() && peek() == '"' ? readQuoted() : readUntil(SEPARATORS);
      }
      // RFC 8288 section 3.3: only the first occurrence of a parameter counts.
      parameters.putIfAbsent(name, value);
    }
    String relations = parameters.getOrDefault("rel", "");
    boolean isContext = Arrays.asList(relations.strip().split("\\s+")).contains(CONTEXT_RELATION);
    return isContext ? Optional.of(target) : Optional.empty();
  }

  private String readQuoted() throws InvalidNotificationException {
    int open = position++;
    StringBuilder value = new StringBuilder();
    while (!atEnd()) {
      char c = header.charAt(position++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\' && !atEnd()) {
        c = header.charAt(position++);
      }
      value.append(c);
    }
    throw invalid("the quoted string at position " + open + " is not closed");
  }

  private String readUntil(String stops) throws InvalidNotificationException {
    int start = position;
    while (!atEnd() && stops.indexOf(peek()) < 0 && !Character.isWhitespace(peek())) {
      position++;
    }
    if (position == start) {
      throw invalid("expected a parameter at position " + start);
    }
    return header.substring(start, position);
  }

  private void expect(char expected) throws InvalidNotificationException {
    if (atEnd() || peek() != expected) {
      throw invalid("expected '" + expected + "' at position " + position);
    }
    position++;
  }

  private void skipWhitespace() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      position++;
    }
  }

  /** Empty list elements ({@code , ,}) are allowed by the list syntax of RFC 9110. */
  private void skipSeparatorsAndWhitespace() {
    while (!atEnd() && (peek() == ',' || Character.isWhitespace(peek()))) {
      position++;
    }
  }

  private boolean atEnd() {
    return position >= header.length();
  }

  private char peek() {
    return header.charAt(position);
  }

  private InvalidNotificationException invalid(String problem) {
    return new InvalidNotificationException("Link header: " + problem);
  }
}
