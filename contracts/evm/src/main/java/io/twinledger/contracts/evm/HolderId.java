package io.twinledger.contracts.evm;

import java.nio.charset.StandardCharsets;
import org.web3j.abi.datatypes.generated.Bytes32;

/**
 * A holder id of the books as the bond token's registry stores it: the ASCII bytes left-aligned in
 * a {@code bytes32}, zero-padded. Compared as unsigned numbers, these order exactly as {@link
 * String#compareTo} orders the ids, which the distribution's tie rule relies on; hence the limit: 1
 * to 32 printable ASCII characters.
 */
public final class HolderId {

  private HolderId() {}

  /**
   * The {@code bytes32} of {@code holder}.
   *
   * @throws IllegalArgumentException if it is empty, longer than 32 characters or not printable
   *     ASCII
   */
  public static Bytes32 encode(String holder) {
    if (holder.isEmpty() || holder.length() > 32) {
      throw new IllegalArgumentException(
          "holder: '" + holder + "' must have 1 to 32 characters to fit a bytes32 holder id");
    }
    byte[] word = new byte[32];
    for (int i = 0; i < holder.length(); i++) {
      char c = holder.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException(
            "holder: '" + holder + "' must be printable ASCII to keep its order as a bytes32");
      }
      word[i] = (byte) c;
    }
    return new Bytes32(word);
  }

  /** The holder id a {@code bytes32} names. */
  public static String decode(byte[] word) {
    int length = 0;
    while (length < word.length && word[length] != 0) {
      length++;
    }
    return new String(word, 0, length, StandardCharsets.US_ASCII);
  }
}
