package io.twinledger.reporting.verify;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of the launcher's AOT cache (JDK 25 and newer): {@code java
 * -XX:AOTCacheOutput=twinledger-verify.jar.aot -cp twinledger-verify.jar
 * io.twinledger.reporting.verify.AotTraining COMMAND -- COMMAND ...}. A JVM trains a cache in one
 * run of one main class, and the cache holds the classes that run loaded; this one runs several
 * verify commands, so that {@code ./twinledger verify}, {@code verify-bill} and {@code
 * verify-report} each start with their classes loaded and linked.
 *
 * <p>Each command is what {@link VerifyMain} takes; their output is discarded. Exit code 0 when
 * each one reached a verdict (passed or not), 2 when one was refused as malformed or mistyped,
 * since the cache would then lack the classes of its checks.
 */
public final class AotTraining {

  private static final String SEPARATOR = "--";

  private AotTraining() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    List<List<String>> commands = new ArrayList<>();
    commands.add(new ArrayList<>());
    for (String arg : args) {
      if (arg.equals(SEPARATOR)) {
        commands.add(new ArrayList<>());
      } else {
        commands.getLast().add(arg);
      }
    }
    PrintStream discarded = new PrintStream(OutputStream.nullOutputStream());
    int worst = 0;
    for (List<String> command : commands) {
      worst = Math.max(worst, VerifyMain.run(command.toArray(String[]::new), discarded, discarded));
    }
    return worst >= 2 ? 2 : 0;
  }
}
