package io.twinledger.reporting.verify;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.bill.BillJson;
import io.twinledger.reporting.bill.BillVerifier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ./twinledger verify-bill FILE}: checks a resident's monthly bill ({@value
 * BillBundle#FORMAT}, plain or gzip-compressed JSON) offline ({@link BillVerifier}, with the
 * channel policies of the built-in consortium definition). Prints one line per item and an overall
 * verdict; exit code 0 when every check passes, 1 when any fails, 2 when the bundle is malformed.
 */
final class VerifyBillCommand {

  static final String USAGE = "usage: ./twinledger verify-bill FILE";

  private VerifyBillCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1) {
      err.println("twinledger: " + USAGE);
      return 2;
    }
    Path file = Path.of(args[0]);
    CompletableFuture<Consortium> consortium =
        CompletableFuture.supplyAsync(Consortium::twinLedger);
    BillBundle bundle;
    try {
      bundle = BillJson.read(read(file));
    } catch (BillJson.Malformed e) {
      out.println(file + ": malformed — " + e.getMessage());
      out.flush();
      return 2;
    }
    return new BillVerifier(consortium::join).verify(bundle).print(out);
  }

  private static byte[] read(Path file) throws BillJson.Malformed {
    try {
      return BundleFile.read(file, BundleFile.MAX_BYTES);
    } catch (BundleFile.Unreadable e) {
      throw BillJson.malformed(e.getMessage());
    }
  }
}
