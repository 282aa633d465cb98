package io.twinledger.reporting.verify;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.EvidenceJson;
import io.twinledger.reporting.evidence.EvidenceVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ./twinledger verify BUNDLE}: checks an evidence bundle ({@value EvidenceBundle#FORMAT})
 * offline, without the service, a database or the network ({@link EvidenceVerifier}, with the
 * channel policies of the built-in consortium definition). Prints one line per item and an overall
 * verdict; exit code 0 when every check passes, 1 when any fails, 2 when the bundle is malformed.
 */
final class VerifyEvidenceCommand {

  static final String USAGE = "usage: ./twinledger verify BUNDLE";

  /** Larger files are refused unread. */
  static final int MAX_BYTES = 512 << 20;

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
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw EvidenceJson.malformed("larger than " + MAX_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw EvidenceJson.malformed(
          "cannot read the file: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }
}
