package io.twinledger.reporting.evidence;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * A strict JSON reader on Jackson's streaming parser, for the files an auditor hands the verifier.
 * It reads a document into a small tree and lets the caller take typed fields from it, each refusal
 * naming the field's path ({@code batches[2].readings[0].value}).
 *
 * <p>Strict means: one JSON value and nothing after it; no duplicate field; numbers kept as written
 * (an integer field must be written as one, with no fraction or exponent); strings are never
 * coerced from numbers, nor numbers from strings. {@code null} and an absent field are the same.
 *
 * <p>Why not databind: the verifier runs once per bundle in a fresh JVM, and building a databind
 * mapper and its record deserializers costs more start-up time than checking the bundle itself.
 */
public final class StrictJson {

  // Duplicate names are refused while reading (Reader), more cheaply than Jackson's
  // STRICT_DUPLICATE_DETECTION, which keeps a hash set per object: a year's readings are 35,000.
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private StrictJson() {}

  /** A document that breaks the rules, and why, in one line. */
  public static final class Malformed extends Exception {
    public Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A JSON value as read. */
  private sealed interface Value permits Text, Numeral, Bool, Null, Array, Members {}

  private record Text(String value) implements Value {}

  /** A number as written; {@code integral} when it has neither fraction nor exponent. */
  private record Numeral(String written, boolean integral) implements Value {}

  private record Bool(boolean value) implements Value {}

  private record Null() implements Value {}

  private static final Bool TRUE = new Bool(true);
  private static final Bool FALSE = new Bool(false);
  private static final Null NULL = new Null();

  private record Array(List<Value> items) implements Value {}

  /**
   * An object's members in the order written: names and values side by side rather than in a map. A
   * bundle holds tens of thousands of small objects (a year's readings, ten members each), which a
   * linear search serves as fast as a hash map does, in half the memory and garbage. Parsing
   * refuses a duplicate name, so a name is found at most once.
   */
  private record Members(String[] names, Value[] values) implements Value {

