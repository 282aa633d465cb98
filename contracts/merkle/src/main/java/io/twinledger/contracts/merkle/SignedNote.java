package io.twinledger.contracts.merkle;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A c2sp.org/signed-note: text signed by one or more keys. Encoded, it is the text (UTF-8, ending
 * in a newline), a blank line, then one or more {@link NoteSignature signature lines}, each ending
 * in a newline. The text may hold blank lines itself: the last blank line of a note separates text
 * from signatures. No ASCII control character other than newline may appear anywhere.
 *
 * <p>{@link #parse} is strict and checks form only; the text is not to be trusted until {@link
 * #verify} says a trusted key signed it. Limits: {@value #MAX_BYTES} bytes and {@value
 * #MAX_SIGNATURES} signature lines (the spec asks verifiers to accept at least 16).
 *
 * @param text the note text, final newline included, separating blank line excluded
 * @param signatures the signature lines in note order, at least one
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

  /** Largest encoded note accepted, in bytes. */
  public static final int MAX_BYTES = 1 << 20;

  /** Most signature lines accepted. */
  public static final int MAX_SIGNATURES = 100;

  public SignedNote {
    NoteEncoding.checkText(text, "note text");
    signatures = List.copyOf(signatures);
    if (signatures.isEmpty()) {
      throw new IllegalArgumentException("a signed note has at least one signature line");
    }
    if (signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "a signed note has at most " + MAX_SIGNATURES + " signature lines");
    }
  }

  /** {@code text} signed by {@code signer}. */
  public static SignedNote sign(String text, NoteSigner signer) {
    NoteEncoding.checkText(text, "note text");
    return new SignedNote(text, List.of(signer.sign(text)));
  }

  /** This note with {@code signature} appended as its last line. */
  public SignedNote withSignature(NoteSignature signature) {
    List<NoteSignature> all = new ArrayList<>(signatures);
    all.add(signature);
    return new SignedNote(text, all);
  }

  /**
   * Parses an encoded note given as UTF-8 bytes.
   *
   * @throws IllegalArgumentException if the bytes are not valid UTF-8 or the note is malformed
   */
  public static SignedNote parse(byte[] encoded) {
    if (encoded.length > MAX_BYTES) {
      throw new IllegalArgumentException("note: larger than " + MAX_BYTES + " bytes");
    }
    try {
      return parse(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(encoded))
              .toString());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("note: not valid UTF-8", e);
    }
  }

  /**
   * Parses an encoded note strictly.
   *
   * @throws IllegalArgumentException naming what is wrong: size, a control character, no final
   *     newline, no blank line before the signatures, no signature line, or which signature line is
   *     malformed (no em dash, bad key name, bad base64, fewer than 5 bytes)
   */
  public static SignedNote parse(String encoded) {
    if (encoded.length() > MAX_BYTES
        || encoded.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("note: larger than " + MAX_BYTES + " bytes");
    }
    NoteEncoding.checkText(encoded, "note");
    int split = encoded.lastIndexOf("\n\n");
    if (split < 0) {
      throw new IllegalArgumentException("note: no blank line before the signature lines");
    }
    String text = encoded.substring(0, split + 1);
    String block = encoded.substring(split + 2);
    if (block.isEmpty()) {
      throw new IllegalArgumentException("note: no signature line after the blank line");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new IllegalArgumentException("note: more than " + MAX_SIGNATURES + " signature lines");
    }
    List<NoteSignature> signatures = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      signatures.add(NoteSignature.parseLine(lines[i], i + 1));
    }
    return new SignedNote(text, signatures);
  }

  /**
   * Verifies the note against {@code trusted} keys, as the spec requires: lines whose key name and
   * key ID match no trusted key are ignored; every line that matches one is verified (a repeated
   * line too), and one that fails rejects the whole note; at least one must match. Trusted keys of
   * either {@link NoteKeyType} may be mixed, so one pass checks a log's signature and witnesses'
   * cosignatures.
   *
   * @throws IllegalArgumentException if two different trusted keys share key name and key ID
   */
  public NoteCheck verify(Collection<NoteVerifier> trusted) {
    Map<String, NoteVerifier> byNameAndId = new HashMap<>();
    for (NoteVerifier verifier : trusted) {
      String id = verifier.name() + "+" + verifier.keyIdHex();
      NoteVerifier before = byNameAndId.putIfAbsent(id, verifier);
      if (before != null && !before.equals(verifier)) {
        throw new IllegalArgumentException("two trusted keys are both " + id);
      }
    }
    Map<NoteVerifier, NoteSignature> verified = new LinkedHashMap<>();
    for (int i = 0; i < signatures.size(); i++) {
      NoteSignature signature = signatures.get(i);
      NoteVerifier verifier = byNameAndId.get(signature.keyName() + "+" + signature.keyIdHex());
      if (verifier == null) {
        continue;
      }
      if (!verifier.verifies(text, signature.signature())) {
        return new NoteCheck.Rejected(
            "signature line "
                + (i + 1)
                + ": invalid signature for key "
                + verifier.name()
                + "+"
                + verifier.keyIdHex());
      }
      verified.putIfAbsent(verifier, signature);
    }
    if (verified.isEmpty()) {
      return new NoteCheck.Rejected("no signature from a trusted key");
    }
    return new NoteCheck.Verified(verified);
  }

  /** The encoded note: text, blank line, signature lines. */
  public String encode() {
    StringBuilder note = new StringBuilder(text).append('\n');
    for (NoteSignature signature : signatures) {
      note.append(signature.line());
    }
    return note.toString();
  }

  /** The encoded note as UTF-8 bytes. */
  public byte[] encodeBytes() {
    return encode().getBytes(StandardCharsets.UTF_8);
  }
}
