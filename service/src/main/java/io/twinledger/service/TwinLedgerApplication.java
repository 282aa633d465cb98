package io.twinledger.service;

import io.twinledger.service.cli.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The TwinLedger service. {@link Cli} decides what a command line asks for. */
@SpringBootApplication(scanBasePackages = "io.twinledger")
@EnableConfigurationProperties(TwinLedgerProperties.class)
public class TwinLedgerApplication {

  public static void main(String[] args) {
    int exitCode = Cli.run(args, TwinLedgerApplication.class, System.out, System.err);
    if (exitCode != Cli.KEEP_RUNNING) {
      System.exit(exitCode);
    }
  }
}
