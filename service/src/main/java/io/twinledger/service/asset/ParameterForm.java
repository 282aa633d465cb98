package io.twinledger.service.asset;

import io.twinledger.ledger.asset.api.AssetParameters;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The asset parameters edited as a form: one field per leaf of the class's parameter record, named
 * by its path in the API's {@code parameters} object ({@code tariff.amount}). What the form sends
 * goes back into that object unchanged in meaning, so {@link AssetRequests} and the domain types
 * validate it exactly as they validate the API's body: a number field's text is sent as a JSON
 * number when it reads as one and as text otherwise, which the API refuses naming the field.
 */
public final class ParameterForm {

  /** Where the parameters' field paths start in the API's body, and in its field errors. */
  static final String ROOT = "parameters";

  private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");

  private static final Pattern WORD = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

  /**
   * One input.
   *
   * @param name the path in the {@code parameters} object, the input's name
   * @param label what the reader sees
   * @param value the text in the field
   * @param numeric whether the API expects a number here
   * @param options the allowed values of an enumeration, in their order; empty for free input
   */
  public record Field(
      String name, String label, String value, boolean numeric, List<String> options) {

    /** The value as a number, for a number field that holds one. */
    public Optional<BigDecimal> decimal() {
      return numeric ? number(value) : Optional.empty();
    }

    /** The input's HTML id. */
    public String id() {
      return "p-" + name.replace('.', '-');
    }
  }

  private ParameterForm() {}

  /** The fields of the asset's parameters, filled with their current values. */
  public static List<Field> fields(AssetParameters parameters) {
    List<Field> fields = new ArrayList<>();
    // Every class's parameters are a record (the sealed interface permits only records).
    addFields((Record) parameters, "", "", fields);
    return fields;
  }

  /** The same fields holding what the form sent, to show again beside its errors. */
  public static List<Field> sent(AssetParameters parameters, Map<String, String> form) {
    return fields(parameters).stream()
        .map(
            f ->
                new Field(
                    f.name(), f.label(), form.getOrDefault(f.name(), ""), f.numeric(), f.options()))
        .toList();
  }

  /**
   * The API's {@code parameters} object from what the form sent: blank fields are absent, numbers
   * are numbers where they read as one.
   */
  public static ObjectNode parameters(AssetParameters parameters, Map<String, String> form) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    for (Field field : fields(parameters)) {
      String text = form.getOrDefault(field.name(), "").strip();
      if (text.isEmpty()) {
        continue;
      }
      String[] path = field.name().split("\\.");
      ObjectNode parent = root;
      for (int i = 0; i < path.length - 1; i++) {
        JsonNode child = parent.get(path[i]);
        parent = child instanceof ObjectNode object ? object : parent.putObject(path[i]);
      }
      String key = path[path.length - 1];
      Optional<BigDecimal> number = field.numeric() ? number(text) : Optional.empty();
      if (number.isPresent() && WHOLE.matcher(text).matches()) {
        // Written without a fraction, as in JSON: a whole-number field accepts it, and refuses 2.0.
        parent.put(key, number.get().toBigIntegerExact());
      } else if (number.isPresent()) {
        parent.put(key, number.get());
      } else {
        parent.put(key, text);
      }
    }
    return root;
  }

  /** The form field an API field error belongs to: {@code parameters.tariff.amount} → its path. */
  public static String fieldOf(String apiField) {
    return apiField.startsWith(ROOT + ".") ? apiField.substring(ROOT.length() + 1) : apiField;
  }

  private static Optional<BigDecimal> number(String text) {
    try {
      return Optional.of(new BigDecimal(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void addFields(Record value, String prefix, String labelPrefix, List<Field> into) {
    for (RecordComponent component : value.getClass().getRecordComponents()) {
      Object current = read(component, value);
      String name = prefix + component.getName();
      String words = words(component.getName());
      String label = labelPrefix.isEmpty() ? words : labelPrefix + words.toLowerCase(Locale.ROOT);
      Class<?> type = component.getType();
      if (current instanceof Record nested) {
        addFields(nested, name + ".", label + " ", into);
      } else if (type.isEnum()) {
        into.add(
            new Field(
                name,
                label,
                current == null ? "" : ((Enum<?>) current).name(),
                false,
                Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList()));
      } else {
        boolean numeric = Number.class.isAssignableFrom(type);
        into.add(
            new Field(
                name,
                label,
                current instanceof BigDecimal d
                    ? d.toPlainString()
                    : current == null ? "" : current.toString(),
                numeric,
                List.of()));
      }
    }
  }

  private static Object read(RecordComponent component, Record value) {
    try {
      return component.getAccessor().invoke(value);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }

  /** {@code averagePressureM} → {@code Average pressure (m)}: the unit the name ends in apart. */
  private static String words(String name) {
    String spaced = WORD.matcher(name).replaceAll(" ").toLowerCase(Locale.ROOT);
    for (String[] unit : UNITS) {
      if (spaced.endsWith(unit[0])) {
        spaced = spaced.substring(0, spaced.length() - unit[0].length()) + unit[1];
        break;
      }
    }
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  /** Unit suffixes of parameter names, longest first, and how a label shows them. */
  private static final String[][] UNITS = {
    {" m per km", " (m/km)"}, {" m2", " (m²)"}, {" km", " (km)"}, {" mm", " (mm)"}, {" m", " (m)"}
  };
}
