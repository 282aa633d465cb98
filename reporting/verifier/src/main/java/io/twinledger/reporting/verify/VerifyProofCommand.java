package io.twinledger.reporting.verify;

import io.twinledger.contracts.merkle.ProofCheck;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code ./twinledger verify-proof FILE...}: checks RFC 9162 inclusion and consistency proofs given
 * as JSON files ({@link ProofJson}), offline and without starting the service. One line per file,
 * in the order given: {@code FILE: valid}, {@code FILE: invalid — reason} or {@code FILE: malformed
 * — reason}. Exit code 0 when every proof is valid, 2 when any file is malformed (or no file is
 * given), else 1.
 */
final class VerifyProofCommand {

  static final String USAGE = "usage: ./twinledger verify-proof FILE...";

  /** Larger files are refused unread; a proof of a tree of 2^63 leaves is under 6 KB. */
  static final int MAX_BYTES = 1 << 20;

  private VerifyProofCommand() {}

  static int run(String[] files, PrintStream out, PrintStream err) {
    if (files.length == 0) {
      err.println("twinledger: " + USAGE);
      return 2;
    }
    boolean malformed = false;
    boolean invalid = false;
    for (String file : files) {
      String verdict;
      try {
        ProofCheck check = ProofJson.parse(read(Path.of(file))).check();
        if (check instanceof ProofCheck.Invalid(String reason)) {
          invalid = true;
          verdict = "invalid — " + reason;
        } else {
          verdict = "valid";
        }
      } catch (ProofJson.Malformed e) {
        malformed = true;
        verdict = "malformed — " + e.getMessage();
      }
      out.println(file + ": " + verdict);
    }
    out.flush();
    return malformed ? 2 : invalid ? 1 : 0;
  }

  private static byte[] read(Path file) throws ProofJson.Malformed {
    try {
      return BundleFile.read(file, MAX_BYTES);
    } catch (BundleFile.Unreadable e) {
      throw new ProofJson.Malformed(e.getMessage());
    }
  }
}
