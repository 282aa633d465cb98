package io.twinledger.service.demo.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How far the feed got: the publication time up to which everything was sent, in a one-line file
 * beside the other local state. It is written after each unit of work has been delivered (a bulk
 * file imported, an hour replayed, a live round sent), by writing a new file and moving it over the
 * old one, so a crash leaves either the old or the new time, never half a line. What was sent after
 * the last write is sent again after a restart; the store keeps each reading once.
 */
final class FeedProgress {

  private final Path file;

  FeedProgress(Path file) {
    this.file = file;
  }

  /** Where the previous run got to; empty on the first run or if the file is unreadable. */
  Optional<Instant> fedUntil() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.UTF_8).strip()));
    } catch (IOException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  void fedUntil(Instant until) {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(next, until + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the demo feed's progress in " + file, e);
    }
  }

  Path file() {
    return file;
  }
}
