package io.twinledger.ledger.peer.hash;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SHA-256 against the FIPS 180-2 examples, concatenation, and digest comparison. */
class DigestsTest {

  private static final String EMPTY =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void hashesTheStandardExamples() {
    assertThat(hex(Digests.sha256(ByteString.EMPTY))).isEqualTo(EMPTY);
    assertThat(hex(Digests.sha256("abc"))).isEqualTo(ABC);
    assertThat(hex(Digests.sha256(new byte[] {'a', 'b', 'c'}))).isEqualTo(ABC);
  }

  @Test
  void hashesPartsAsTheirConcatenation() {
    ByteString whole = Digests.sha256("abc");

    assertThat(Digests.sha256(ByteString.copyFromUtf8("a"), ByteString.copyFromUtf8("bc")))
        .isEqualTo(whole);
    assertThat(Digests.sha256(List.of(ByteString.copyFromUtf8("ab"), ByteString.copyFromUtf8("c"))))
        .isEqualTo(whole);
    assertThat(Digests.sha256(List.of())).isEqualTo(Digests.sha256(ByteString.EMPTY));
  }

  @Test
  void comparesDigestsByValue() {
    ByteString abc = Digests.sha256("abc");

    assertThat(Digests.equal(abc, Digests.sha256("abc"))).isTrue();
    assertThat(Digests.equal(abc, Digests.sha256("abd"))).isFalse();
    assertThat(Digests.equal(abc, abc.substring(0, 31))).isFalse();
    assertThat(Digests.equal(ByteString.EMPTY, ByteString.EMPTY)).isTrue();
  }

  private static String hex(ByteString digest) {
    assertThat(digest.size()).isEqualTo(Digests.LENGTH);
    return HexFormat.of().formatHex(digest.toByteArray());
  }
}
