package io.twinledger.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.reporting.verify.VerifyMain;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.bond.BondJobs;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenBond;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.twin.KpiPeriodJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./twinledger report} against the running service, over real HTTP: a bond's report issued,
 * shown, its bundle saved and checked by {@code verify-report} with the command the bundle action
 * prints, attested; the service's refusals and bad command lines one line each.
 */
@OnEmbeddedDb
class ReportCommandTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired BondJobs jobs;

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private String asset;
  private String bond;

  @BeforeEach
  void bondOnProvenMonths() {
    Api api = new Api(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    asset = "dma-" + suffix;
    bond = "bond-" + suffix;
    ProvenBond.define(
        api,
        new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint),
        asset,
        bond,
        jobs::runDue);
  }

  @Test
  void issuesShowsSavesABundleThatVerifiesAndAttests() throws Exception {
    assertThat(
            run("officer", "issue", "--bond", bond, "--from", "2025-03-01", "--to", "2025-05-01"))
        .as(err.toString())
        .isZero();
    String reportId = bond + ".2025-03-01.2025-05-01";
    assertThat(output())
        .containsPattern("Issued report " + reportId + ": sha256 [0-9a-f]{64}, ledger tx \\S+")
        .contains("./twinledger report show " + reportId);

    assertThat(run("investor", "show", reportId)).as(err.toString()).isZero();
    assertThat(output())
        .contains(reportId + " — per-unit-statement of " + bond + ", [2025-03-01, 2025-05-01)")
        .contains("status AWAITING_ATTESTATION")
        .containsPattern(
            "kpi\\." + asset + "\\." + ProvenBond.KPI + "\\.2025-03 +150 MTQ +kpi-period")
        .containsPattern("payment\\.\\S+ +25\\.00 USD +bond-payment");

    Path bundle = dir.resolve("report.json");
    assertThat(run("auditor", "bundle", reportId, "--out", bundle.toString()))
        .as(err.toString())
        .isZero();
    List<String> lines = output().lines().toList();
    assertThat(lines.getFirst()).startsWith("Bundle of report " + reportId + " written to ");
    String next = lines.getLast();
    assertThat(next).isEqualTo("./twinledger verify-report " + bundle);
    // The printed command, as the launcher runs it
    String[] verify = next.substring("./twinledger ".length()).split(" ");
    assertThat(
            VerifyMain.run(verify, new PrintStream(out, true, StandardCharsets.UTF_8), System.err))
        .as(output())
        .isZero();
    assertThat(output()).contains("verdict: VERIFIED");

    assertThat(
            run(
                "auditor",
                "get",
                reportId,
                "--format",
                "csv",
                "--out",
                dir.resolve("r.csv").toString()))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(dir.resolve("r.csv"))).contains("kpi." + asset);

    assertThat(run("auditor", "attest", reportId, "--verdict", "APPROVED", "--comments", "ok"))
        .as(err.toString())
        .isZero();
    assertThat(output()).startsWith("Report " + reportId + " APPROVED by auditor (");

    assertThat(run("investor", "list", "--subject", bond)).as(err.toString()).isZero();
    assertThat(output())
        .containsPattern(
            reportId
                + " +per-unit-statement +\\[2025-03-01, 2025-05-01\\) +APPROVED +[0-9a-f]{12}");
  }

  @Test
  void aRefusalIsOneLineWithTheProblemsTitleAndAMissingOptionIsTheUsage() {
    run("officer", "issue", "--bond", bond, "--from", "2025-03-01", "--to", "2025-05-01");
    String reportId = bond + ".2025-03-01.2025-05-01";

    assertThat(run("auditor", "attest", reportId, "--verdict", "MAYBE")).isEqualTo(1);
    assertThat(errors())
        .singleElement()
        .asString()
        .startsWith("twinledger: ")
        .contains("verdict", "must be APPROVED or QUALIFIED, was MAYBE");

    assertThat(run("officer", "issue", "--bond", bond, "--from", "2025-03-01")).isEqualTo(2);
    assertThat(errors())
        .singleElement()
        .asString()
        .startsWith("twinledger: report issue needs --to; usage: ./twinledger report");

    assertThat(run("officer", "issue", "--from", "2025-03-01", "--to", "2025-05-01")).isEqualTo(2);
    assertThat(errors())
        .singleElement()
        .asString()
        .startsWith(
            "twinledger: report issue needs one of --bond, --asset, --portfolio, --holder or"
                + " --month");
    assertThat(run("officer", "issue", "--bond", bond, "--month", "2025-03")).isEqualTo(2);
    assertThat(
            run(
                "officer",
                "issue",
                "--asset",
                "dma-1",
                "--portfolio",
                "all-assets",
                "--from",
                "1999-01-01",
                "--to",
                "1999-03-01"))
        .isEqualTo(2);

    assertThat(
            run(
                "officer",
                "issue",
                "--portfolio",
                "fund-7",
                "--from",
                "1999-01-01",
                "--to",
                "1999-03-01"))
        .isEqualTo(1);
    assertThat(errors())
        .singleElement()
        .asString()
        .startsWith("twinledger: Not found: no portfolio fund-7; the portfolio is all-assets");
    assertThat(
            run(
                "officer",
                "issue",
                "--portfolio",
                "all-assets",
                "--from",
                "1999-01-01",
                "--to",
                "1999-03-01"))
        .isEqualTo(1);
    assertThat(errors())
        .singleElement()
        .asString()
        .isEqualTo(
            "twinledger: Report refused: portfolio all-assets has no P&L from 1999-01 to 1999-02:"
                + " no asset's model computes a month of it");

    assertThat(
            run(
                "officer",
                "issue",
                "--asset",
                "no-such-asset",
                "--from",
                "2025-03-01",
                "--to",
                "2025-05-01"))
        .isEqualTo(1);
    assertThat(errors()).singleElement().asString().startsWith("twinledger: ");

    assertThat(
            run("officer", "issue", "--bond", bond, "--from", "2026-01-01", "--to", "2026-02-01"))
        .isEqualTo(1);
    assertThat(errors())
        .singleElement()
        .asString()
        .startsWith("twinledger: Report refused: no determination of bond " + bond);

    assertThat(run("auditor", "show")).isEqualTo(2);
    assertThat(errors()).singleElement().asString().contains("report show needs a report id");
  }

  private int run(String user, String... args) {
    out.reset();
    err.reset();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", "http://localhost:" + port, "--user", user));
    return ReportCommand.run(
        all.toArray(String[]::new),
        Map.of("TWINLEDGER_PASSWORD", user),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private List<String> errors() {
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
