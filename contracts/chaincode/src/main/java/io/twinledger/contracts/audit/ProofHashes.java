package io.twinledger.contracts.audit;

import io.twinledger.contracts.merkle.Sha256;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONException;

/** A consistency proof as {@link AuditAnchorContract} takes it: a JSON array of hex hashes. */
final class ProofHashes {

  private ProofHashes() {}

  /**
   * The hashes of {@code json}, in order: {@code []} for none, else strings of 64 hex digits.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static List<Sha256> parse(String json) {
    JSONArray array;
    try {
      array = new JSONArray(json);
    } catch (JSONException e) {
      throw new IllegalArgumentException("the consistency proof is not a JSON array of hex hashes");
    }
    List<Sha256> hashes = new ArrayList<>(array.length());
    for (int i = 0; i < array.length(); i++) {
      if (!(array.get(i) instanceof String hex)) {
        throw new IllegalArgumentException(
            "consistency proof hash " + i + " is not a string of 64 hex digits");
      }
      try {
        hashes.add(Sha256.fromHex(hex));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "consistency proof hash " + i + ": " + e.getMessage(), e);
      }
    }
    return hashes;
  }
}
