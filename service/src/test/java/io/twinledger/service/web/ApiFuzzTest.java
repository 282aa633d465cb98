package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.twin.TwinFuzzTest;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeded hostile bodies sent over real HTTP to every POST and PUT endpoint, as every role that may
 * call it: truncated JSON, wrong types per field, huge numbers, deep nesting, duplicate keys,
 * control characters, unknown fields, wrong or missing content types, empty bodies. None may get a
 * 5xx, and every refusal must be a problem detail. The endpoints come from the handler mapping, so
 * a new one is fuzzed without changing this test; a failure names the seed's request number.
 */
@OnEmbeddedDb
class ApiFuzzTest {

  private static final long SEED = 20261206L;
  private static final int REQUESTS = 4_200;
  private static final Map<String, String> USER_OF_ROLE =
      Map.of(
          "FINANCE_OFFICER", "officer",
          "INVESTOR", "investor",
          "AUDITOR", "auditor",
          "RESIDENT", "resident",
          "OPERATOR", "operator");

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlers;

  /** One endpoint as one caller, with a well-formed body of the shape it reads. */
  record Target(String method, String path, String user, String validBody) {}

  @Test
  void hostileBodiesNeverCauseA5xxAndEveryRefusalIsAProblem() {
    List<Target> targets = targets();
    assertThat(targets.stream().map(Target::path).distinct()).hasSizeGreaterThanOrEqualTo(15);
    Api api = new Api(port, json);
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      Target target = targets.get(i % targets.size());
      String[] hostile = hostile(target.validBody(), random);
      var response =
          api.send(target.method(), target.path(), target.user(), hostile[0], hostile[1]);
      if (response.status() >= 500
          || (response.status() >= 400
              && !response.contentType().startsWith("application/problem+json"))) {
        failures.add(
            "#%d %s %s as %s (%s): %d %s for %s"
                .formatted(
                    i,
                    target.method(),
                    target.path(),
                    target.user(),
                    hostile[1],
                    response.status(),
                    abbreviate(response.body()),
                    abbreviate(hostile[0])));
      }
    }
    assertThat(failures).isEmpty();
  }

  private List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    Map<String, Target> sorted = new TreeMap<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        handlers.getHandlerMethods().entrySet()) {
      HandlerMethod handler = entry.getValue();
      RolesAllowed roles = handler.getMethodAnnotation(RolesAllowed.class);
      // The API's endpoints; the web UI's forms take no JSON and are tested with a session.
      if (roles == null || handler.getBeanType().isAnnotationPresent(UiController.class)) {
        continue;
      }
      for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
        if (method != RequestMethod.POST && method != RequestMethod.PUT) {
          continue;
        }
        for (String pattern : entry.getKey().getPatternValues()) {
          String path = pattern.replaceAll("\\{[^}]*}", "fuzz-1") + query(handler);
          for (String role : roles.value()) {
            String user = USER_OF_ROLE.get(role);
            sorted.put(
                method + " " + path + " " + user,
                new Target(method.name(), path, user, validBody(handler)));
          }
        }
      }
    }
    targets.addAll(sorted.values());
    return targets;
  }

  /** Required request parameters, each given a harmless value. */
  private static String query(HandlerMethod handler) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    for (MethodParameter parameter : handler.getMethodParameters()) {
      RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
      if (param != null && param.required()) {
        String name = !param.name().isEmpty() ? param.name() : parameter.getParameterName();
        query.add(name + "=fuzz.csv");
      }
    }
    return query.toString();
  }

  private static String validBody(HandlerMethod handler) {
    for (MethodParameter parameter : handler.getMethodParameters()) {
      if (parameter.hasParameterAnnotation(RequestBody.class)
          && parameter.getParameterType() != String.class) {
        return value(parameter.getGenericParameterType(), 0);
      }
    }
    // Raw bodies: model definitions, NGSI-LD notifications, uploads.
    return """
        {"definition": {"modelId": "fuzz"}, "assets": ["fuzz-1"], "id": "urn:fuzz",
         "type": "Notification", "data": [{"id": "urn:ngsi-ld:X:1", "type": "X"}]}""";
  }

  /** A JSON value of {@code type}: right in shape, though rarely in content. */
  static String value(Type type, int depth) {
    Class<?> raw =
        type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    Type[] args = type instanceof ParameterizedType p ? p.getActualTypeArguments() : new Type[0];
    if (raw == String.class) {
      return "\"fuzz-1\"";
    }
    if (raw == int.class
        || raw == Integer.class
        || raw == long.class
        || raw == Long.class
        || raw == BigInteger.class) {
      return "1";
    }
    if (raw == BigDecimal.class || raw == double.class || raw == Double.class) {
      return "0.05";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "true";
    }
    if (raw == LocalDate.class) {
      return "\"2024-01-01\"";
    }
    if (raw == Instant.class) {
      return "\"2024-01-01T00:00:00Z\"";
    }
    if (raw == YearMonth.class) {
      return "\"2024-01\"";
    }
    if (raw.isEnum()) {
      return "\"" + ((Enum<?>) raw.getEnumConstants()[0]).name() + "\"";
    }
    if (depth > 4) {
      return "null";
    }
    if (raw == Optional.class && args.length == 1) {
      return value(args[0], depth + 1);
    }
    if (Collection.class.isAssignableFrom(raw) && args.length == 1) {
      return "[" + value(args[0], depth + 1) + "]";
    }
    if (Map.class.isAssignableFrom(raw) && args.length == 2) {
      return "{\"fuzz\": " + value(args[1], depth + 1) + "}";
    }
    if (JsonNode.class.isAssignableFrom(raw)) {
      return "{\"lengthKm\": 1, \"lanes\": 2}";
    }
    if (raw.isRecord()) {
      StringJoiner object = new StringJoiner(", ", "{", "}");
      for (RecordComponent component : raw.getRecordComponents()) {
        object.add(
            "\"" + component.getName() + "\": " + value(component.getGenericType(), depth + 1));
      }
      return object.toString();
    }
    return "{}";
  }

  private static final String[] WRONG_VALUES = {
    "7",
    "-1",
    "1.5",
    "true",
    "false",
    "null",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "[1, \"a\"]",
    "{\"a\": {}}",
    "\"2024-13-45\"",
    "\"9999999999-01-01\"",
    "20240101",
    "\"NaN\"",
    "\"1e400\""
  };

  private static final String[] HUGE_NUMBERS = {
    "1e400",
    "-1e400",
    "1e999999999",
    "1e-999999999",
    "9223372036854775808",
    "-9223372036854775809",
    "123456789012345678901234567890.123456789012345678901234567890",
    "0.0000000000000000000000000000000000000000000001",
    "2147483648",
    "4.9e-324",
  };

  private static final String[] CONTROL = {
    "\\u0000", "\\u0001", "\\u001f", "\\u007f", "\\u0085", "\\u2028", "\\ud800", "a\\u0000b"
  };

  private static final String[] CONTENT_TYPES = {
    null,
    "*/*",
    "application/*",
    "text/plain",
    "application/xml",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "application/json; charset=ebcdic",
    "garbage",
    "application/yaml",
    "application/ld+json",
  };

  /** A hostile body and its content type, derived from a valid body. */
  static String[] hostile(String valid, Random random) {
    String type = "application/json";
    String body =
        switch (random.nextInt(12)) {
          case 0 -> valid.substring(0, random.nextInt(Math.max(1, valid.length())));
          case 1 -> replaceValue(valid, random, WRONG_VALUES[random.nextInt(WRONG_VALUES.length)]);
          case 2 -> replaceValue(valid, random, HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)]);
          case 3 -> replaceValue(valid, random, "9".repeat(1 + random.nextInt(5000)));
          case 4 -> {
            int depth = 1 + random.nextInt(3000);
            String nested = "[".repeat(depth) + "]".repeat(depth);
            yield random.nextBoolean() ? nested : replaceValue(valid, random, nested);
          }
          case 5 -> duplicateKey(valid, random);
          case 6 ->
              replaceValue(
                  valid, random, "\"fuzz" + CONTROL[random.nextInt(CONTROL.length)] + "\"");
          case 7 -> {
            type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            yield random.nextBoolean() ? valid : "a: [1, {b: 2}]";
          }
          case 8 -> random.nextBoolean() ? "" : " ";
          case 9 ->
              new String[] {"[]", "null", "1", "\"s\"", "true", "{}", "{} {}", valid + "x"}
                  [random.nextInt(8)];
          case 10 ->
              valid.replaceFirst(
                  "\\{", "{\"unknown" + random.nextInt(100) + "\": " + random.nextInt() + ", ");
          default -> mutate(valid, random);
        };
    return new String[] {body, type};
  }

  /** Replaces the value of a random field of {@code valid} with {@code replacement}. */
  static String replaceValue(String valid, Random random, String replacement) {
    List<int[]> values = new ArrayList<>();
    for (int at = valid.indexOf("\": "); at >= 0; at = valid.indexOf("\": ", at + 1)) {
      int start = at + 3;
      int end = start;
      char first = valid.charAt(start);
      if (first == '{' || first == '[') {
        continue;
      }
      if (first == '"') {
        end = valid.indexOf('"', start + 1) + 1;
      } else {
        while (end < valid.length() && ",}] \n".indexOf(valid.charAt(end)) < 0) {
          end++;
        }
      }
      values.add(new int[] {start, end});
    }
    if (values.isEmpty()) {
      return replacement;
    }
    int[] span = values.get(random.nextInt(values.size()));
    return valid.substring(0, span[0]) + replacement + valid.substring(span[1]);
  }

  /** Repeats the first key of a random object with another value. */
  static String duplicateKey(String valid, Random random) {
    int brace = valid.indexOf("{\"");
    if (brace < 0) {
      return "{\"a\": 1, \"a\": 2}";
    }
    int close = valid.indexOf('"', brace + 2);
    String key = valid.substring(brace + 1, close + 1);
    return valid.substring(0, brace + 1)
        + key
        + ": "
        + WRONG_VALUES[random.nextInt(WRONG_VALUES.length)]
        + ", "
        + valid.substring(brace + 1);
  }

  /** {@code TwinFuzzTest}'s random edits, or a raw control character somewhere. */
  static String mutate(String text, Random random) {
    if (random.nextBoolean()) {
      return TwinFuzzTest.mutate(text, random);
    }
    int at = random.nextInt(text.length() + 1);
    return text.substring(0, at) + (char) random.nextInt(0x20) + text.substring(at);
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
