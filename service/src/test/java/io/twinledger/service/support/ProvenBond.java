package io.twinledger.service.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

/**
 * A per-unit bond on a {@link ProvenDistrict}'s system input volume whose two monthly payments,
 * March and April 2025 (150 m³ and 300 m³ against a baseline of 400 m³ at 0.10 USD a m³), are
 * determined: what the compliance report tests issue reports of.
 */
public final class ProvenBond {

  /** The bond's KPI. */
  public static final String KPI = "system-input-volume";

  private ProvenBond() {}

  /**
   * Registers {@code asset} with its readings proven, defines and issues {@code bond} on it, and
   * waits until both months are determined.
   *
   * @param runDue runs the bond jobs that are due ({@code BondJobs::runDue})
   */
  public static void define(
      Api api, ProvenDistrict district, String asset, String bond, Runnable runDue) {
    measure(district, asset);
    issue(api, bond, terms(bond, asset), Duration.ofSeconds(20));
    awaitDeterminations(api, bond, 2, Duration.ofSeconds(20), runDue);
  }

  /**
   * Registers {@code asset} with the bond's readings, proven: 100 m³ on 4 March and 50 m³ on 20
   * March 2025 (one inlet meter), 300 m³ on 10 April.
   */
  public static void measure(ProvenDistrict district, String asset) {
    district.register(
        asset,
        KPI,
        "[]",
        2,
        "2025-03-04T08:00:00Z,100",
        "2025-03-20T08:00:00Z,50",
        "2025-04-10T08:00:00Z,300");
  }

  /**
   * The bond's terms: per-unit payments of 0.10 USD a m³ below a baseline of 400 m³ of {@code
   * asset}'s {@link #KPI}, for March and April 2025.
   */
  public static String terms(String bond, String asset) {
    return """
        {"id": "%s", "currency": "USD", "face": "1000", "denomination": "100",
         "issueDate": "2025-01-01", "maturity": "2030-01-01",
         "features": [
          {"type": "per-unit-payment", "asset": "%s", "kpi": "%s", "baseline": "400",
           "better": "LOWER", "amountPerUnit": "0.10", "firstMonth": "2025-03",
           "lastMonth": "2025-04"}]}"""
        .formatted(bond, asset, KPI);
  }

  /**
   * Defines the bond {@code bond} from {@code terms} as the finance officer, waits up to {@code
   * wait} until the books show it, and issues it under those terms.
   */
  public static void issue(Api api, String bond, String terms, Duration wait) {
    var defined = api.post("/api/v1/bonds", "officer", terms);
    assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    String hash = defined.json().get("termsHash").asString();
    await().atMost(wait).until(() -> api.get("/api/v1/bonds/" + bond, "officer").status() == 200);
    var issued =
        api.post(
            "/api/v1/bonds/" + bond + "/issue", "officer", "{\"termsHash\": \"" + hash + "\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
  }

  /**
   * Runs the bond jobs ({@code runDue}) until {@code bond} has at least {@code count}
   * determinations, for at most {@code wait}.
   */
  public static void awaitDeterminations(
      Api api, String bond, int count, Duration wait, Runnable runDue) {
    await()
        .atMost(wait)
        .until(
            () -> {
              runDue.run();
              return api.get("/api/v1/bonds/" + bond + "/determinations", "officer").json().size()
                  >= count;
            });
  }
}
