package io.twinledger.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.TwinLedgerApplication;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class CliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpListsTheCommands() {
    assertThat(run("help")).isZero();
    assertThat(out.toString()).contains("serve", "demo", "hash-password");
  }

  @Test
  void anUnknownCommandIsOneReadableLine() {
    assertThat(run("deploy")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("twinledger: unknown command 'deploy'; run './twinledger help'\n");
  }

  @Test
  void hashPasswordPrintsABcryptHashOfStandardInput() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("s3cret\n".getBytes(StandardCharsets.UTF_8)));
      assertThat(run("hash-password")).isZero();
    } finally {
      System.setIn(stdin);
    }
    String hash = out.toString().strip();
    assertThat(new BCryptPasswordEncoder().matches("s3cret", hash)).isTrue();
  }

  @Test
  void aServiceThatCannotStartSaysWhyInOneLine() {
    int code =
        run("serve", "--twinledger.db.url=jdbc:postgresql://127.0.0.1:1/none", "--server.port=0");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("twinledger: cannot start: ").hasLineCount(1);
  }

  private int run(String... args) {
    return Cli.run(
        args,
        TwinLedgerApplication.class,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
