package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The primitives of the canonical leaf encoding (version 1): a text is a 4-byte big-endian byte
 * length followed by its UTF-8 bytes; an integer is 8 bytes, big-endian two's complement; a SHA-256
 * digest is its 32 bytes. Length prefixes make the encoding unambiguous whatever the texts hold.
 */
final class LeafBytes {

  private LeafBytes() {}

  /** Builds an encoding field by field. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    Writer text(String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
      out.writeBytes(utf8);
      return this;
    }

    Writer int64(long value) {
      out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
      return this;
    }

    Writer digest(Sha256 digest) {
      out.writeBytes(digest.bytes());
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  /** Reads an encoding back field by field; every failure names the offset. */
  static final class Reader {
    private final ByteBuffer in;

    Reader(byte[] data) {
      this.in = ByteBuffer.wrap(data);
    }

    String text() {
      int length = take(4).getInt();
      if (length < 0) {
        throw invalid("negative text length " + length);
      }
      ByteBuffer utf8 = take(length);
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(utf8)
            .toString();
      } catch (CharacterCodingException e) {
        throw invalid("text is not UTF-8");
      }
    }

    long int64() {
      return take(8).getLong();
    }

    Sha256 digest() {
      byte[] bytes = new byte[Sha256.LENGTH];
      take(Sha256.LENGTH).get(bytes);
      return Sha256.of(bytes);
    }

    void end() {
      if (in.hasRemaining()) {
        throw invalid(in.remaining() + " bytes after the last field");
      }
    }

    private ByteBuffer take(int length) {
      if (in.remaining() < length) {
        throw invalid("needs " + length + " more bytes, has " + in.remaining());
      }
      ByteBuffer slice = in.slice(in.position(), length);
      in.position(in.position() + length);
      return slice;
    }

    private IllegalArgumentException invalid(String reason) {
      return new IllegalArgumentException(
          "invalid leaf data at byte " + in.position() + ": " + reason);
    }
  }
}
