package io.twinledger.ledger.audit.witness;

import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.SignedNote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP tlog-witness {@code add-checkpoint} request: the size of the checkpoint the witness last
 * cosigned for the log, as the client believes it, the RFC 6962 consistency proof from that size to
 * the new checkpoint's, and the new checkpoint's signed note.
 *
 * <p>Its body, every line ending in a newline: {@code old <size>} (decimal, no leading zeros), zero
 * to {@value #MAX_PROOF_LINES} proof lines (each one hash in standard base64), an empty line, then
 * the encoded note. What is claimed; the {@link Witness} checks it.
 *
 * @param oldSize the size the proof starts from, at least 0
 * @param proof the consistency proof's hashes, in RFC order; empty when {@code oldSize} is 0
 * @param checkpoint the new checkpoint's note, signed by the log
 */
public record AddCheckpoint(long oldSize, List<Sha256> proof, SignedNote checkpoint) {

  /** Most proof lines a request may carry, as the spec allows. */
  public static final int MAX_PROOF_LINES = 63;

  /**
   * Largest body accepted, in bytes: the largest note, the old size line and the proof lines, with
   * room to spare.
   */
  public static final int MAX_BYTES = SignedNote.MAX_BYTES + 64 * (MAX_PROOF_LINES + 2);

  public AddCheckpoint {
    if (oldSize < 0) {
      throw new IllegalArgumentException("the old size must not be negative: " + oldSize);
    }
    proof = List.copyOf(proof);
    if (proof.size() > MAX_PROOF_LINES) {
      throw new IllegalArgumentException(
          "at most " + MAX_PROOF_LINES + " proof lines, not " + proof.size());
    }
  }

  /**
   * Parses a request body strictly.
   *
   * @throws IllegalArgumentException naming what is wrong: no {@code old} line, a size with a sign
   *     or leading zeros, a proof line that is not canonical base64 of 32 bytes, too many proof
   *     lines, no empty line before the note, or a malformed note
   */
  public static AddCheckpoint parse(String body) {
    int end = body.indexOf("\n\n");
    if (end < 0) {
      throw new IllegalArgumentException("request: no empty line before the checkpoint");
    }
    String[] lines = body.substring(0, end).split("\n", -1);
    String old = lines[0];
    if (!old.matches("old (0|[1-9][0-9]{0,18})")) {
      throw new IllegalArgumentException(
          "request line 1: not 'old <size>' in decimal without leading zeros");
    }
    long oldSize;
    try {
      oldSize = Long.parseLong(old.substring(4));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("request line 1: the old size exceeds 2^63 - 1", e);
    }
    if (lines.length - 1 > MAX_PROOF_LINES) {
      throw new IllegalArgumentException(
          "request: more than " + MAX_PROOF_LINES + " consistency proof lines");
    }
    List<Sha256> proof = new ArrayList<>(lines.length - 1);
    for (int i = 1; i < lines.length; i++) {
      proof.add(hash(lines[i], i + 1));
    }
    return new AddCheckpoint(oldSize, proof, SignedNote.parse(body.substring(end + 2)));
  }

  /** Parses a request body given as UTF-8 bytes; see {@link #parse(String)}. */
  public static AddCheckpoint parse(byte[] body) {
    if (body.length > MAX_BYTES) {
      throw new IllegalArgumentException("request: larger than " + MAX_BYTES + " bytes");
    }
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  /** The request body. */
  public String encode() {
    StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
    for (Sha256 hash : proof) {
      body.append(Base64.getEncoder().encodeToString(hash.bytes())).append('\n');
    }
    return body.append('\n').append(checkpoint.encode()).toString();
  }

  private static Sha256 hash(String line, int number) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(line);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("request line " + number + ": not base64", e);
    }
    if (bytes.length != Sha256.LENGTH || !Base64.getEncoder().encodeToString(bytes).equals(line)) {
      throw new IllegalArgumentException(
          "request line " + number + ": not the canonical base64 of a 32-byte hash");
    }
    return Sha256.of(bytes);
  }
}
