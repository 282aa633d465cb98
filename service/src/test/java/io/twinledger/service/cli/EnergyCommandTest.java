package io.twinledger.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.TwinLedgerApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./twinledger energy simulate}: a real (small) simulated year, and its refusals. */
class EnergyCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void simulatesAYearWithAProgressBarAndPrintsTheReport() {
    int code = run("energy", "simulate", "--households", "3", "--seed", "5", "--no-battery");

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("100% 35,040 / 35,040 slots");
    assertThat(out.toString()).contains("self-sufficiency").contains("35,040");
  }

  @Test
  void writesTheReportToAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("year.md");

    int code =
        run("energy", "simulate", "--households", "2", "--year", "2024", "--out", file.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("35,136 / 35,136 slots");
    assertThat(Files.readString(file)).contains("self-sufficiency");
    assertThat(out.toString()).isEqualTo("Report written to " + file + "\n");
  }

  @Test
  void badOptionsAreOneReadableLine() {
    assertThat(run("energy", "simulate", "--rule", "vickrey")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "twinledger energy simulate: rule: must be uniform, pay-as-bid or trade-reduction,"
                + " was 'vickrey'\n");
    err.reset();
    assertThat(run("energy", "simulate", "--households", "many")).isEqualTo(2);
    assertThat(err.toString()).hasLineCount(1).contains("--households must be a whole number");
    err.reset();
    assertThat(run("energy", "simulate", "--rule", "pay-as-bid", "--kappa", "0.3")).isEqualTo(2);
    assertThat(err.toString()).contains("kappa: only the uniform rule has one");
    err.reset();
    assertThat(run("energy")).isEqualTo(2);
    assertThat(err.toString()).startsWith("usage: ./twinledger energy simulate");
  }

  private int run(String... args) {
    return Cli.run(
        args,
        TwinLedgerApplication.class,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
