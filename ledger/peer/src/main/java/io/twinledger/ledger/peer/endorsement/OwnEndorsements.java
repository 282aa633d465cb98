package io.twinledger.ledger.peer.endorsement;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.hash.Digests;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endorsements this peer signed and has not yet seen committed: signature and the SHA-256 of
 * the signed bytes ({@code proposal_response_payload ‖ endorser}).
 *
 * <p>At commit, an endorsement whose signature and signed bytes are exactly ones this peer produced
 * is known to verify, so the committer skips the ECDSA verification for it (about a third of a
 * millisecond each on this project's machines); every other endorsement is verified. Entries are
 * removed when checked; the memory is cleared when it reaches {@link #LIMIT} entries (endorsements
 * that were never submitted), which only costs those a normal verification.
 */
public final class OwnEndorsements {

  /** The most remembered endorsements. */
  public static final int LIMIT = 200_000;

  private final Map<ByteString, ByteString> digestsBySignature = new ConcurrentHashMap<>();

  void remember(ByteString signature, ByteString signed) {
    if (digestsBySignature.size() >= LIMIT) {
      digestsBySignature.clear();
    }
    digestsBySignature.put(signature, Digests.sha256(signed));
  }

  /** Whether this peer produced exactly this signature over exactly these bytes; forgets it. */
  public boolean produced(ByteString signature, ByteString signed) {
    ByteString digest = digestsBySignature.remove(signature);
    return digest != null && Digests.equal(digest, Digests.sha256(signed));
  }
}
