package io.twinledger.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.reporting.evidence.EvidenceBundle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bond feature's particulars re-computed from the logged terms and the KPI periods observed: the
 * outcome tier, the SLB's target and step, the availability month's MaxPP and deductions, and how a
 * KPI is measured; and each refused where the terms or the figure disagree.
 */
class BondFormulasTest {

  private static final String DC_WATER =
      """
      {"id": "dc-water-eib-2016", "currency": "USD", "face": "25000000",
       "issueDate": "2016-09-29", "maturity": "2046-09-29",
       "features": [{"type": "outcome-tiers", "kpi": "runoff-reduction",
         "observationDate": "2021-04-01", "paymentDate": "2021-04-01",
         "tiers": [{"lower": "0.413", "lowerInclusive": false, "amount": "3300000",
                    "payer": "ISSUER"},
                   {"upper": "0.186", "upperInclusive": false, "amount": "3300000",
                    "payer": "INVESTORS"}]}]}""";

  private static final String ENEL =
      """
      {"id": "enel-slb-2024", "currency": "USD", "face": "1500000000",
       "issueDate": "2019-09-10", "maturity": "2024-09-10",
       "coupon": {"rate": "0.0265", "frequency": 2, "dayCount": "30/360 US"},
       "features": [{"type": "coupon-step-up", "kpi": "renewable-share", "target": "0.55",
         "better": "HIGHER", "observationDate": "2021-12-01", "confirmationDate": "2022-04-15",
         "stepBp": 25}]}""";

  private static final String CENTRAL_70 =
      """
      {"id": "riverton-corridor-ap", "currency": "USD", "face": "100000000",
       "issueDate": "2026-07-01", "maturity": "2036-07-01",
       "features": [{"type": "availability-payment", "yearlyMaximum": "36500000",
         "contractYearStart": "2025-01-01", "firstMonth": "2027-01", "lastMonth": "2028-03",
         "lagMonths": 1, "capMultiple": "1.0",
         "deductions": [{"kpi": "km-out-of-standard", "percentPerUnit": "0.10"},
                        {"kpi": "pothole-days", "amountPerUnit": "500"}]}]}""";

  private final BondRuleFormula formula = new BondRuleFormula();

  @Test
  void anOutcomeFallsInTheTierItsValueLiesIn() throws Exception {
    Data data = new Data(DC_WATER).kpi("kpi.r", "runoff-reduction", "2021-04-01", "0.45", "P1");

    assertThat(formula.compute(rule("tier", "", Map.of(), "kpi.r"), data.get()))
        .isEqualTo("(0.413, ∞)");
    Data middle = new Data(DC_WATER).kpi("kpi.r", "runoff-reduction", "2021-04-01", "0.2", "P1");
    assertThat(formula.compute(rule("tier", "", Map.of(), "kpi.r"), middle.get()))
        .isEqualTo("none");
  }

  @Test
  void aStepUpsTargetIsMetOrMissedAndTheCouponStepsOnlyWhenMissed() throws Exception {
    Data missed = new Data(ENEL).kpi("kpi.s", "renewable-share", "2021-12-01", "0.549", "P1");
    Data met = new Data(ENEL).kpi("kpi.s", "renewable-share", "2021-12-01", "0.55", "P1");

    assertThat(formula.compute(rule("target", "P1", Map.of(), "kpi.s"), missed.get()))
        .isEqualTo("0.55");
    assertThat(formula.compute(rule("target-met", "", Map.of(), "kpi.s"), missed.get()))
        .isEqualTo("missed");
    assertThat(formula.compute(rule("step", "P1", Map.of(), "kpi.s"), missed.get()))
        .isEqualTo("0.25");
    assertThat(formula.compute(rule("target-met", "", Map.of(), "kpi.s"), met.get()))
        .isEqualTo("met");
    assertThat(formula.compute(rule("step", "P1", Map.of(), "kpi.s"), met.get())).isEqualTo("0");
    assertThatThrownBy(
            () -> formula.compute(rule("target", "MTQ", Map.of(), "kpi.s"), missed.get()))
        .hasMessage("the target is in the KPI's unit P1, not MTQ");
  }

