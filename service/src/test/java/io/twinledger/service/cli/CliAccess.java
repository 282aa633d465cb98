package io.twinledger.service.cli;

import io.twinledger.reporting.verify.VerifyMain;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Lets tests in other packages run CLI commands the way {@code ./twinledger} does. */
public final class CliAccess {

  private CliAccess() {}

  /** {@code ./twinledger import FILE --url URL}; returns the exit code. */
  public static int importFile(Path file, String url, Map<String, String> env, PrintStream out) {
    return ImportCommand.run(new String[] {file.toString(), "--url", url}, env, out, out);
  }

  /** {@code ./twinledger export-evidence ARGS}; returns the exit code. */
  public static int exportEvidence(
      String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return ExportEvidenceCommand.run(args, env, out, err);
  }

  /** {@code ./twinledger verify BUNDLE}; returns the exit code. */
  public static int verify(Path bundle, PrintStream out, PrintStream err) {
    return VerifyMain.run(new String[] {"verify", bundle.toString()}, out, err);
  }
}
