package io.twinledger.reporting.verify;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.bill.BillJson;
import io.twinledger.reporting.bill.BillVerifier;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

/**
 * {@code ./twinledger verify-bill FILE}: checks a resident's monthly bill ({@value
 * BillBundle#FORMAT}, plain or gzip-compressed JSON) offline ({@link BillVerifier}, with the
 * channel policies of the built-in consortium definition). Prints one line per item and an overall
 * verdict; exit code 0 when every check passes, 1 when any fails, 2 when the bundle is malformed.
 */
final class VerifyBillCommand {

  static final String USAGE = "usage: ./twinledger verify-bill FILE";

  /** Larger files (after decompression) are refused unread. */
  static final int MAX_BYTES = VerifyEvidenceCommand.MAX_BYTES;

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

  /** The file's bytes, gunzipped when it starts with gzip's magic number. */
  private static byte[] read(Path file) throws BillJson.Malformed {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw BillJson.malformed("larger than " + MAX_BYTES + " bytes");
        }
        return bytes;
      }
    } catch (IOException e) {
      throw BillJson.malformed(
          "cannot read the file: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }
}
