package io.twinledger.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignedNoteTest {

  // golang.org/x/mod/sumdb/note, note_test.go (TestSign, TestOpen), verbatim.
  static final String PETER_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String PETER_SKEY_KEY = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String ENOCH_VKEY =
      "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
  static final String TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  static final String PETER_SIG =
      "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  static final String ENOCH_SIG =
      "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

  // c2sp.org/signed-note, "Verifier keys", "Example", verbatim.
  static final String FOO_VKEY =
      "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
  static final String FOO_NOTE =
      "This is an example message.\n\n"
          + "— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

  static final NoteVerifier PETER = NoteVerifier.parse(PETER_VKEY);
  static final NoteVerifier ENOCH = NoteVerifier.parse(ENOCH_VKEY);

  /** The Go test's signer: the seed from its PRIVATE+KEY string, the public key from the vkey. */
  static NoteSigner peterSigner() throws Exception {
    byte[] key = Base64.getDecoder().decode(PETER_SKEY_KEY);
    assertThat(key[0]).isEqualTo((byte) 1);
    PrivateKey privateKey =
        KeyFactory.getInstance("Ed25519")
            .generatePrivate(
                new EdECPrivateKeySpec(NamedParameterSpec.ED25519, Arrays.copyOfRange(key, 1, 33)));
    return NoteSigner.of(
        "PeterNeumann", new KeyPair(Ed25519.publicKey(PETER.publicKey()), privateKey));
  }

  @Test
  void signsGoVectorByteForByte() throws Exception {
    NoteSigner signer = peterSigner();

    assertThat(signer.verifier().vkey()).isEqualTo(PETER_VKEY);
    assertThat(SignedNote.sign(TEXT, signer).encode()).isEqualTo(TEXT + "\n" + PETER_SIG);
  }

  @Test
  void opensGoVectorsWithOneOrBothKeys() {
    SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);

    assertThat(note.text()).isEqualTo(TEXT);
    assertThat(note.signatures())
        .extracting(NoteSignature::keyName)
        .containsExactly("PeterNeumann", "EnochRoot");
    assertThat(note.signatures().get(0).keyIdHex()).isEqualTo("c74f20a3");
    assertThat(note.verify(Set.of(PETER)))
        .isEqualTo(new NoteCheck.Verified(Map.of(PETER, note.signatures().get(0))));
    assertThat(((NoteCheck.Verified) note.verify(List.of(PETER, ENOCH))).signers())
        .containsExactly(PETER, ENOCH);
    assertThat(note.verify(Set.of(ENOCH)).isVerified()).isTrue();
    assertThat(note.verify(Set.of()))
        .isEqualTo(new NoteCheck.Rejected("no signature from a trusted key"));
    assertThat(note.encode()).isEqualTo(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
  }

  @Test
  void verifiesTheSpecExample() {
    NoteVerifier foo = NoteVerifier.parse(FOO_VKEY);
    SignedNote note = SignedNote.parse(FOO_NOTE.getBytes(StandardCharsets.UTF_8));

    assertThat(note.text()).isEqualTo("This is an example message.\n");
    assertThat(note.verify(Set.of(foo)).isVerified()).isTrue();
    assertThat(foo.vkey()).isEqualTo(FOO_VKEY);
    assertThat(foo.keyId()).isEqualTo(0x530d903a);
  }

  @Test
  void parsesTheSpecsOpeningExampleWithBlankLinesInTheText() {
    String text =
        "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n";
    String line =
        "— quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n";

    SignedNote note = SignedNote.parse(text + "\n" + line);

    assertThat(note.text()).isEqualTo(text);
    assertThat(note.signatures()).containsExactly(NoteSignature.parseLine(line.strip(), 1));
    assertThat(note.encode()).isEqualTo(text + "\n" + line);
  }

  @Test
  void roundTripsGeneratedKeys() {
    NoteSigner signer = NoteSigner.generate("riverton.twinledger.example/audit");
    String text = "blank lines\n\ninside\n\n";

    SignedNote note = SignedNote.sign(text, signer);
    SignedNote again = SignedNote.parse(note.encode());

    assertThat(again).isEqualTo(note);
    assertThat(again.text()).isEqualTo(text);
    assertThat(again.verify(Set.of(NoteVerifier.parse(signer.verifier().vkey()))).isVerified())
        .isTrue();
  }

  @Test
  void refusesForgedSignatureOfKnownKey() {
    String forged = PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60);
    SignedNote note = SignedNote.parse(TEXT + "\n" + ENOCH_SIG + forged);

    assertThat(note.verify(Set.of(PETER, ENOCH)))
        .isEqualTo(
            new NoteCheck.Rejected(
                "signature line 2: invalid signature for key PeterNeumann+c74f20a3"));
    assertThat(
            SignedNote.parse(TEXT.replace("problem,", "problem;") + "\n" + PETER_SIG)
                .verify(Set.of(PETER))
                .isVerified())
        .isFalse();
  }

  @Test
  void ignoresUnknownKeysEvenSharingNameOrId() {
    NoteSigner other = NoteSigner.generate("PeterNeumann");
    SignedNote note = SignedNote.parse(TEXT + "\n" + other.sign(TEXT).line() + PETER_SIG);

    assertThat(((NoteCheck.Verified) note.verify(Set.of(PETER))).signers()).containsExactly(PETER);
  }

  @Test
  void countsRepeatedLinesOnce() {
    SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + PETER_SIG);

    assertThat(((NoteCheck.Verified) note.verify(Set.of(PETER))).signers()).containsExactly(PETER);
  }

  @Test
  void refusesMalformedNotes() {
    String fooSig = PETER_SIG.substring("— PeterNeumann ".length(), PETER_SIG.length() - 1);
    assertRefused(TEXT, "note: no blank line before the signature lines");
    assertRefused(TEXT + "\n", "note: no signature line after the blank line");
    assertRefused(TEXT + "\n" + PETER_SIG.strip(), "note does not end in a newline");
    assertRefused("\u0001" + TEXT + "\n" + PETER_SIG, "note contains control character U+0001");
    assertRefused(
        TEXT.replace("\n", "\r\n") + "\r\n" + PETER_SIG, "note contains control character U+000D");
    assertRefused(TEXT + "\n— Bad Name " + fooSig + "\n", "signature line 1: bad base64");
    assertRefused(
        TEXT + "\n— Bad\u00a0Name " + fooSig + "\n",
        "signature line 1: key name contains a space or '+': Bad\u00a0Name");
    assertRefused(
        TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
        "signature line 2: does not start with an em dash and a space");
    assertRefused(
        TEXT + "\n" + PETER_SIG.replace("—", "-"),
        "signature line 1: does not start with an em dash and a space");
    assertRefused(
        TEXT + "\n" + PETER_SIG.replace("— ", "—"),
        "signature line 1: does not start with an em dash and a space");
    assertRefused(
        TEXT + "\n— a+b " + fooSig + "\n",
        "signature line 1: key name contains a space or '+': a+b");
    assertRefused(TEXT + "\n—  " + fooSig + "\n", "signature line 1: key name is empty");
    assertRefused(
        TEXT + "\n— PeterNeumann\n", "signature line 1: no space between key name and signature");
    assertRefused(TEXT + "\n— PeterNeumann " + fooSig + " \n", "signature line 1: bad base64");
    assertRefused(
        TEXT + "\n— PeterNeumann " + fooSig.replace("=", "") + "\n",
        "signature line 1: bad base64 (not canonical)");
    assertRefused(TEXT + "\n— PeterNeumann x08g!ZJk=\n", "signature line 1: bad base64");
    assertRefused(
        TEXT + "\n— PeterNeumann x08gow==\n", "signature line 1: fewer than 5 signature bytes");
    assertRefused(TEXT + "\n" + PETER_SIG.repeat(101), "note: more than 100 signature lines");
    assertRefused(
        "x".repeat(SignedNote.MAX_BYTES) + "\n\n" + PETER_SIG, "note: larger than 1048576 bytes");
    assertRefused(TEXT + "\uD800\n" + PETER_SIG, "note is not valid Unicode (a lone surrogate)");
    assertThatThrownBy(() -> SignedNote.parse(new byte[] {'a', (byte) 0xff, '\n', '\n'}))
        .hasMessage("note: not valid UTF-8");
  }

  @Test
  void acceptsSixteenLargeSignatures() {
    String big =
        "— pq.example/key " + Base64.getEncoder().encodeToString(new byte[4 + 4627]) + "\n";
    assertThat(SignedNote.parse(TEXT + "\n" + big.repeat(16)).signatures()).hasSize(16);
  }

  @Test
  void refusesBadValues() {
    NoteSigner signer = NoteSigner.generate("a");
    assertThatThrownBy(() -> signer.sign("abc")).hasMessage("note text does not end in a newline");
    assertThatThrownBy(() -> new SignedNote(TEXT, List.of()))
        .hasMessage("a signed note has at least one signature line");
    assertThatThrownBy(() -> new NoteSignature("PeterNeumann", "AAAA"))
        .hasMessage("signature: fewer than 5 bytes (key ID and signature)");
    assertThatThrownBy(
            () ->
                NoteSigner.of(
                    "a",
                    new KeyPair(Ed25519.generate().getPublic(), Ed25519.generate().getPrivate())))
        .hasMessage("the private key is not the public key's");
    NoteVerifier twin =
        NoteVerifier.of("PeterNeumann", NoteKeyType.ED25519, Ed25519.generate().getPublic());
    assertThat(twin.keyId()).isNotEqualTo(PETER.keyId());
  }

  @Test
  void refusesMalformedVkeys() {
    // golang.org/x/mod/sumdb/note TestNewVerifier: every proper substring and every byte changed.
    byte[] vkey = PETER_VKEY.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i <= vkey.length; i++) {
      for (int j = i + 1; j <= vkey.length; j++) {
        if (i != 0 || j != vkey.length) {
          String bad = new String(vkey, i, j - i, StandardCharsets.UTF_8);
          assertThatThrownBy(() -> NoteVerifier.parse(bad))
              .as(bad)
              .isInstanceOf(IllegalArgumentException.class);
        }
      }
    }
    for (int i = 0; i < vkey.length; i++) {
      vkey[i]++;
      String bad = new String(vkey, StandardCharsets.UTF_8);
      assertThatThrownBy(() -> NoteVerifier.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
      vkey[i]--;
    }
    assertThatThrownBy(
            () ->
                NoteVerifier.parse(
                    "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
        .hasMessage("vkey: key: bad base64 (not canonical)");
    assertThatThrownBy(
            () ->
                NoteVerifier.parse(
                    "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .hasMessage("vkey: unsupported signature type 0x65");
    assertThatThrownBy(
            () ->
                NoteVerifier.parse(
                    "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .hasMessage("vkey: key ID is not 8 lower-case hex digits: C74F20A3");
    assertThatThrownBy(
            () ->
                NoteVerifier.parse(
                    "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .hasMessage("vkey: key ID c74f20a4 is not the key's, c74f20a3");
  }

  @Test
  void splitsAtTheLastBlankLine() {
    SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + "\n" + PETER_SIG);

    assertThat(note.text()).isEqualTo(TEXT + "\n" + PETER_SIG);
    assertThat(note.verify(Set.of(PETER)).isVerified()).isFalse();
  }

  @Test
  void parsesVkeysWithPlusInTheBase64() {
    for (int i = 0; i < 20; i++) {
      NoteVerifier verifier = NoteSigner.generate("n").verifier();
      assertThat(NoteVerifier.parse(verifier.vkey())).isEqualTo(verifier);
    }
    NoteVerifier plus =
        NoteVerifier.parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    assertThat(plus.name()).isEqualTo("PeterNeumann");
    assertThatThrownBy(
            () ->
                NoteVerifier.parse(
                    "Peter+Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .hasMessage("vkey: key ID is not 8 lower-case hex digits: Neumann");
  }

  @Test
  void equalTrustedKeysAreOne() {
    NoteVerifier a = NoteVerifier.parse(PETER_VKEY);
    SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG);
    assertThat(note.verify(List.of(a, PETER)).isVerified()).isTrue();
  }

  private static void assertRefused(String note, String message) {
    assertThatThrownBy(() -> SignedNote.parse(note))
        .as(note)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