  @Test
  void anAvailabilityMonthShowsItsMaxPpAndEachDeductionCapped() throws Exception {
    Data february =
        new Data(CENTRAL_70)
            .kpi("kpi.km", "km-out-of-standard", "2027-02-01", "12", "C62")
            .kpi("kpi.ph", "pothole-days", "2027-02-01", "3", "C62");
    Map<String, String> month = Map.of("month", "2027-02");

    assertThat(formula.compute(rule("max-pp", "USD", Map.of("month", "2027-03")), february.get()))
        .isEqualTo("3100000.00");
    assertThat(
            formula.compute(
                rule("deduction", "USD", kpi(month, "km-out-of-standard"), "kpi.km", "kpi.ph"),
                february.get()))
        .as("12 × 10 % × MaxPP(February) = 12 × 0.1 × 2,800,000")
        .isEqualTo("3360000.00");
    assertThat(
            formula.compute(
                rule("deduction", "USD", kpi(month, "pothole-days"), "kpi.km", "kpi.ph"),
                february.get()))
        .isEqualTo("1500.00");
    assertThat(
            formula.compute(rule("deductions", "USD", month, "kpi.km", "kpi.ph"), february.get()))
        .as("3,361,500 capped at 1.0 × 2,800,000")
        .isEqualTo("2800000.00");
    assertThatThrownBy(
            () -> formula.compute(rule("deductions", "USD", month, "kpi.km"), february.get()))
        .hasMessage("it does not read every count of 2027-02 it needs");
  }

  @Test
  void aQuantityOfAnotherFeatureOrAWrongObservationFailsTheFigure() {
    Data tiers = new Data(DC_WATER).kpi("kpi.r", "runoff-reduction", "2021-04-01", "0.45", "P1");

    assertThatThrownBy(() -> formula.compute(rule("step", "P1", Map.of(), "kpi.r"), tiers.get()))
        .hasMessage("step is no particular of a outcome-tiers feature");
    assertThatThrownBy(() -> formula.compute(rule("tier", "", Map.of()), tiers.get()))
        .hasMessage("it reads one observation of runoff-reduction");
    assertThatThrownBy(() -> formula.compute(rule("tier", "USD", Map.of(), "kpi.r"), tiers.get()))
        .hasMessage("it is in words, not USD");
    assertThatThrownBy(() -> formula.compute(rule("yield", "", Map.of(), "kpi.r"), tiers.get()))
        .hasMessage("there is no quantity 'yield' of a bond rule");
    Figure otherFeature =
        new Figure(
            "f",
            "",
            "",
            "",
            BondRuleFormula.NAME,
            Map.of("feature", "1", "quantity", "tier"),
            List.of("terms", "kpi.r"));
    assertThatThrownBy(() -> formula.compute(otherFeature, tiers.get()))
        .hasMessage("the terms have no feature 1; they have 1");
  }

  @Test
  void aPlainCouponAndThePrincipalAreTheTermsScheduleWithoutADetermination() throws Exception {
    BondPaymentFormula payment = new BondPaymentFormula();
    Data terms = new Data(ENEL);

    assertThat(payment.compute(fixed("COUPON", "2020-03-10"), terms.get()))
        .as("2.65 % / 2 on 1,500,000,000")
        .isEqualTo("19875000.00");
    assertThat(payment.compute(fixed("PRINCIPAL", "2024-09-10"), terms.get()))
        .isEqualTo("1500000000.00");
    assertThatThrownBy(() -> payment.compute(fixed("COUPON", "2020-03-11"), terms.get()))
        .hasMessage("the terms' schedule decides no COUPON payment on 2020-03-11");
  }

  @Test
  void editedTermsNoLongerHashToTheHashTheEventRecorded() {
    Data edited =
        new Data(DC_WATER, DC_WATER.replace("\"0.413\"", "\"0.5\""))
            .kpi("kpi.r", "runoff-reduction", "2021-04-01", "0.45", "P1");

    assertThatThrownBy(() -> formula.compute(rule("tier", "", Map.of(), "kpi.r"), edited.get()))
        .hasMessageStartingWith("terms's terms hash to ");
  }

