package io.twinledger.finance.bond.terms;

import io.twinledger.finance.daycount.DayCount;
import io.twinledger.finance.document.ExactDocuments;
import io.twinledger.finance.document.Sha256Hex;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.schedule.BusinessDayConvention;
import io.twinledger.finance.schedule.Frequency;
import io.twinledger.finance.schedule.HolidayCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@link BondTerms} from JSON or YAML, and writes their canonical JSON and hash.
 *
 * <p>The document is walked as a tree (as {@link io.twinledger.finance.model.ModelDefinitions}
 * does), so that every missing field, misspelt key, wrong type and broken rule is reported with its
 * path in one {@link InvalidBondTermsException}. Decimals are read exactly, from a decimal string
 * ({@code "0.413"}) or a number, never through {@code double}; a decimal has at most {@value
 * #MAX_INTEGER_DIGITS} digits before the point and {@value #MAX_DECIMALS} after it. Dates are ISO
 * ({@code 2021-04-01}), months {@code 2025-01}. Duplicate keys are refused.
 *
 * <p>The format, field by field, with its defaults, is in {@code docs/bonds.md}.
 */
public final class BondTermsDocuments {

  static final int MAX_INTEGER_DIGITS = 20;
  static final int MAX_DECIMALS = 34;

  /** Bounds that keep a schedule finite and cheap: a century of coupons or months at most. */
  static final int MAX_YEARS = 100;

  /** At most this many features a bond, tiers or deduction items a feature. */
  static final int MAX_ITEMS = 50;

  private static final int PARSE_PROBLEM_LENGTH = 300;
  private static final Set<Integer> FREQUENCIES = Set.of(1, 2, 4, 12);
  private static final List<RoundingMode> ROUNDINGS =
      Arrays.stream(RoundingMode.values()).filter(m -> m != RoundingMode.UNNECESSARY).toList();

  private static final YAMLMapper YAML = ExactDocuments.YAML;
  private static final JsonMapper JSON = ExactDocuments.JSON;

  private final List<TermsError> errors = new ArrayList<>();

  private BondTermsDocuments() {}

  /**
   * Reads bond terms from JSON.
   *
   * @throws InvalidBondTermsException listing every problem with its path
   */
  public static BondTerms parseJson(String json) {
    return read(JSON, json, "JSON");
  }

  /**
   * Reads bond terms from YAML.
   *
   * @throws InvalidBondTermsException listing every problem with its path
   */
  public static BondTerms parseYaml(String yaml) {
    return read(YAML, yaml, "YAML");
  }

  /**
   * The canonical JSON of the terms: every field, defaults included, in a fixed key order (the
   * order of {@code docs/bonds.md}), without white space; decimals as plain strings without
   * trailing zeros ({@code "0.1"}, {@code "25000000"}), whole numbers as numbers. Two documents
   * that read to equal terms have the same canonical JSON; {@link #parseJson} reads it back to
   * equal terms.
   */
  public static String canonicalJson(BondTerms terms) {
    return JSON.writeValueAsString(tree(terms));
  }

  /**
   * The version name of the terms: the SHA-256 of their {@link #canonicalJson} in UTF-8, as 64
   * lower-case hex digits. The books and the chain name the terms a payment follows by it.
   */
  public static String termsHash(BondTerms terms) {
    return Sha256Hex.of(canonicalJson(terms));
  }

  private static BondTerms read(ObjectMapper mapper, String text, String format) {
    JsonNode root;
    try {
      root = mapper.readTree(text == null ? "" : text);
    } catch (JacksonException e) {
      String message = e.getOriginalMessage().replaceAll("\\s+", " ");
      throw new InvalidBondTermsException(
          List.of(
              new TermsError(
                  "",
                  "is not valid "
                      + format
                      + ": "
                      + message.substring(0, Math.min(message.length(), PARSE_PROBLEM_LENGTH)))));
    }
    BondTermsDocuments reader = new BondTermsDocuments();
    Optional<BondTerms> terms = reader.terms(root);
    if (!reader.errors.isEmpty()) {
      throw new InvalidBondTermsException(reader.errors);
    }
    return terms.orElseThrow();
  }

  private Optional<BondTerms> terms(JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull() || !root.isObject()) {
      error("", "must be a mapping with id, currency, face, issueDate, maturity and more");
      return Optional.empty();
    }
    allowOnly(
        root,
        "",
        "id",
        "currency",
        "face",
        "denomination",
        "issueDate",
        "maturity",
        "coupon",
        "redemption",
        "recordDate",
        "rounding",
        "allocation",
        "features");
    Optional<String> id = text(root, "id", "");
    Optional<Currency> currency = currency(root);
    Optional<BigDecimal> face = positive(root, "face", "");
    Optional<BigDecimal> denomination = optionalDecimal(root, "denomination", "");
    Optional<LocalDate> issue = date(root, "issueDate", "");
    Optional<LocalDate> maturity = date(root, "maturity", "");
    if (issue.isPresent() && maturity.isPresent()) {
      if (!maturity.get().isAfter(issue.get())) {
        error("maturity", "must be after issueDate " + issue.get() + ", was " + maturity.get());
      } else if (maturity.get().isAfter(issue.get().plusYears(MAX_YEARS))) {
        error("maturity", "must be at most " + MAX_YEARS + " years after issueDate");
      }
    }
    denomination.ifPresent(d -> checkDenomination(d, face));
    Optional<CouponTerms> coupon = coupon(root.get("coupon"));
    BigDecimal redemption = redemption(root.get("redemption")).orElse(BigDecimal.valueOf(100));
    RecordDateRule recordDate = recordDate(root.get("recordDate")).orElse(RecordDateRule.DEFAULT);
    RoundingMode rounding = rounding(root).orElse(BondTerms.DEFAULT_ROUNDING);
    AllocationRule allocation = allocation(root).orElse(AllocationRule.PRO_RATA_LARGEST_REMAINDER);
    List<PerformanceFeature> features =
        features(root.get("features"), present(root, "coupon") != null, maturity);
    if (!errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new BondTerms(
            id.orElseThrow(),
            currency.orElseThrow(),
            face.orElseThrow(),
            denomination.orElse(face.orElseThrow()),
            issue.orElseThrow(),
            maturity.orElseThrow(),
            coupon,
            redemption,
            recordDate,
            rounding,
            allocation,
            features));
  }

  private Optional<Currency> currency(JsonNode root) {
    Optional<String> code = text(root, "currency", "");
    if (code.isEmpty()) {
      return Optional.empty();
    }
    try {
      Currency currency = Money.currency(code.get());
      Money.zero(currency).minorUnitDigits();
      return Optional.of(currency);
    } catch (IllegalArgumentException e) {
      error("currency", e.getMessage());
      return Optional.empty();
    }
  }

  private void checkDenomination(BigDecimal denomination, Optional<BigDecimal> face) {
    if (denomination.signum() <= 0) {
      error("denomination", "must be positive, was " + denomination.toPlainString());
    } else if (face.isPresent() && face.get().remainder(denomination).signum() != 0) {
      error(
          "denomination",
          "must divide the face "
              + face.get().toPlainString()
              + " into whole units, was "
              + denomination.toPlainString());
    }
  }

  private Optional<CouponTerms> coupon(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    String path = "coupon";
    if (!node.isObject()) {
      error(path, "must be a mapping with rate, frequency and dayCount");
      return Optional.empty();
    }
    allowOnly(node, path, "rate", "frequency", "dayCount", "businessDayRule", "calendar");
    Optional<BigDecimal> rate = notNegative(node, "rate", path);
    Optional<Frequency> frequency = frequency(node, path);
    Optional<DayCount> dayCount = dayCount(node, path);
    Optional<BusinessDayConvention> rule =
        optionalText(node, "businessDayRule", path)
            .flatMap(
                name ->
                    named(
                        path + ".businessDayRule",
                        name,
                        Arrays.asList(BusinessDayConvention.values()),
                        BusinessDayConvention::name));
    Optional<HolidayCalendar> calendar = calendar(node.get("calendar"), path + ".calendar");
    if (rate.isEmpty() || frequency.isEmpty() || dayCount.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CouponTerms(
            rate.get(),
            frequency.get(),
            dayCount.get(),
            rule.orElse(BondTerms.DEFAULT_BUSINESS_DAY_RULE),
            calendar.orElse(HolidayCalendar.weekendsOnly())));
  }

  private Optional<Frequency> frequency(JsonNode node, String path) {
    return whole(node, "frequency", path)
        .flatMap(
            f -> {
              if (!FREQUENCIES.contains(f)) {
                error(path + ".frequency", "must be 1, 2, 4 or 12 coupons a year, was " + f);
                return Optional.empty();
              }
              return Optional.of(Frequency.ofPeriodsPerYear(f));
            });
  }

  private Optional<DayCount> dayCount(JsonNode node, String path) {
    return text(node, "dayCount", path)
        .flatMap(
            name -> {
              try {
                return Optional.of(DayCount.of(name));
              } catch (IllegalArgumentException e) {
                error(path + ".dayCount", e.getMessage());
                return Optional.empty();
              }
            });
  }

  private Optional<HolidayCalendar> calendar(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      error(path, "must be a mapping with holidays, a list of dates");
      return Optional.empty();
    }
    allowOnly(node, path, "holidays");
    JsonNode holidays = node.get("holidays");
    if (holidays == null || holidays.isNull()) {
      return Optional.of(HolidayCalendar.weekendsOnly());
    }
    if (!holidays.isArray()) {
      error(path + ".holidays", "must be a list of dates");
      return Optional.empty();
    }
    List<LocalDate> dates = new ArrayList<>();
    for (int i = 0; i < holidays.size(); i++) {
      isoDate(holidays.get(i), path + ".holidays[" + i + "]").ifPresent(dates::add);
    }
    return Optional.of(HolidayCalendar.weekendsAnd(dates));
  }

  private Optional<BigDecimal> redemption(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      error("redemption", "must be a mapping with percentOfFace");
      return Optional.empty();
    }
    allowOnly(node, "redemption", "percentOfFace");
    return notNegative(node, "percentOfFace", "redemption");
  }

  private Optional<RecordDateRule> recordDate(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      error("recordDate", "must be a mapping with businessDaysBefore");
      return Optional.empty();
    }
    allowOnly(node, "recordDate", "businessDaysBefore");
    return whole(node, "businessDaysBefore", "recordDate")
        .flatMap(
            days -> {
              if (days < 0 || days > 30) {
                error("recordDate.businessDaysBefore", "must be 0 to 30, was " + days);
                return Optional.empty();
              }
              return Optional.of(new RecordDateRule(days));
            });
  }

  private Optional<RoundingMode> rounding(JsonNode root) {
    return optionalText(root, "rounding", "")
        .flatMap(name -> named("rounding", name, ROUNDINGS, RoundingMode::name));
  }

  private Optional<AllocationRule> allocation(JsonNode root) {
    return optionalText(root, "allocation", "")
        .flatMap(
            name ->
                named(
                    "allocation",
                    name,
                    Arrays.asList(AllocationRule.values()),
                    AllocationRule::id));
  }

  private List<PerformanceFeature> features(
      JsonNode node, boolean hasCoupon, Optional<LocalDate> maturity) {
    List<PerformanceFeature> features = new ArrayList<>();
    if (node == null || node.isNull()) {
      return features;
    }
    if (!node.isArray() || node.size() > MAX_ITEMS) {
      error("features", "must be a list of at most " + MAX_ITEMS + " features");
      return features;
    }
    for (int i = 0; i < node.size(); i++) {
      String path = "features[" + i + "]";
      JsonNode feature = node.get(i);
      if (!feature.isObject()) {
        error(path, "must be a mapping with a type");
        continue;
      }
      Optional<String> type = text(feature, "type", path);
      if (type.isEmpty()) {
        continue;
      }
      Optional<? extends PerformanceFeature> read =
          switch (type.get()) {
            case OutcomeTiers.TYPE -> outcomeTiers(feature, path);
            case CouponStepUp.TYPE -> couponStepUp(feature, path, hasCoupon, maturity);
            case AvailabilityPayment.TYPE -> availability(feature, path);
            case PerUnitPayment.TYPE -> perUnit(feature, path);
            default -> {
              error(
                  path + ".type",
                  "'"
                      + type.get()
                      + "' is not a feature type; expected one of "
                      + String.join(
                          ", ",
                          OutcomeTiers.TYPE,
                          CouponStepUp.TYPE,
                          AvailabilityPayment.TYPE,
                          PerUnitPayment.TYPE));
              yield Optional.empty();
            }
          };
      read.ifPresent(features::add);
    }
    return features;
  }

  private Optional<OutcomeTiers> outcomeTiers(JsonNode node, String path) {
    allowOnly(node, path, "type", "asset", "kpi", "observationDate", "paymentDate", "tiers");
    Optional<String> asset = optionalText(node, "asset", path);
    Optional<String> kpi = text(node, "kpi", path);
    Optional<LocalDate> observation = date(node, "observationDate", path);
    Optional<LocalDate> payment = date(node, "paymentDate", path);
    if (observation.isPresent()
        && payment.isPresent()
        && payment.get().isBefore(observation.get())) {
      error(
          path + ".paymentDate",
          "must not be before observationDate " + observation.get() + ", was " + payment.get());
    }
    List<Tier> tiers = tiers(node.get("tiers"), path + ".tiers");
    if (kpi.isEmpty() || observation.isEmpty() || payment.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new OutcomeTiers(asset, kpi.get(), observation.get(), payment.get(), tiers));
  }

  private List<Tier> tiers(JsonNode node, String path) {
    List<Tier> tiers = new ArrayList<>();
    if (node == null || node.isNull()) {
      error(path, "is required");
      return tiers;
    }
    if (!node.isArray() || node.isEmpty() || node.size() > MAX_ITEMS) {
      error(path, "must be a list of 1 to " + MAX_ITEMS + " tiers");
      return tiers;
    }
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String tierPath = path + "[" + i + "]";
      JsonNode tier = node.get(i);
      if (!tier.isObject()) {
        error(tierPath, "must be a mapping with lower and/or upper, amount and payer");
        continue;
      }
      allowOnly(
          tier, tierPath, "lower", "lowerInclusive", "upper", "upperInclusive", "amount", "payer");
      Optional<BigDecimal> lower = optionalDecimal(tier, "lower", tierPath);
      Optional<BigDecimal> upper = optionalDecimal(tier, "upper", tierPath);
      boolean lowerInclusive = inclusive(tier, "lower", lower, tierPath);
      boolean upperInclusive = inclusive(tier, "upper", upper, tierPath);
      if (lower.isPresent() && upper.isPresent() && lower.get().compareTo(upper.get()) >= 0) {
        error(
            tierPath + ".lower",
            "must be less than upper "
                + upper.get().toPlainString()
                + ", was "
                + lower.get().toPlainString());
        continue;
      }
      Optional<BigDecimal> amount = notNegative(tier, "amount", tierPath);
      Optional<Party> payer = party(tier, tierPath);
      if (amount.isEmpty() || payer.isEmpty()) {
        continue;
      }
      Tier read = new Tier(lower, lowerInclusive, upper, upperInclusive, amount.get(), payer.get());
      for (int j = 0; j < tiers.size(); j++) {
        if (read.overlaps(tiers.get(j))) {
          error(
              tierPath,
              "range "
                  + read.range()
                  + " overlaps tiers["
                  + positions.get(j)
                  + "] "
                  + tiers.get(j).range()
                  + "; a value must fall in at most one tier");
        }
      }
      tiers.add(read);
      positions.add(i);
    }
    return tiers;
  }

  /** A bound's inclusivity: required with the bound, as sources differ on "more than". */
  private boolean inclusive(
      JsonNode tier, String bound, Optional<BigDecimal> value, String tierPath) {
    String field = bound + "Inclusive";
    JsonNode flag = present(tier, field);
    if (value.isEmpty()) {
      if (flag != null) {
        error(tierPath + "." + field, "is only allowed with " + bound);
      }
      return false;
    }
    if (flag == null) {
      error(tierPath + "." + field, "is required with " + bound + " (true or false)");
      return false;
    }
    if (!flag.isBoolean()) {
      error(tierPath + "." + field, "must be true or false, was " + flag);
      return false;
    }
    return flag.booleanValue();
  }

  private Optional<CouponStepUp> couponStepUp(
      JsonNode node, String path, boolean hasCoupon, Optional<LocalDate> maturity) {
    allowOnly(
        node,
        path,
        "type",
        "asset",
        "kpi",
        "target",
        "better",
        "observationDate",
        "confirmationDate",
        "stepBp");
    if (!hasCoupon) {
      error(path, "a coupon step-up needs a coupon; the bond has none");
    }
    Optional<String> asset = optionalText(node, "asset", path);
    Optional<String> kpi = text(node, "kpi", path);
    Optional<BigDecimal> target = decimal(node, "target", path);
    Optional<Better> better = better(node, path);
    Optional<LocalDate> observation = date(node, "observationDate", path);
    Optional<LocalDate> confirmation = date(node, "confirmationDate", path);
    if (observation.isPresent()
        && confirmation.isPresent()
        && !confirmation.get().isAfter(observation.get())) {
      error(
          path + ".confirmationDate",
          "must be after observationDate " + observation.get() + ", was " + confirmation.get());
    }
    if (confirmation.isPresent()
        && maturity.isPresent()
        && !confirmation.get().isBefore(maturity.get())) {
      error(
          path + ".confirmationDate",
          "must be before maturity " + maturity.get() + ", was " + confirmation.get());
    }
    Optional<Integer> step =
        whole(node, "stepBp", path)
            .filter(
                bp -> {
                  if (bp <= 0 || bp > 10_000) {
                    error(path + ".stepBp", "must be 1 to 10000 basis points, was " + bp);
                    return false;
                  }
                  return true;
                });
    if (kpi.isEmpty()
        || target.isEmpty()
        || better.isEmpty()
        || observation.isEmpty()
        || confirmation.isEmpty()
        || step.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CouponStepUp(
            asset,
            kpi.get(),
            target.get(),
            better.get(),
            observation.get(),
            confirmation.get(),
            step.get()));
  }

  private Optional<AvailabilityPayment> availability(JsonNode node, String path) {
    allowOnly(
        node,
        path,
        "type",
        "asset",
        "yearlyMaximum",
        "contractYearStart",
        "firstMonth",
        "lastMonth",
        "lagMonths",
        "capMultiple",
        "deductions");
    Optional<String> asset = optionalText(node, "asset", path);
    Optional<BigDecimal> yearlyMaximum = positive(node, "yearlyMaximum", path);
    Optional<LocalDate> yearStart = date(node, "contractYearStart", path);
    if (yearStart.isPresent() && yearStart.get().getDayOfMonth() != 1) {
      error(
          path + ".contractYearStart", "must be the first day of a month, was " + yearStart.get());
      yearStart = Optional.empty();
    }
    Optional<YearMonth[]> months = months(node, path);
    Optional<Integer> lag =
        present(node, "lagMonths") == null
            ? Optional.of(1)
            : whole(node, "lagMonths", path)
                .filter(
                    l -> {
                      if (l < 0 || l > 12) {
                        error(path + ".lagMonths", "must be 0 to 12, was " + l);
                        return false;
                      }
                      return true;
                    });
    Optional<BigDecimal> cap = notNegative(node, "capMultiple", path);
    List<Deduction> deductions = deductions(node.get("deductions"), path + ".deductions");
    if (yearlyMaximum.isEmpty()
        || yearStart.isEmpty()
        || months.isEmpty()
        || lag.isEmpty()
        || cap.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new AvailabilityPayment(
            asset,
            yearlyMaximum.get(),
            yearStart.get(),
            months.get()[0],
            months.get()[1],
            lag.get(),
            cap.get(),
            deductions));
  }

  private List<Deduction> deductions(JsonNode node, String path) {
    List<Deduction> deductions = new ArrayList<>();
    if (node == null || node.isNull()) {
      return deductions;
    }
    if (!node.isArray() || node.size() > MAX_ITEMS) {
      error(path, "must be a list of at most " + MAX_ITEMS + " deduction items");
      return deductions;
    }
    Set<String> kpis = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String itemPath = path + "[" + i + "]";
      JsonNode item = node.get(i);
      if (!item.isObject()) {
        error(itemPath, "must be a mapping with kpi and percentPerUnit or amountPerUnit");
        continue;
      }
      allowOnly(item, itemPath, "kpi", "percentPerUnit", "amountPerUnit");
      Optional<String> kpi = text(item, "kpi", itemPath);
      kpi.filter(k -> !kpis.add(k))
          .ifPresent(k -> error(itemPath + ".kpi", "'" + k + "' has a deduction item already"));
      boolean percent = present(item, "percentPerUnit") != null;
      boolean amount = present(item, "amountPerUnit") != null;
      if (percent == amount) {
        error(itemPath, "must have exactly one of percentPerUnit and amountPerUnit");
        continue;
      }
      Optional<BigDecimal> value =
          notNegative(item, percent ? "percentPerUnit" : "amountPerUnit", itemPath);
      if (kpi.isPresent() && value.isPresent()) {
        deductions.add(
            percent
                ? new Deduction.PercentPerUnit(kpi.get(), value.get())
                : new Deduction.AmountPerUnit(kpi.get(), value.get()));
      }
    }
    return deductions;
  }

  private Optional<PerUnitPayment> perUnit(JsonNode node, String path) {
    allowOnly(
        node,
        path,
        "type",
        "asset",
        "kpi",
        "baseline",
        "better",
        "amountPerUnit",
        "firstMonth",
        "lastMonth");
    Optional<String> asset = optionalText(node, "asset", path);
    Optional<String> kpi = text(node, "kpi", path);
    Optional<BigDecimal> baseline = decimal(node, "baseline", path);
    Optional<Better> better = better(node, path);
    Optional<BigDecimal> amount = notNegative(node, "amountPerUnit", path);
    Optional<YearMonth[]> months = months(node, path);
    if (kpi.isEmpty()
        || baseline.isEmpty()
        || better.isEmpty()
        || amount.isEmpty()
        || months.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new PerUnitPayment(
            asset,
            kpi.get(),
            baseline.get(),
            better.get(),
            amount.get(),
            months.get()[0],
            months.get()[1]));
  }

  /** firstMonth and lastMonth, in order, at most a century apart. */
  private Optional<YearMonth[]> months(JsonNode node, String path) {
    Optional<YearMonth> first = month(node, "firstMonth", path);
    Optional<YearMonth> last = month(node, "lastMonth", path);
    if (first.isEmpty() || last.isEmpty()) {
      return Optional.empty();
    }
    if (last.get().isBefore(first.get())) {
      error(
          path + ".lastMonth",
          "must not be before firstMonth " + first.get() + ", was " + last.get());
      return Optional.empty();
    }
    if (ChronoUnit.MONTHS.between(first.get(), last.get()) >= 12L * MAX_YEARS) {
      error(path + ".lastMonth", "must be less than " + MAX_YEARS + " years after firstMonth");
      return Optional.empty();
    }
    return Optional.of(new YearMonth[] {first.get(), last.get()});
  }

  private Optional<YearMonth> month(JsonNode node, String field, String path) {
    return text(node, field, path)
        .flatMap(
            text -> {
              try {
                return Optional.of(YearMonth.parse(text));
              } catch (DateTimeParseException e) {
                error(
                    path + "." + field, "must be an ISO month such as 2025-01, was '" + text + "'");
                return Optional.empty();
              }
            });
  }

  private Optional<Better> better(JsonNode node, String path) {
    return text(node, "better", path)
        .flatMap(
            name -> named(path + ".better", name, Arrays.asList(Better.values()), Better::name));
  }

  private Optional<Party> party(JsonNode node, String path) {
    return text(node, "payer", path)
        .flatMap(name -> named(path + ".payer", name, Arrays.asList(Party.values()), Party::name));
  }

  private <T> Optional<T> named(
      String fieldPath, String name, List<T> values, Function<T, String> nameOf) {
    for (T value : values) {
      if (nameOf.apply(value).equals(name)) {
        return Optional.of(value);
      }
    }
    error(
        fieldPath,
        "'"
            + name
            + "' is not one of "
            + values.stream().map(nameOf).collect(Collectors.joining(", ")));
    return Optional.empty();
  }

  private Optional<LocalDate> date(JsonNode node, String field, String path) {
    JsonNode value = present(node, field);
    if (value == null) {
      error(join(path, field), "is required");
      return Optional.empty();
    }
    return isoDate(value, join(path, field));
  }

  private Optional<LocalDate> isoDate(JsonNode value, String fieldPath) {
    if (value.isString()) {
      try {
        return Optional.of(LocalDate.parse(value.asString()));
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    error(fieldPath, "must be an ISO date such as 2021-04-01, was " + value);
    return Optional.empty();
  }

  private Optional<Integer> whole(JsonNode node, String field, String path) {
    JsonNode value = present(node, field);
    if (value == null) {
      error(join(path, field), "is required");
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      error(join(path, field), "must be a whole number, was " + value);
      return Optional.empty();
    }
    return Optional.of(value.asInt());
  }

  private Optional<BigDecimal> positive(JsonNode node, String field, String path) {
    return decimal(node, field, path)
        .filter(
            d -> {
              if (d.signum() <= 0) {
                error(join(path, field), "must be positive, was " + d.toPlainString());
                return false;
              }
              return true;
            });
  }

  private Optional<BigDecimal> notNegative(JsonNode node, String field, String path) {
    return decimal(node, field, path)
        .filter(
            d -> {
              if (d.signum() < 0) {
                error(join(path, field), "must not be negative, was " + d.toPlainString());
                return false;
              }
              return true;
            });
  }

  private Optional<BigDecimal> optionalDecimal(JsonNode node, String field, String path) {
    return present(node, field) == null ? Optional.empty() : decimal(node, field, path);
  }

  /**
   * An exact decimal from a decimal string or a number, without trailing zeros (so that {@code
   * "0.10"} and {@code 0.1} are the same terms).
   */
  private Optional<BigDecimal> decimal(JsonNode node, String field, String path) {
    String fieldPath = join(path, field);
    JsonNode value = present(node, field);
    if (value == null) {
      error(fieldPath, "is required");
      return Optional.empty();
    }
    BigDecimal decimal;
    if (value.isNumber()) {
      decimal = value.decimalValue();
    } else if (value.isString() && value.asString().matches("-?\\d+(\\.\\d+)?")) {
      decimal = new BigDecimal(value.asString());
    } else {
      error(fieldPath, "must be a decimal number or string such as \"0.413\", was " + value);
      return Optional.empty();
    }
    // The digits before the point are bounded first: normalising 1e999999999 would not end.
    if (decimal.precision() - decimal.scale() > MAX_INTEGER_DIGITS
        || normal(decimal).scale() > MAX_DECIMALS) {
      error(
          fieldPath,
          "must have at most "
              + MAX_INTEGER_DIGITS
              + " digits before the decimal point and "
              + MAX_DECIMALS
              + " after it");
      return Optional.empty();
    }
    return Optional.of(normal(decimal));
  }

  private static BigDecimal normal(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private Optional<String> text(JsonNode node, String field, String path) {
    JsonNode value = present(node, field);
    if (value == null) {
      error(join(path, field), "is required");
      return Optional.empty();
    }
    if (!value.isString() || value.asString().isBlank()) {
      error(join(path, field), "must be a non-empty string, was " + value);
      return Optional.empty();
    }
    return Optional.of(value.asString());
  }

  private Optional<String> optionalText(JsonNode node, String field, String path) {
    return present(node, field) == null ? Optional.empty() : text(node, field, path);
  }

  private static JsonNode present(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private void allowOnly(JsonNode node, String path, String... fields) {
    Set<String> allowed = new TreeSet<>(List.of(fields));
    for (String name : node.propertyNames()) {
      if (!allowed.contains(name)) {
        error(join(path, name), "is not a known field; expected " + String.join(", ", fields));
      }
    }
  }

  private void error(String path, String message) {
    errors.add(new TermsError(path, message));
  }

  private static ObjectNode tree(BondTerms terms) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("id", terms.id());
    root.put("currency", terms.currency().getCurrencyCode());
    root.put("face", plain(terms.face()));
    root.put("denomination", plain(terms.denomination()));
    root.put("issueDate", terms.issueDate().toString());
    root.put("maturity", terms.maturity().toString());
    terms
        .coupon()
        .ifPresent(
            coupon -> {
              ObjectNode node = root.putObject("coupon");
              node.put("rate", plain(coupon.rate()));
              node.put("frequency", coupon.frequency().periodsPerYear());
              node.put("dayCount", coupon.dayCount().apiName());
              node.put("businessDayRule", coupon.businessDayRule().name());
              ArrayNode holidays = node.putObject("calendar").putArray("holidays");
              coupon.calendar().holidays().stream()
                  .sorted()
                  .forEach(date -> holidays.add(date.toString()));
            });
    root.putObject("redemption").put("percentOfFace", plain(terms.redemptionPercent()));
    root.putObject("recordDate").put("businessDaysBefore", terms.recordDate().businessDaysBefore());
    root.put("rounding", terms.rounding().name());
    root.put("allocation", terms.allocation().id());
    ArrayNode features = root.putArray("features");
    for (PerformanceFeature feature : terms.features()) {
      ObjectNode node = features.addObject();
      node.put("type", feature.type());
      feature.asset().ifPresent(asset -> node.put("asset", asset));
      switch (feature) {
        case OutcomeTiers tiers -> {
          node.put("kpi", tiers.kpi());
          node.put("observationDate", tiers.observationDate().toString());
          node.put("paymentDate", tiers.paymentDate().toString());
          ArrayNode list = node.putArray("tiers");
          for (Tier tier : tiers.tiers()) {
            ObjectNode t = list.addObject();
            tier.lower()
                .ifPresent(
                    l -> {
                      t.put("lower", plain(l));
                      t.put("lowerInclusive", tier.lowerInclusive());
                    });
            tier.upper()
                .ifPresent(
                    u -> {
                      t.put("upper", plain(u));
                      t.put("upperInclusive", tier.upperInclusive());
                    });
            t.put("amount", plain(tier.amount()));
            t.put("payer", tier.payer().name());
          }
        }
        case CouponStepUp step -> {
          node.put("kpi", step.kpi());
          node.put("target", plain(step.target()));
          node.put("better", step.better().name());
          node.put("observationDate", step.observationDate().toString());
          node.put("confirmationDate", step.confirmationDate().toString());
          node.put("stepBp", step.stepBp());
        }
        case AvailabilityPayment availability -> {
          node.put("yearlyMaximum", plain(availability.yearlyMaximum()));
          node.put("contractYearStart", availability.contractYearStart().toString());
          node.put("firstMonth", availability.firstMonth().toString());
          node.put("lastMonth", availability.lastMonth().toString());
          node.put("lagMonths", availability.lagMonths());
          node.put("capMultiple", plain(availability.capMultiple()));
          ArrayNode list = node.putArray("deductions");
          for (Deduction deduction : availability.deductions()) {
            ObjectNode d = list.addObject();
            d.put("kpi", deduction.kpi());
            switch (deduction) {
              case Deduction.PercentPerUnit p -> d.put("percentPerUnit", plain(p.fraction()));
              case Deduction.AmountPerUnit a -> d.put("amountPerUnit", plain(a.amount()));
            }
          }
        }
        case PerUnitPayment perUnit -> {
          node.put("kpi", perUnit.kpi());
          node.put("baseline", plain(perUnit.baseline()));
          node.put("better", perUnit.better().name());
          node.put("amountPerUnit", plain(perUnit.amountPerUnit()));
          node.put("firstMonth", perUnit.firstMonth().toString());
          node.put("lastMonth", perUnit.lastMonth().toString());
        }
      }
    }
    return root;
  }

  private static String plain(BigDecimal value) {
    return normal(value).toPlainString();
  }
}
