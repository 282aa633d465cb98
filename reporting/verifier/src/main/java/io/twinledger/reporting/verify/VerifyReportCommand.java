package io.twinledger.reporting.verify;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.reporting.evidence.TrustedBlock;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportVerifier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code verify-report [--json] [--quorum N] [--trusted-block NUMBER:HEADERHASH] BUNDLE}: checks a
 * report bundle ({@code .json} or {@code .json.gz}) and prints one line per item, each figure's
 * pass or fail among them, then the verdict; with {@code --json}, one JSON document instead. {@code
 * --quorum} is how many auditor-endorsed witnesses must have cosigned the checkpoint (1 unless
 * given); {@code --trusted-block} a block whose header hash the auditor already trusts, for a
 * bundle whose headers reach back only to it. Exit 0 when everything passes, 1 when anything fails,
 * 2 when the bundle is malformed or the command line is wrong.
 */
final class VerifyReportCommand {

  static final String USAGE =
      "usage: ./twinledger verify-report [--json] [--quorum N]"
          + " [--trusted-block NUMBER:HEADERHASH] BUNDLE";

  private VerifyReportCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    boolean json = false;
    int quorum = 1;
    Optional<TrustedBlock> trusted = Optional.empty();
    int i = 0;
    try {
      for (; i < args.length - 1; i++) {
        switch (args[i]) {
          case "--json" -> json = true;
          case "--quorum" -> quorum = Integer.parseInt(args[++i]);
          case "--trusted-block" -> trusted = Optional.of(TrustedBlock.parse(args[++i]));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (i != args.length - 1 || quorum < 1) {
        throw new IllegalArgumentException(i != args.length - 1 ? "no BUNDLE" : "--quorum < 1");
      }
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      err.println("twinledger: " + USAGE);
      return 2;
    }
    Path file = Path.of(args[args.length - 1]);
    CompletableFuture<Consortium> consortium =
        CompletableFuture.supplyAsync(Consortium::twinLedger);
    ReportBundle bundle;
    try {
      bundle = ReportBundleJson.read(read(file));
    } catch (StrictJson.Malformed e) {
      if (json) {
        out.println(
            JsonMapper.builder()
                .build()
                .writeValueAsString(
                    Map.of(
                        "bundle",
                        file.toString(),
                        "verdict",
                        "MALFORMED",
                        "reason",
                        e.getMessage())));
      } else {
        out.println(file + ": malformed — " + e.getMessage());
      }
      out.flush();
      return 2;
    }
    Verification verification =
        new ReportVerifier(consortium::join, quorum, trusted).verify(bundle);
    if (!json) {
      return verification.print(out);
    }
    List<Map<String, String>> findings = new ArrayList<>();
    for (Finding f : verification.findings()) {
      Map<String, String> line = new LinkedHashMap<>();
      line.put("item", f.item());
      line.put("result", f.passed() ? "pass" : "fail");
      line.put("detail", f.detail());
      findings.add(line);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("bundle", file.toString());
    document.put("report", bundle.report().id());
    document.put("verdict", verification.passed() ? "VERIFIED" : "NOT VERIFIED");
    document.put("findings", findings);
    out.println(JsonMapper.builder().build().writeValueAsString(document));
    out.flush();
    return verification.exitCode();
  }

  private static byte[] read(Path file) throws StrictJson.Malformed {
    try {
      return BundleFile.read(file, BundleFile.MAX_BYTES);
    } catch (BundleFile.Unreadable e) {
      throw new StrictJson.Malformed(e.getMessage());
    }
  }
}