  @Test
  void aKpisMethodIsItsDefinitionAndTheAssetsParameters() throws Exception {
    List<Input> inputs =
        List.of(
            new Input("definition", InputKind.KPI_DEFINITION, new Input.AuditLeaf(1, "00"), ""),
            new Input("asset", InputKind.ASSET_PARAMETERS, new Input.AuditLeaf(2, "00"), ""));
    Map<String, Object> data = new HashMap<>();
    data.put(
        "definition",
        event(
            1,
            """
            {"assetId":"gi-a","definition":{"kpiId":"runoff-reduction","unit":"P1",\
            "derivation":{"formula":"runoff-reduction","inputs":{"post":"runoff-post",\
            "baseline":"runoff-baseline"},"parameters":{}},"betterDirection":"HIGHER"}}"""));
    data.put(
        "asset",
        event(
            2,
            """
            {"assetId":"gi-a","timeZone":"America/New_York","parameters":{"type":"STORMWATER_SITE",\
            "imperviousAreaM2":12000,"designStormDepthMm":30.48,\
            "baselineRunoffMethod":"PRE_CONSTRUCTION_MONITORING"}}"""));
    Figure method =
        new Figure(
            "method",
            "",
            "",
            "",
            KpiMethodFormula.NAME,
            Map.of("kpiId", "runoff-reduction"),
            List.of("definition", "asset"));

    assertThat(new KpiMethodFormula().compute(method, new LoggedData(inputs, data, id -> null)))
        .isEqualTo(
            "runoff-reduction(baseline runoff-baseline, post runoff-post) in P1; asset"
                + " baselineRunoffMethod PRE_CONSTRUCTION_MONITORING, designStormDepthMm 30.48,"
                + " imperviousAreaM2 12000, type STORMWATER_SITE");
  }

  /** A payment the terms fix: no feature, paid by the issuer, reading the terms alone. */
  private static Figure fixed(String kind, String date) {
    return new Figure(
        kind,
        kind,
        "",
        "USD",
        BondPaymentFormula.NAME,
        Map.of("date", date, "kind", kind, "payer", "ISSUER"),
        List.of("terms"));
  }

  private static Map<String, String> kpi(Map<String, String> month, String kpi) {
    Map<String, String> parameters = new HashMap<>(month);
    parameters.put("kpi", kpi);
    return parameters;
  }

  private static Figure rule(
      String quantity, String unit, Map<String, String> parameters, String... kpis) {
    Map<String, String> all = new HashMap<>(parameters);
    all.put("feature", "0");
    all.put("quantity", quantity);
    List<String> inputs = new ArrayList<>();
    inputs.add("terms");
    inputs.addAll(List.of(kpis));
    return new Figure(quantity, quantity, "", unit, BondRuleFormula.NAME, all, inputs);
  }

  /** The logged terms and the KPI figures a rule reads. */
  private static final class Data {
    private final List<Input> inputs = new ArrayList<>();
    private final Map<String, Object> data = new HashMap<>();
    private final Map<String, Figure> figures = new HashMap<>();

    Data(String terms) {
      this(terms, terms);
    }

    /** Terms {@code logged} under the hash of {@code hashed}. */
    Data(String hashed, String logged) {
      String hash = BondTermsDocuments.termsHash(BondTermsDocuments.parseJson(hashed));
      inputs.add(new Input("terms", InputKind.BOND_TERMS, new Input.AuditLeaf(1, "00"), ""));
      data.put(
          "terms", event(1, "{\"terms\":" + quoted(logged) + ",\"termsHash\":\"" + hash + "\"}"));
    }

    Data kpi(String id, String kpiId, String date, String value, String unit) {
      figures.put(
          id,
          new Figure(
              id,
              kpiId,
              value,
              unit,
              KpiPeriodFormula.NAME,
              Map.of("kpiId", kpiId, "observationDate", date),
              List.of()));
      return this;
    }

    FigureData get() {
      return new LoggedData(inputs, data, figures::get);
    }
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static EvidenceBundle.Event event(long index, String payload) {
    return new EvidenceBundle.Event(
        index,
        "e" + index,
        "Bond",
        "bond:x",
        index,
        "Event",
        "2025-07-01T00:00:00Z",
        Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)),
        "",
        new EvidenceBundle.Leaf(index, "", List.of()));
  }
}
