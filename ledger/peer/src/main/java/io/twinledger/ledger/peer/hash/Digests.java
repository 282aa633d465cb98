package io.twinledger.ledger.peer.hash;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The peer's one home for SHA-256: transaction ids, proposal and binding hashes, block data and
 * header hashes, private data key and value hashes, and the digests of remembered signatures.
 *
 * <p>Digests are compared with {@link #equal}, in time that does not depend on where they differ
 * ({@link MessageDigest#isEqual}).
 */
public final class Digests {

  /** Length of a SHA-256 digest, in bytes. */
  public static final int LENGTH = 32;

  private Digests() {}

  /** SHA-256 of {@code bytes}. */
  public static ByteString sha256(ByteString bytes) {
    MessageDigest digest = newSha256();
    digest.update(bytes.asReadOnlyByteBuffer());
    return ByteString.copyFrom(digest.digest());
  }

  /** SHA-256 of the concatenation of {@code parts}, in order. */
  public static ByteString sha256(ByteString... parts) {
    return sha256(List.of(parts));
  }

  /** SHA-256 of the concatenation of {@code parts}, in order. */
  public static ByteString sha256(List<ByteString> parts) {
    MessageDigest digest = newSha256();
    for (ByteString part : parts) {
      digest.update(part.asReadOnlyByteBuffer());
    }
    return ByteString.copyFrom(digest.digest());
  }

  /** SHA-256 of {@code bytes}. */
  public static ByteString sha256(byte[] bytes) {
    return ByteString.copyFrom(newSha256().digest(bytes));
  }

  /** SHA-256 of {@code text} in UTF-8, as Fabric hashes private data keys. */
  public static ByteString sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether two digests are equal, compared in constant time. */
  public static boolean equal(ByteString a, ByteString b) {
    return MessageDigest.isEqual(a.toByteArray(), b.toByteArray());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
