package io.twinledger.contracts.merkle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A verified cosignature/v1 (c2sp.org/tlog-cosignature): a witness stated that, as of {@code
 * timestamp}, the checkpoint was the largest consistent tree head it had seen for the log.
 *
 * @param witness the witness's verifier key, of type {@link NoteKeyType#COSIGNATURE_V1}
 * @param timestamp when it cosigned, POSIX seconds
 */
public record Cosignature(NoteVerifier witness, long timestamp) {

  /** The header line of the signed message, the domain separator. */
  public static final String HEADER = "cosignature/v1";

  public Cosignature {
    if (witness.type() != NoteKeyType.COSIGNATURE_V1) {
      throw new IllegalArgumentException("a cosignature's key has type 0x04: " + witness);
    }
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature time must not be negative: " + timestamp);
    }
  }

  /** When the witness cosigned. */
  public Instant time() {
    return Instant.ofEpochSecond(timestamp);
  }

  /**
   * What a v1 cosigner signs: {@code "cosignature/v1\ntime " + timestamp + "\n"} (decimal, no
   * leading zeros) followed by the checkpoint's whole note text, extension lines included.
   */
  public static byte[] signedMessage(String checkpointText, long timestamp) {
    return (HEADER + "\ntime " + timestamp + "\n" + checkpointText)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The timestamp a cosignature line carries: its first 8 signature bytes, big-endian. Read without
   * verifying.
   *
   * @throws IllegalArgumentException if the line is not 4 + 8 + 64 bytes or the time exceeds 2^63 -
   *     1
   */
  public static long timestampOf(NoteSignature line) {
    byte[] signature = line.signature();
    if (signature.length != NoteKeyType.COSIGNATURE_V1.signatureLength()) {
      throw new IllegalArgumentException(
          "a cosignature/v1 signature has 72 bytes, not " + signature.length);
    }
    long timestamp = ByteBuffer.wrap(signature).getLong();
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature time exceeds 2^63 - 1");
    }
    return timestamp;
  }
}
