package io.twinledger.service.calc;

import io.twinledger.finance.bond.payment.Observation;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.finance.bond.terms.InvalidBondTermsException;
import io.twinledger.finance.bond.terms.TermsError;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.service.problem.JsonFieldPaths;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The body of {@code POST /api/v1/calc/bond-payments}, {@code {"terms": {…}, "observations":
 * [{"kpi", "date", "value"}, …]}} in JSON or YAML, read as a tree with exact decimals (a value of
 * {@code 0.20} never passes through a {@code double}).
 *
 * <p>Problems in the terms are all reported at once, as an {@link InvalidBondTermsException} whose
 * paths start with {@code terms.} ({@code terms.features[0].tiers[1].lower}); a problem elsewhere
 * is an {@link InvalidFieldException} naming its field ({@code observations[2].value}). At most
 * {@value CalcRequests#MAX_FLOWS} observations; values as bounded as the other calculators'
 * numbers.
 *
 * @param terms the bond terms
 * @param observations the KPI observations, in the order given
 */
record BondPaymentsRequest(BondTerms terms, List<Observation> observations) {

  /** The media type of a YAML body. */
  static final String YAML_TYPE = "application/yaml";

  private static final Set<String> FIELDS = Set.of("terms", "observations");
  private static final Set<String> OBSERVATION_FIELDS = Set.of("kpi", "date", "value");
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  BondPaymentsRequest {
    observations = List.copyOf(observations);
  }

  /** Reads a JSON body. */
  static BondPaymentsRequest fromJson(String body) {
    return read(JSON, body, "JSON");
  }

  /** Reads a YAML body: a bond file's terms under {@code terms:}. */
  static BondPaymentsRequest fromYaml(String body) {
    return read(YAML, body, "YAML");
  }

  private static BondPaymentsRequest read(ObjectMapper mapper, String body, String format) {
    JsonNode root;
    try {
      root = mapper.readTree(body == null ? "" : body);
    } catch (JacksonException e) {
      throw new InvalidFieldException(
          "body", "is not valid " + format + ": " + JsonFieldPaths.notWellFormed(e));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidFieldException("body", "must be an object with terms and observations");
    }
    Set<String> unknown = new TreeSet<>(root.propertyNames());
    unknown.removeAll(FIELDS);
    if (!unknown.isEmpty()) {
      throw new InvalidFieldException(
          unknown.iterator().next(), "is not a field; expected one of " + new TreeSet<>(FIELDS));
    }
    List<Observation> observations = observations(root.get("observations"));
    return new BondPaymentsRequest(terms(root.get("terms")), observations);
  }

  private static BondTerms terms(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new InvalidFieldException("terms", "is required");
    }
    try {
      return BondTermsDocuments.parseJson(JSON.writeValueAsString(node));
    } catch (InvalidBondTermsException e) {
      throw new InvalidBondTermsException(
          e.errors().stream()
              .map(
                  error ->
                      new TermsError(
                          error.path().isEmpty() ? "terms" : "terms." + error.path(),
                          error.message()))
              .toList());
    }
  }

  private static List<Observation> observations(JsonNode node) {
    List<Observation> observations = new ArrayList<>();
    if (node == null || node.isNull()) {
      return observations;
    }
    if (!node.isArray()) {
      throw new InvalidFieldException("observations", "must be a list of {kpi, date, value}");
    }
    if (node.size() > CalcRequests.MAX_FLOWS) {
      throw new InvalidFieldException(
          "observations",
          "must have at most " + CalcRequests.MAX_FLOWS + " entries, had " + node.size());
    }
    for (int i = 0; i < node.size(); i++) {
      String path = "observations[" + i + "]";
      JsonNode item = node.get(i);
      if (!item.isObject()) {
        throw new InvalidFieldException(path, "must be an object with kpi, date and value");
      }
      for (String name : item.propertyNames()) {
        if (!OBSERVATION_FIELDS.contains(name)) {
          throw new InvalidFieldException(
              path + "." + name, "is not a field; expected kpi, date and value");
        }
      }
      observations.add(
          new Observation(kpi(item, path), date(item, path), value(item, path + ".value")));
    }
    return observations;
  }

  private static String kpi(JsonNode item, String path) {
    JsonNode kpi = item.get("kpi");
    if (kpi == null || !kpi.isString() || kpi.asString().isBlank()) {
      throw new InvalidFieldException(path + ".kpi", "must be a non-empty string, was " + kpi);
    }
    return kpi.asString();
  }

  private static LocalDate date(JsonNode item, String path) {
    JsonNode date = item.get("date");
    if (date != null && date.isString()) {
      try {
        return LocalDate.parse(date.asString());
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new InvalidFieldException(
        path + ".date", "must be an ISO date such as 2021-04-01, was " + date);
  }

  /** A number or a decimal string, exact, with the digits the other calculators allow. */
  private static BigDecimal value(JsonNode item, String field) {
    JsonNode value = item.get("value");
    BigDecimal decimal;
    if (value != null && value.isNumber()) {
      decimal = value.decimalValue();
    } else if (value != null && value.isString() && value.asString().matches("-?\\d+(\\.\\d+)?")) {
      decimal = new BigDecimal(value.asString());
    } else {
      throw new InvalidFieldException(
          field, "must be a decimal number or string such as 0.20, was " + value);
    }
    return CalcRequests.decimal(decimal, field);
  }
}
