package io.twinledger.service.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes what a command downloaded to the file the user named: through a temporary file beside it,
 * moved into place once complete, so that a failed write leaves no partial file behind.
 */
final class Download {

  private Download() {}

  static void save(Path file, byte[] body) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path temporary =
        Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".part");
    try {
      Files.write(temporary, body);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
