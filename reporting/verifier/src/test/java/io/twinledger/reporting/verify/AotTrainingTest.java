package io.twinledger.reporting.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's AOT training run: the three demo bundles it trains on each reach a verdict in one
 * JVM, and a command that does not (a malformed file, a mistyped command) fails the training, which
 * the launcher then leaves without a cache.
 */
class AotTrainingTest {

  @TempDir Path dir;

  @Test
  void theLaunchersTrainingVerifiesEachDemoBundleInOneRun() throws Exception {
    int code =
        AotTraining.run(
            new String[] {
              "verify",
              fixture("/evidence/demo-bundle.json.gz"),
              "--",
              "verify-bill",
              fixture("/bill/demo-bill.json.gz"),
              "--",
              "verify-report",
              fixture("/report/demo-report.json.gz")
            });

    assertThat(code).isZero();
  }

  @Test
  void aCommandThatReachesNoVerdictFailsTheTraining() throws Exception {
    Path notJson = Files.writeString(dir.resolve("bundle.json"), "not json");
    String report = fixture("/report/demo-report.json.gz");

    assertThat(AotTraining.run(new String[] {"verify-report", report, "--", notJson.toString()}))
        .isEqualTo(2);
    assertThat(AotTraining.run(new String[] {"verify-report", report, "--", "verify-bill"}))
        .isEqualTo(2);
    assertThat(AotTraining.run(new String[] {"verify-report", report, "--"})).isEqualTo(2);
  }

  @Test
  void aBundleThatFailsItsChecksStillTrains() throws Exception {
    Path tampered = dir.resolve("tampered.json");
    try (InputStream in =
        new GZIPInputStream(
            AotTrainingTest.class.getResourceAsStream("/report/demo-report.json.gz"))) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Files.writeString(tampered, json.replaceFirst("\"value\":\"150\"", "\"value\":\"151\""));
    }
    String[] command = {"verify-report", tampered.toString()};
    PrintStream discarded = new PrintStream(OutputStream.nullOutputStream());

    assertThat(VerifyMain.run(command, discarded, discarded)).isOne();
    assertThat(AotTraining.run(command)).isZero();
  }

  private String fixture(String resource) throws IOException {
    Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    try (InputStream in = AotTrainingTest.class.getResourceAsStream(resource)) {
      Files.copy(in, file);
    }
    return file.toString();
  }
}
