package io.twinledger.reporting.verify;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A file a verify command reads: plain JSON, or gzip-compressed JSON (known by gzip's magic number,
 * whatever the file is called), read whole up to a limit on its uncompressed size. The service
 * hands out bundles of a year's readings that shrink some twenty times compressed.
 */
final class BundleFile {

  /** The limit for a bundle, uncompressed; larger ones are refused unread. */
  static final int MAX_BYTES = 512 << 20;

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private BundleFile() {}

  /** Why a file could not be read, in one line. */
  static final class Unreadable extends Exception {
    Unreadable(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * The file's bytes, gunzipped when it is compressed.
   *
   * @throws Unreadable when it cannot be read, is not valid gzip, or has more than {@code maxBytes}
   *     bytes uncompressed
   */
  static byte[] read(Path file, int maxBytes) throws Unreadable {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      boolean gzip = raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2;
      raw.reset();
      try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
          throw new Unreadable("larger than " + maxBytes + " bytes");
        }
        return bytes;
      }
    } catch (IOException e) {
      throw new Unreadable(
          "cannot read the file: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }
}
