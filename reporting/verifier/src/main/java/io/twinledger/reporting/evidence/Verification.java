package io.twinledger.reporting.evidence;

import java.io.PrintStream;
import java.util.List;

/**
 * Every finding on a bundle, in the order checked, and the overall verdict.
 *
 * <p>Exit codes follow the command line's convention: 0 when every item checks out, 2 when any is
 * malformed, else 1.
 */
public record Verification(List<Finding> findings) {

  public Verification {
    findings = List.copyOf(findings);
  }

  /** Whether every item checks out. */
  public boolean passed() {
    return findings.stream().allMatch(f -> f.outcome() == Finding.Outcome.OK);
  }

  /** The findings that did not check out. */
  public List<Finding> failures() {
    return findings.stream().filter(f -> f.outcome() != Finding.Outcome.OK).toList();
  }

  /** 0, 1 or 2, as the class comment says. */
  public int exitCode() {
    if (findings.stream().anyMatch(f -> f.outcome() == Finding.Outcome.MALFORMED)) {
      return 2;
    }
    return passed() ? 0 : 1;
  }

  /** The overall line. */
  public String verdict() {
    int failed = failures().size();
    return failed == 0
        ? "verdict: VERIFIED — all " + findings.size() + " checks passed"
        : "verdict: NOT VERIFIED — " + failed + " of " + findings.size() + " checks failed";
  }

  /** Prints one line per finding, then the verdict, and returns the exit code. */
  public int print(PrintStream out) {
    for (Finding finding : findings) {
      out.println(finding.line());
    }
    out.println(verdict());
    out.flush();
    return exitCode();
  }
}
