package io.twinledger.ledger.peer.commit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.identity.IdentityException;
import io.twinledger.ledger.peer.identity.Organizations;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;

/**
 * What the orderer checks before it accepts an envelope, as a Fabric orderer's broadcast handler
 * and the channel's message filters do:
 *
 * <ul>
 *   <li>the envelope is readable, has a payload, a channel header and a signature header, and is
 *       for this channel ({@code BAD_REQUEST} otherwise);
 *   <li>its creator is a valid identity of a channel member and its signature over the payload
 *       verifies ({@code FORBIDDEN} otherwise).
 * </ul>
 *
 * <p>So an envelope signed with another key than its creator's is refused at Submit, before it is
 * ordered, instead of taking a place in a block as {@code BAD_CREATOR_SIGNATURE}.
 *
 * <p>The committer validates every transaction again, as a Fabric peer does; to spare it a second
 * ECDSA verification per transaction, admission remembers each signature it verified together with
 * the payload bytes it covers, until the committer asks ({@link #verified}). A signature is only
 * taken as verified for exactly the same payload bytes, which include the creator. The memory is
 * cleared when it holds {@link #LIMIT} signatures (envelopes that never reached a block), which
 * only costs those a normal verification.
 */
public final class EnvelopeAdmission {

  /** The most remembered signatures. */
  public static final int LIMIT = 100_000;

  private final String channel;
  private final Organizations organizations;
  private final Map<ByteString, ByteString> payloadsBySignature = new ConcurrentHashMap<>();

  /** Admits envelopes of {@code channel} signed by valid identities of its organisations. */
  public EnvelopeAdmission(String channel, Organizations organizations) {
    this.channel = channel;
    this.organizations = organizations;
  }

  /**
   * Checks an envelope before it is ordered.
   *
   * @throws EnvelopeRefusedException with {@code BAD_REQUEST} or {@code FORBIDDEN}, naming why
   */
  public void admit(Envelope envelope) throws EnvelopeRefusedException {
    if (envelope.getPayload().isEmpty()) {
      throw new EnvelopeRefusedException(Status.BAD_REQUEST, "message was empty");
    }
    ChannelHeader channelHeader;
    SignatureHeader signatureHeader;
    try {
      Payload payload = Payload.parseFrom(envelope.getPayload());
      if (!payload.hasHeader()) {
        throw new EnvelopeRefusedException(Status.BAD_REQUEST, "envelope payload has no header");
      }
      channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
      signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
    } catch (InvalidProtocolBufferException e) {
      throw new EnvelopeRefusedException(
          Status.BAD_REQUEST, "envelope payload is not readable: " + e.getMessage());
    }
    if (!channel.equals(channelHeader.getChannelId())) {
      throw new EnvelopeRefusedException(
          Status.BAD_REQUEST, "channel '" + channelHeader.getChannelId() + "' not found");
    }
    Creator creator;
    try {
      creator = organizations.verify(signatureHeader.getCreator());
    } catch (IdentityException e) {
      throw new EnvelopeRefusedException(
          Status.FORBIDDEN, "permission denied: creator identity is not valid: " + e.getMessage());
    }
    Optional<String> badSignature =
        creator.verify(envelope.getPayload().toByteArray(), envelope.getSignature().toByteArray());
    if (badSignature.isPresent()) {
      throw new EnvelopeRefusedException(
          Status.FORBIDDEN,
          "permission denied: envelope signature of "
              + creator.describe()
              + " is invalid: "
              + badSignature.get());
    }
    if (payloadsBySignature.size() >= LIMIT) {
      payloadsBySignature.clear();
    }
    payloadsBySignature.put(envelope.getSignature(), envelope.getPayload());
  }

  /**
   * Whether admission verified exactly this signature over exactly this payload; forgets it.
   * Comparing the bytes is far cheaper than verifying the signature again.
   */
  boolean verified(ByteString signature, ByteString payload) {
    ByteString admitted = payloadsBySignature.remove(signature);
    return admitted != null && admitted.equals(payload);
  }
}
