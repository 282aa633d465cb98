package io.twinledger.reporting.verify;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.EvidenceJson;
import io.twinledger.reporting.evidence.EvidenceVerifier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ./twinledger verify BUNDLE}: checks an evidence bundle ({@value EvidenceBundle#FORMAT},
 * plain or gzip-compressed JSON) offline, without the service, a database or the network ({@link
 * EvidenceVerifier}, with the channel policies of the built-in consortium definition). Prints one
 * line per item and an overall verdict; exit code 0 when every check passes, 1 when any fails, 2
 * when the bundle is malformed.
 */
final class VerifyEvidenceCommand {

  static final String USAGE = "usage: ./twinledger verify BUNDLE";

  private VerifyEvidenceCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1) {
      err.println("twinledger: " + USAGE);
      return 2;
    }
    Path file = Path.of(args[0]);
    // The consortium definition is needed only to check the anchoring: the second core reads it
    // while this one reads the bundle.
    CompletableFuture<Consortium> consortium =
        CompletableFuture.supplyAsync(Consortium::twinLedger);
    EvidenceBundle bundle;
    try {
      bundle = EvidenceJson.read(read(file));
    } catch (EvidenceJson.Malformed e) {
      out.println(file + ": malformed — " + e.getMessage());
      out.flush();
      return 2;
    }
    return new EvidenceVerifier(consortium::join).verify(bundle).print(out);
  }

  private static byte[] read(Path file) throws EvidenceJson.Malformed {
    try {
      return BundleFile.read(file, BundleFile.MAX_BYTES);
    } catch (BundleFile.Unreadable e) {
      throw EvidenceJson.malformed(e.getMessage());
    }
  }
}
