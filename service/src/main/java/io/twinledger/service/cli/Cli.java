package io.twinledger.service.cli;

import io.twinledger.reporting.verify.VerifyMain;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The {@code twinledger} command line. Commands that start the service return {@link
 * #KEEP_RUNNING}; the others return an exit code. Every failure is one readable line on standard
 * error.
 */
public final class Cli {

  /** Returned when the service was started and the JVM must stay up. */
  public static final int KEEP_RUNNING = -1;

  static final String USAGE =
      """
      Usage: ./twinledger <command> [options]

      Commands:
        serve            Run the service (embedded PostgreSQL unless TWINLEDGER_DB_URL is set).
        demo             Run the service with the sample city and the demo users.
        import FILE      Stream a CSV or JSON-lines file of historical readings to a running
                         service, with a progress bar (--url, --user; password from
                         TWINLEDGER_PASSWORD or a prompt).
        subscribe URL    Create on an NGSI-LD context broker the subscription that feeds the
                         running service's twin mapping (--notify, --tenant, --broker-auth).
        verify-proof FILE...
                         Check RFC 9162 inclusion and consistency proofs given as JSON files,
                         offline; one line per file (valid, invalid or malformed). Exit code 0
                         when all are valid, 2 when any file is malformed, else 1.
        export-evidence --asset ID --kpi ID --kind DAY --start INSTANT [--out FILE]
                         Write the evidence bundle of one KPI period (latest revision unless
                         --revision N) from the running service to a file (default
                         evidence.json); role auditor, operator or finance officer.
        verify BUNDLE    Check an evidence bundle offline: readings against batch digests,
                         Merkle proofs, the signed checkpoint, the anchoring block and its
                         endorsements. One line per item and a verdict; exit code 0 when all
                         pass, 1 when any fails, 2 when the bundle is malformed.
        verify-bill FILE Check a resident's monthly bill bundle offline (GET
                         /api/v1/energy/me/bills/{month}/bundle): each slot's block, clearing
                         transaction and endorsements, the clearing and settlement recomputed,
                         then the bill. Exit codes as verify.
        verify-report [--json] BUNDLE
                         Check a compliance report bundle offline: the issuer's signature, the
                         issuing leaf, every input against its leaf, one multi-leaf proof, the
                         anchored checkpoint, then each figure computed again (pass or fail per
                         figure; --json for machines). Exit codes as verify.
        pnl [--asset ID] [--period MONTH|QUARTER|YEAR]
                         Print the P&L statements of one asset, or of every asset with a model,
                         from the running service, with each line's drill-down address
                         (--from, --to as YYYY-MM; role finance officer, investor or auditor).
                         With --revisions MODEL instead: what changed in the P&L of the
                         model's assets and why, each changed line before and after.
        bonds [--bond ID] [--mine]
                         Print the bonds of the running service: each payment of the schedule
                         with its rule, declared or paid, what still waits for KPI data, and the
                         payouts on each chain; --mine prints an investor's own holdings and
                         payouts.
        report list|issue|show|get|bundle|attest
                         Compliance reports on the running service: list them (--subject BOND);
                         issue a bond's report (--bond ID --from YYYY-MM-DD --to YYYY-MM-DD, to
                         exclusive; --replaces ID --reason TEXT for a correction; finance
                         officer), an asset's P&L statement (--asset ID, whole months), the
                         portfolio's (--portfolio all-assets: every asset with a P&L in the
                         months), an investor's statement (--holder NAME) or the village's
                         community energy report (--month YYYY-MM); show ID figure by figure;
                         get ID (--format json|pdf|csv, --out FILE); bundle ID (--out FILE)
                         for verify-report; attest ID --verdict APPROVED|QUALIFIED
                         [--comments TEXT] (auditor).
        correct void|supersede|release|resubmit|approve|reject|list
                         Correct stored readings through the running service: void or
                         supersede a reading (--source, --sensor, --at, --value, --reason), void
                         a batch (--batch), release a held reading, re-submit a fixed
                         quarantined payload (--quarantine, --payload-file); approve or reject a
                         waiting correction (finance officer); list them (--status). See
                         ./twinledger correct for the options.
        energy simulate [--seed N] [--year YYYY] [--households N] [--no-battery]
                        [--rule uniform|pay-as-bid|trade-reduction] [--kappa K] [--out FILE]
                         Simulate a year of the village's solar market here, off the ledger,
                         with the chaincode's clearing code and a progress bar; print the
                         report (self-sufficiency, traded volume, prices, savings, battery).
        hash-password    Read a password from standard input and print its bcrypt hash,
                         for config/users.yml.
        help             Show this help.

      Options after serve or demo are Spring Boot properties, for example
        ./twinledger serve --server.port=9090 --twinledger.data-dir=/var/lib/twinledger
      """;

  private Cli() {}

  /**
   * Runs the command named by {@code args[0]}.
   *
   * @param application the Spring Boot application class that {@code serve} and {@code demo} start
   */
  public static int run(String[] args, Class<?> application, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    return switch (command) {
      case "serve" -> start(application, rest, false, err);
      case "demo" -> start(application, rest, true, err);
      case "hash-password" -> hashPassword(out, err);
      case "import" -> ImportCommand.run(rest, System.getenv(), out, err);
      case "subscribe" -> SubscribeCommand.run(rest, System.getenv(), out, err);
      case "verify-proof", "verify", "verify-bill", "verify-report" ->
          VerifyMain.run(args, out, err);
      case "export-evidence" -> ExportEvidenceCommand.run(rest, System.getenv(), out, err);
      case "pnl" -> PnlCommand.run(rest, System.getenv(), out, err);
      case "bonds" -> BondsCommand.run(rest, System.getenv(), out, err);
      case "correct" -> CorrectCommand.run(rest, System.getenv(), out, err);
      case "report" -> ReportCommand.run(rest, System.getenv(), out, err);
      case "energy" -> EnergyCommand.run(rest, out, err);
      case "help", "--help", "-h" -> {
        out.print(USAGE);
        yield 0;
      }
      default -> {
        err.println("twinledger: unknown command '" + command + "'; run './twinledger help'");
        yield 2;
      }
    };
  }

  private static int start(Class<?> main, String[] args, boolean demo, PrintStream err) {
    SpringApplication application = new SpringApplication(main);
    if (demo) {
      application.setAdditionalProfiles("demo");
    }
    try {
      application.run(args);
      return KEEP_RUNNING;
    } catch (RuntimeException e) {
      err.println("twinledger: cannot start: " + rootMessage(e));
      return 1;
    }
  }

  private static int hashPassword(PrintStream out, PrintStream err) {
    String password;
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("Password: ");
      password = typed == null ? null : new String(typed);
    } else {
      try {
        password =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        password = null;
      }
    }
    if (password == null || password.isEmpty()) {
      err.println("twinledger: no password given on standard input");
      return 2;
    }
    out.println(new BCryptPasswordEncoder().encode(password));
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
