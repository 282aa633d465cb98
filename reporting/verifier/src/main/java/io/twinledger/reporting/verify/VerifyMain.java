package io.twinledger.reporting.verify;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The offline verifier's command line, {@code java -jar twinledger-verify.jar}: what {@code
 * ./twinledger verify}, {@code verify-bill} and {@code verify-proof} run. It needs no service,
 * database or network, and starts in a fraction of a second.
 *
 * <ul>
 *   <li>{@code BUNDLE} or {@code verify BUNDLE}: checks an evidence bundle ({@link
 *       VerifyEvidenceCommand}).
 *   <li>{@code verify-bill FILE}: checks a resident's monthly bill bundle ({@link
 *       VerifyBillCommand}).
 *   <li>{@code verify-proof FILE...}: checks RFC 9162 proofs given as JSON ({@link
 *       VerifyProofCommand}).
 * </ul>
 *
 * Exit codes: 0 when everything checked passes, 1 when anything fails, 2 when an input is malformed
 * or the command line is wrong; every usage error is one line on standard error.
 */
public final class VerifyMain {

  static final String USAGE =
      """
      Usage: java -jar twinledger-verify.jar BUNDLE
             java -jar twinledger-verify.jar verify BUNDLE
             java -jar twinledger-verify.jar verify-bill FILE
             java -jar twinledger-verify.jar verify-report [--json] [--quorum N]
                 [--trusted-block NUMBER:HEADERHASH] BUNDLE
             java -jar twinledger-verify.jar verify-proof FILE...
      """;

  private VerifyMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "verify" -> VerifyEvidenceCommand.run(rest, out, err);
      case "verify-bill" -> VerifyBillCommand.run(rest, out, err);
      case "verify-report" -> VerifyReportCommand.run(rest, out, err);
      case "verify-proof" -> VerifyProofCommand.run(rest, out, err);
      case "help", "--help", "-h" -> {
        out.print(USAGE);
        yield 0;
      }
      default -> VerifyEvidenceCommand.run(args, out, err);
    };
  }
}
