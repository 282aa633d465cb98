package io.twinledger.service.bond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.PayoutAllocation;
import io.twinledger.finance.payout.PayoutDigest;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.MonthlyPeriods;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.twin.KpiPeriodJob;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bond's life over real HTTP, PostgreSQL and the embedded Fabric peer: terms checked against the
 * register, issue, placement on the Fabric token, determinations proposed only from proven KPI
 * periods and co-signed by the trustee, payments declared and paid exactly to the holders, the
 * investor's own view, reconciliation, and a later revision that disputes without changing what was
 * paid.
 */
@OnEmbeddedDb
class BondApiTest {

  private static final String KPI = "system-input-volume";

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired CommandGateway commands;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired BondJobs jobs;

  private Api api;
  private String asset;
  private String bond;

  /**
   * A district whose inlet meter read 150 m³ in March 2025 and 300 m³ in April, closed from
   * imported readings and anchored.
   */
  @BeforeEach
  void provenMonths() {
    api = new Api(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    asset = "dma-" + suffix;
    bond = "bond-" + suffix;
    new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint)
        .register(
            asset,
            KPI,
            "[]",
            2,
            "2025-03-04T08:00:00Z,100",
            "2025-03-20T08:00:00Z,50",
            "2025-04-10T08:00:00Z,300");
  }

  private String terms(String kpi) {
    return """
        {"id": "%s", "currency": "USD", "face": "1000", "denomination": "100",
         "issueDate": "2025-01-01", "maturity": "2030-01-01",
         "features": [
          {"type": "outcome-tiers", "asset": "%s", "kpi": "%s",
           "observationDate": "2025-03-01", "paymentDate": "2025-05-01",
           "tiers": [{"upper": "200", "upperInclusive": true, "amount": "100", "payer": "ISSUER"}]},
          {"type": "per-unit-payment", "asset": "%2$s", "kpi": "%3$s", "baseline": "400",
           "better": "LOWER", "amountPerUnit": "0.10", "firstMonth": "2025-03",
           "lastMonth": "2025-04"}]}"""
        .formatted(bond, asset, kpi);
  }