    /** The value of member {@code name}, or null when there is none. */
    Value get(String name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return values[i];
        }
      }
      return null;
    }
  }

  /** The JSON object in {@code json}. */
  public static Node object(byte[] json) throws Malformed {
    Value root;
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new Malformed("not a JSON object");
      }
      root = new Reader(parser).value(first);
      if (parser.nextToken() != null) {
        throw new Malformed("not JSON: trailing content after the object");
      }
    } catch (JacksonException e) {
      throw new Malformed("not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (!(root instanceof Members members)) {
      throw new Malformed("not a JSON object");
    }
    return new Node("", members);
  }

  /**
   * Reads one document into values. The members of the objects being read wait on one stack, each
   * object's copied off it to arrays of its size when it ends, so that no object holds spare room.
   */
  private static final class Reader {

    /** Up to this many members, a duplicate name is looked for by comparing it with each. */
    private static final int COMPARED = 16;

    private final JsonParser parser;
    private String[] names = new String[64];
    private Value[] values = new Value[64];
    private int top;

    Reader(JsonParser parser) {
      this.parser = parser;
    }

    Value value(JsonToken token) throws Malformed {
      return switch (token) {
        case START_OBJECT -> members();
        case START_ARRAY -> {
          List<Value> items = new ArrayList<>();
          for (JsonToken next = parser.nextToken();
              next != JsonToken.END_ARRAY;
              next = parser.nextToken()) {
            items.add(value(next));
          }
          yield new Array(items);
        }
        case VALUE_STRING -> new Text(parser.getString());
        case VALUE_NUMBER_INT -> new Numeral(parser.getText(), true);
        case VALUE_NUMBER_FLOAT -> new Numeral(parser.getText(), false);
        case VALUE_TRUE -> TRUE;
        case VALUE_FALSE -> FALSE;
        case VALUE_NULL -> NULL;
        default -> throw new IllegalStateException("unexpected token " + token);
      };
    }

    private Members members() throws Malformed {
      int base = top;
      // An object of more members than are compared one by one (none in a bundle, but a file may
      // hold any number) is checked with a set, so that a huge one costs linear time.
      Set<String> seen = null;
      for (String name = parser.nextName(); name != null; name = parser.nextName()) {
        if (top - base < COMPARED) {
          for (int i = base; i < top; i++) {
            if (names[i].equals(name)) {
              throw duplicate(name);
            }
          }
        } else {
          if (seen == null) {
            seen = new HashSet<>(Arrays.asList(names).subList(base, top));
          }
          if (!seen.add(name)) {
            throw duplicate(name);
          }
        }
        if (top == names.length) {
          names = Arrays.copyOf(names, top * 2);
          values = Arrays.copyOf(values, top * 2);
        }
        int slot = top++;
        names[slot] = name;
        // Read after the slot is taken: the value's own members go on the stack above it.
        values[slot] = value(parser.nextToken());
      }
      Members members =
          new Members(Arrays.copyOfRange(names, base, top), Arrays.copyOfRange(values, base, top));
      Arrays.fill(values, base, top, null);
      top = base;
      return members;
    }

    private static Malformed duplicate(String name) {
      return new Malformed("duplicate field \"" + name + "\"");
    }
  }

  /** A JSON object of the document, with its path, to take typed fields from. */
  public static final class Node {

    /** The object's path; for an item of an array, the array's, the index given apart. */
    private final String path;

    /** The object's index in its array, or -1 when it is a member's value or the document. */
    private final int index;

    private final Members fields;

    private Node(String path, Members fields) {
      this(path, -1, fields);
    }

    /**
     * An array's item. Its path is only built when a refusal names it: a year's readings would
     * otherwise build tens of thousands of paths that no message uses.
     */
    private Node(String path, int index, Members fields) {
      this.path = path;
      this.index = index;
      this.fields = fields;
    }

    /** Refuses a field not in {@code names}, naming the first in alphabetical order. */
    public Node only(Set<String> names) throws Malformed {
      for (String name : fields.names()) {
        if (!names.contains(name)) {
          TreeSet<String> unknown = new TreeSet<>(List.of(fields.names()));
          unknown.removeAll(names);
          throw new Malformed("unknown field " + quoted(unknown.first()));
        }
      }
      return this;
    }

    /**
     * Requires exactly {@code names}: refuses an unknown field first, then a missing one, each the
     * first in alphabetical order. A field that is {@code null} is present here.
     */
    public Node exactly(Set<String> names) throws Malformed {
      only(names);
      for (String name : new TreeSet<>(names)) {
        required(name);
      }
      return this;
    }

    /** The object's field names, in the order written. */
    public List<String> names() {
      return List.of(fields.names());
    }

    /** Whether the field is present and not {@code null}. */
    public boolean has(String name) {
      Value value = fields.get(name);
      return value != null && !(value instanceof Null);
    }

    /** A required string field. */
    public String string(String name) throws Malformed {
      return text(required(name), name);
    }

    /** A string field that may be absent or {@code null}. */
    public Optional<String> optionalString(String name) throws Malformed {
      return has(name) ? Optional.of(string(name)) : Optional.empty();
    }

    /** A string field, or {@code otherwise} when it is absent, null or not a string. */
    public String stringOr(String name, String otherwise) {
      return fields.get(name) instanceof Text text ? text.value() : otherwise;
    }

    /** A scalar field as written (a string's text, a number's digits), or {@code otherwise}. */
    public String scalarOr(String name, String otherwise) {
      return switch (fields.get(name)) {
        case Text text -> text.value();
        case Numeral numeral -> numeral.written();
        case Bool bool -> Boolean.toString(bool.value());
        case null, default -> otherwise;
      };
    }

    /** A required integer field that fits a {@code long}. */
    public long integer(String name) throws Malformed {
      if (!(required(name) instanceof Numeral numeral)) {
        throw new Malformed("field " + quoted(name) + " is not a number");
      }
      if (!numeral.integral()) {
        throw new Malformed("field " + quoted(name) + " is not an integer: " + numeral.written());
      }
      try {
        return Long.parseLong(numeral.written());
      } catch (NumberFormatException e) {
        throw new Malformed("field " + quoted(name) + " is out of range: " + numeral.written());
      }
    }

    /** A required integer field that fits an {@code int}. */
    public int smallInteger(String name) throws Malformed {
      long value = integer(name);
      if (value != (int) value) {
        throw new Malformed("field " + quoted(name) + " is out of range: " + value);
      }
      return (int) value;
    }

    /** A required object field. */
    public Node object(String name) throws Malformed {
      if (!(required(name) instanceof Members members)) {
        throw new Malformed("field " + quoted(name) + " is not an object");
      }
      return new Node(child(name), members);
    }

    /** An object field that may be absent or {@code null}. */
    public Optional<Node> optionalObject(String name) throws Malformed {
      return has(name) ? Optional.of(object(name)) : Optional.empty();
    }

    /** A required array of objects. */
    public List<Node> objects(String name) throws Malformed {
      List<Value> items = array(name);
      String array = child(name);
      List<Node> nodes = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof Members members)) {
          throw new Malformed(array + "[" + i + "] is not an object");
        }
        nodes.add(new Node(array, i, members));
      }
      return nodes;
    }

    /** A required array of strings. */
    public List<String> strings(String name) throws Malformed {
      List<Value> items = array(name);
      List<String> strings = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof Text text)) {
          throw new Malformed(child(name) + "[" + i + "] is not a string");
        }
        strings.add(text.value());
      }
      return strings;
    }

    /** A required array of integers, each as written; each fits a {@code long}. */
    public List<String> integersAsText(String name) throws Malformed {
      List<Value> items = array(name);
      List<String> integers = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof Numeral numeral) || !numeral.integral()) {
          throw new Malformed(child(name) + "[" + i + "] is not an integer");
        }
        try {
          Long.parseLong(numeral.written());
        } catch (NumberFormatException e) {
          throw new Malformed(child(name) + "[" + i + "] is out of range");
        }
        integers.add(numeral.written());
      }
      return integers;
    }

    /** The strings of an array field; absent, non-array and non-string items are left out. */
    public List<String> stringsOrNone(String name) {
      List<String> strings = new ArrayList<>();
      if (fields.get(name) instanceof Array array) {
        for (Value item : array.items()) {
          if (item instanceof Text text) {
            strings.add(text.value());
          }
        }
      }
      return strings;
    }

    private List<Value> array(String name) throws Malformed {
      if (!(required(name) instanceof Array array)) {
        throw new Malformed("field " + quoted(name) + " is not an array");
      }
      return array.items();
    }

    private Value required(String name) throws Malformed {
      Value value = fields.get(name);
      if (value == null) {
        throw new Malformed("missing field " + quoted(name));
      }
      return value;
    }

    private String text(Value value, String name) throws Malformed {
      if (!(value instanceof Text text)) {
        throw new Malformed("field " + quoted(name) + " is not a string");
      }
      return text.value();
    }

    /**
     * This object written back as compact JSON, for a reader of its own format (such as a model
     * definition's): fields in the order read, numbers with the digits as written.
     */
    public String json() {
      StringWriter out = new StringWriter();
      try (JsonGenerator generator = FACTORY.createGenerator(out)) {
        write(fields, generator);
      }
      return out.toString();
    }

    private static void write(Value value, JsonGenerator generator) {
      switch (value) {
        case Text text -> generator.writeString(text.value());
        case Numeral numeral -> generator.writeNumber(numeral.written());
        case Bool bool -> generator.writeBoolean(bool.value());
        case Null none -> generator.writeNull();
        case Array array -> {
          generator.writeStartArray();
          array.items().forEach(item -> write(item, generator));
          generator.writeEndArray();
        }
        case Members members -> {
          generator.writeStartObject();
          for (int i = 0; i < members.names().length; i++) {
            generator.writeName(members.names()[i]);
            write(members.values()[i], generator);
          }
          generator.writeEndObject();
        }
      }
    }

    private String child(String name) {
      String own = index < 0 ? path : path + "[" + index + "]";
      return own.isEmpty() ? name : own + "." + name;
    }

    private String quoted(String name) {
      return "\"" + child(name) + "\"";
    }
  }
}
