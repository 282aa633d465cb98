package io.twinledger.contracts.merkle;

import java.util.List;

/**
 * A c2sp.org/tlog-checkpoint: the note text a transparency log signs for its tree head. Lines, each
 * ending in a newline: the origin, the tree size in decimal (no leading zeros; {@code 0} for the
 * empty tree), the RFC 6962 root hash in base64, then optional extension lines. Sign and verify it
 * as a {@link SignedNote} whose text is {@link #text()}.
 *
 * <p>Not to be confused with {@link Checkpoint}, TwinLedger's own ECDSA-signed checkpoint that the
 * audit-anchor chaincode records.
 *
 * @param origin the log's identity, non-empty; the spec recommends a schema-less URL without spaces
 *     or {@code +} but forbids clients to assume it
 * @param size leaves in the tree, at least 0
 * @param root the tree's root hash
 * @param extensions opaque extension lines, each non-empty (the spec advises against them)
 */
public record LogCheckpoint(String origin, long size, Sha256 root, List<String> extensions) {

  public LogCheckpoint {
    checkLine(origin, "checkpoint origin");
    if (size < 0) {
      throw new IllegalArgumentException("checkpoint tree size must not be negative: " + size);
    }
    if (root == null) {
      throw new IllegalArgumentException("checkpoint root hash is missing");
    }
    extensions = List.copyOf(extensions);
    for (int i = 0; i < extensions.size(); i++) {
      checkLine(extensions.get(i), "checkpoint extension line " + (i + 1));
    }
  }

  /** A checkpoint without extension lines. */
  public LogCheckpoint(String origin, long size, Sha256 root) {
    this(origin, size, root, List.of());
  }

  /** The note text: origin, size, base64 root, extensions, each line ending in a newline. */
  public String text() {
    StringBuilder text = new StringBuilder();
    text.append(origin).append('\n');
    text.append(size).append('\n');
    text.append(NoteEncoding.encodeBase64(root.unsafeBytes())).append('\n');
    for (String extension : extensions) {
      text.append(extension).append('\n');
    }
    return text.toString();
  }

  /**
   * Parses checkpoint note text strictly.
   *
   * @throws IllegalArgumentException naming what is wrong: no final newline, fewer than three
   *     lines, an empty line, a size with a sign or leading zeros or beyond 2^63 - 1, a root that
   *     is not canonical base64 of 32 bytes
   */
  public static LogCheckpoint parse(String text) {
    NoteEncoding.checkText(text, "checkpoint text");
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new IllegalArgumentException(
          "checkpoint text: has " + lines.length + " lines, not at least 3");
    }
    String size = lines[1];
    if (!size.matches("0|[1-9][0-9]*")) {
      throw new IllegalArgumentException(
          "checkpoint line 2: tree size is not a decimal without leading zeros: " + size);
    }
    long treeSize;
    try {
      treeSize = Long.parseLong(size);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint line 2: tree size exceeds 2^63 - 1", e);
    }
    byte[] root = NoteEncoding.decodeBase64(lines[2], "checkpoint line 3: root hash");
    if (root.length != Sha256.LENGTH) {
      throw new IllegalArgumentException(
          "checkpoint line 3: root hash has " + root.length + " bytes, not 32");
    }
    return new LogCheckpoint(
        lines[0], treeSize, Sha256.of(root), List.of(lines).subList(3, lines.length));
  }

  private static void checkLine(String line, String what) {
    if (line.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (line.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(what + " contains a newline");
    }
    NoteEncoding.checkNoControl(line, what);
  }
}