  @Test
  void termsNamingAKpiTheAssetLacksAreRefusedWithTheFieldAndNothingIsRecorded() {
    var refused = api.post("/api/v1/bonds", "officer", terms("runoff-reduction"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().get("type").asString()).endsWith("invalid-terms");
    assertThat(refused.json().get("errors").toString())
        .contains("features[0].kpi", "features[1].kpi", "runoff-reduction");
    assertThat(api.get("/api/v1/bonds/" + bond, "officer").status()).isEqualTo(404);
    var unknownAsset =
        api.post("/api/v1/bonds", "officer", terms(KPI).replace(asset, "no-such-asset"));
    assertThat(unknownAsset.status()).isEqualTo(422);
    assertThat(unknownAsset.json().get("errors").get(0).get("field").asString())
        .isEqualTo("features[0].asset");
  }

  @Test
  void aBondPaysItsHoldersExactlyFromCosignedDeterminationsOfProvenPeriods() {
    var defined = api.post("/api/v1/bonds", "officer", terms(KPI));
    assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    String hash = defined.json().get("termsHash").asString();
    awaitBond(b -> b.get("status").asString().equals("DRAFT"));
    var issued =
        api.post(
            "/api/v1/bonds/" + bond + "/issue", "officer", "{\"termsHash\": \"" + hash + "\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    awaitBond(b -> b.get("status").asString().equals("ISSUED"));
    assertThat(
            api.put(
                    "/api/v1/bonds/" + bond + "/terms",
                    "officer",
                    terms(KPI).replace("0.10", "0.20"))
                .status())
        .as("terms are fixed at issue")
        .isEqualTo(409);

    var placed =
        api.put(
            "/api/v1/bonds/" + bond + "/holders",
            "officer",
            """
            {"holdings": [{"holder": "investor", "units": 3}, {"holder": "holder-b", "units": 3},
                          {"holder": "holder-c", "units": 4}]}""");
    assertThat(placed.status()).as(placed.body()).isEqualTo(200);
    awaitBond(b -> b.get("unitsHeld").asLong() == 10);

    jobs.runDue();
    JsonNode queue = awaitQueue(3);
    JsonNode outcome = determination(queue, "f0-2025-03-01");
    assertThat(outcome.get("periods").get(0).get("revision").asInt()).isEqualTo(1);
    assertThat(outcome.get("periods").get(0).get("value").decimalValue())
        .isEqualByComparingTo("150");
    assertThat(outcome.get("periods").get(0).get("leafIndexes")).isNotEmpty();
    assertThat(outcome.get("periods").get(0).get("evidence").asString())
        .contains("/api/v1/evidence/kpi-periods?assetId=" + asset, "revision=1");
    assertThat(outcome.get("checkpoint").get("treeSize").asLong())
        .isGreaterThan(outcome.get("periods").get(0).get("leafIndexes").get(0).asLong());
    assertThat(outcome.get("payments").get(0).get("amount").asString()).isEqualTo("100.00");
    assertThat(api.get("/api/v1/bonds/" + bond + "/payouts", "officer").json())
        .as("nothing is paid before the trustee co-signs")
        .isEmpty();

    assertThat(cosign("f0-2025-03-01", "officer").status()).isEqualTo(403);
    for (JsonNode d : queue) {
      if (d.get("bondId").asString().equals(bond)) {
        var cosigned = cosign(d.get("determinationId").asString(), "trustee");
        assertThat(cosigned.status()).as(cosigned.body()).isEqualTo(200);
        assertThat(cosigned.json().get("trustee").asString()).isEqualTo("trustee");
      }
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> cosignedCount() == 3);

    jobs.runDue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/bonds/" + bond + "/payouts", "officer").json().size() == 3);
    List<Holding> register =
        List.of(new Holding("holder-b", 3), new Holding("holder-c", 4), new Holding("investor", 3));
    for (JsonNode payout : api.get("/api/v1/bonds/" + bond + "/payouts", "auditor").json()) {
      assertThat(payout.get("chain").asString()).isEqualTo("fabric");
      Money total = Money.of("USD", payout.get("total").asString());
      assertThat(payout.get("allocationDigest").asString())
          .isEqualTo(PayoutDigest.of(PayoutAllocation.allocate(total, register)));
      JsonNode lines =
          api.get(
                  "/api/v1/bonds/"
                      + bond
                      + "/payouts/"
                      + payout.get("paymentId").asString()
                      + "/fabric",
                  "trustee")
              .json();
      BigDecimal sum = BigDecimal.ZERO;
      for (JsonNode line : lines) {
        sum = sum.add(new BigDecimal(line.get("amount").asString()));
      }
      assertThat(sum).isEqualByComparingTo(total.amount());
    }
    List<String> kinds = new ArrayList<>();
    api.get("/api/v1/bonds/" + bond + "/payments", "investor")
        .json()
        .forEach(p -> kinds.add(p.get("kind").asString() + " " + p.get("amount").asString()));
    assertThat(kinds)
        .containsExactlyInAnyOrder("OUTCOME 100.00", "PER_UNIT 25.00", "PER_UNIT 10.00");

    JsonNode mine = api.get("/api/v1/me/payouts", "investor").json();
    List<String> own = new ArrayList<>();
    mine.forEach(
        p -> {
          assertThat(p.get("holder").asString()).isEqualTo("investor");
          if (p.get("bondId").asString().equals(bond)) {
            own.add(p.get("paymentId").asString() + " " + p.get("amount").asString());
          }
        });
    assertThat(own).hasSize(3).anyMatch(line -> line.endsWith(" 30.00"));
    assertThat(api.get("/api/v1/me/holdings", "investor").json().toString())
        .contains(bond)
        .doesNotContain("holder-b");
    assertThat(api.get("/api/v1/bonds/" + bond + "/holders", "investor").status()).isEqualTo(403);

    JsonNode reconciliation =
        api.get("/api/v1/bonds/" + bond + "/reconciliation", "auditor").json();
    assertThat(reconciliation.get("reconciled").asBoolean()).as(reconciliation.toString()).isTrue();

    commands.sendAndWait(
        MonthlyPeriods.closed(
            asset, KPI, YearMonth.of(2025, 3), 2, new BigDecimal("250"), "MTQ", "cd".repeat(32)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                determination(
                            api.get("/api/v1/bonds/" + bond + "/determinations", "auditor").json(),
                            "f0-2025-03-01")
                        .get("disputes")
                        .size()
                    == 1);
    assertThat(api.get("/api/v1/bonds/" + bond + "/payments", "officer").json().toString())
        .as("a dispute changes no payment")
        .contains("\"100.00\"");
  }

  @Test
  void aTransferToAnUnregisteredOrFrozenHolderIsRefusedByTheChainAndTheBooksStayAsTheyWere() {
    api.post("/api/v1/bonds", "officer", terms(KPI));
    awaitBond(b -> b.get("status").asString().equals("DRAFT"));
    api.post("/api/v1/bonds/" + bond + "/issue", "officer", "{}");
    awaitBond(b -> b.get("status").asString().equals("ISSUED"));
    api.put(
        "/api/v1/bonds/" + bond + "/holders",
        "officer",
        "{\"holdings\": [{\"holder\": \"investor\", \"units\": 6}, {\"holder\": \"holder-b\", \"units\": 4}]}");
    awaitBond(b -> b.get("unitsHeld").asLong() == 10);

    var unregistered =
        api.post(
            "/api/v1/bonds/" + bond + "/transfers",
            "officer",
            "{\"from\": \"investor\", \"to\": \"stranger\", \"units\": 1}");
    assertThat(unregistered.status()).as(unregistered.body()).isEqualTo(409);
    assertThat(unregistered.json().get("code").asString()).isEqualTo("HOLDER_NOT_REGISTERED");

    assertThat(
            api.post(
                    "/api/v1/bonds/" + bond + "/holders/holder-b/freeze",
                    "officer",
                    "{\"frozen\": true}")
                .status())
        .isEqualTo(204);
    var frozen =
        api.post(
            "/api/v1/bonds/" + bond + "/transfers",
            "officer",
            "{\"from\": \"investor\", \"to\": \"holder-b\", \"units\": 1}");
    assertThat(frozen.status()).as(frozen.body()).isEqualTo(409);
    assertThat(frozen.json().get("code").asString()).isEqualTo("HOLDER_FROZEN");

    var badUnits =
        api.post(
            "/api/v1/bonds/" + bond + "/transfers",
            "officer",
            "{\"from\": \"investor\", \"to\": \"holder-b\", \"units\": -1}");
    assertThat(badUnits.status()).isEqualTo(400);

    api.post(
        "/api/v1/bonds/" + bond + "/holders/holder-b/freeze", "officer", "{\"frozen\": false}");
    var moved =
        api.post(
            "/api/v1/bonds/" + bond + "/transfers",
            "officer",
            "{\"from\": \"investor\", \"to\": \"holder-b\", \"units\": 2, \"reason\": \"sale\"}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.get("/api/v1/bonds/" + bond + "/holders", "trustee")
                    .json()
                    .toString()
                    .contains("{\"holder\":\"investor\",\"units\":4}"));
    assertThat(
            api.get("/api/v1/bonds/" + bond + "/reconciliation", "officer")
                .json()
                .get("reconciled")
                .asBoolean())
        .isTrue();
  }

  private Api.Response cosign(String determination, String user) {
    return api.post(
        "/api/v1/bonds/" + bond + "/determinations/" + determination + "/cosign", user, "{}");
  }

  private long cosignedCount() {
    long n = 0;
    for (JsonNode d : api.get("/api/v1/bonds/" + bond + "/determinations", "officer").json()) {
      if (d.get("status").asString().equals("COSIGNED")) {
        n++;
      }
    }
    return n;
  }

  private JsonNode awaitQueue(int ofThisBond) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              int n = 0;
              for (JsonNode d : api.get("/api/v1/determinations", "trustee").json()) {
                n += d.get("bondId").asString().equals(bond) ? 1 : 0;
              }
              return n == ofThisBond;
            });
    return api.get("/api/v1/determinations?status=PROPOSED", "trustee").json();
  }

  private JsonNode determination(JsonNode list, String id) {
    for (JsonNode d : list) {
      if (d.get("bondId").asString().equals(bond)
          && d.get("determinationId").asString().equals(id)) {
        return d;
      }
    }
    throw new AssertionError("no determination " + id + " in " + list);
  }

  private void awaitBond(java.util.function.Predicate<JsonNode> ready) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              var got = api.get("/api/v1/bonds/" + bond, "officer");
              return got.status() == 200 && ready.test(got.json());
            });
  }
}
