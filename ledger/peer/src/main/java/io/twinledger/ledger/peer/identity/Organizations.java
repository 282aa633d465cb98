package io.twinledger.ledger.peer.identity;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.network.msp.IdentityCheck;
import io.twinledger.network.msp.MspVerifier;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The channel's member organisations, each known by its MSP id and the certificate of its root CA.
 *
 * <p>An identity is valid when its MSP id is a member and {@code network-config}'s {@link
 * MspVerifier} trusts its certificate: issued (and signed) by that member's CA, not itself a CA,
 * within its validity period, and with exactly one node OU ({@code peer}, {@code client}, {@code
 * admin} or {@code orderer}), as Fabric's MSP wants with NodeOUs enabled. The node OU becomes the
 * identity's role in policies ({@link Creator#satisfies}). Intermediate CAs and revocation lists
 * are not modelled. Verified identities, role included, are cached by their serialized bytes, since
 * every transaction repeats its creator's and its endorsers'.
 */
public final class Organizations {

  private static final int CACHE_LIMIT = 10_000;

  /** How refusals name the channel: "this channel" or "channel NAME". */
  private final String channel;

  private final Map<String, X509Certificate> authorities;
  private final MspVerifier verifier;
  private final Map<ByteString, Creator> verified = new ConcurrentHashMap<>();

  /**
   * The members of a channel that is not named (for checks outside a peer, such as the offline
   * verifier's).
   *
   * @param authorities root CA certificate per MSP id
   */
  public Organizations(Map<String, X509Certificate> authorities) {
    this(authorities, "this channel");
  }

  /**
   * The members of {@code channel}, which refusals name.
   *
   * @param authorities root CA certificate per MSP id
   */
  public Organizations(String channel, Map<String, X509Certificate> authorities) {
    this(authorities, "channel " + channel);
  }

  private Organizations(Map<String, X509Certificate> authorities, String channel) {
    if (authorities.isEmpty()) {
      throw new IllegalArgumentException("A channel needs at least one organisation");
    }
    this.channel = channel;
    this.authorities = Map.copyOf(authorities);
    this.verifier = new MspVerifier(this.authorities, Clock.systemUTC());
  }

  /** The MSP ids of the member organisations. */
  public Set<String> mspIds() {
    return authorities.keySet();
  }

  /**
   * Parses and checks a serialized identity.
   *
   * @throws IdentityException naming what is wrong with it
   */
  public Creator verify(ByteString serializedIdentity) throws IdentityException {
    Creator known = verified.get(serializedIdentity);
    if (known != null) {
      if (!withinValidity(known.certificate())) {
        verified.remove(serializedIdentity);
        throw new IdentityException(
            "certificate of " + known.mspId() + " identity is outside its validity period");
      }
      return known;
    }
    Creator creator = parse(serializedIdentity);
    if (verified.size() >= CACHE_LIMIT) {
      verified.clear();
    }
    verified.put(serializedIdentity, creator);
    return creator;
  }

  /**
   * Why a message signed as {@code serializedIdentity} fails this channel's access check, if it
   * does: the check a Fabric peer applies to commit-status, event and deliver requests (its
   * channel's {@code Readers}), here a valid identity of a member whose signature over {@code
   * message} verifies. Called again for a long-lived stream, it also refuses a certificate that has
   * expired since.
   *
   * @return empty when the request passes, otherwise the reason
   */
  public Optional<String> accessRefusal(
      ByteString serializedIdentity, ByteString message, ByteString signature) {
    Creator creator;
    try {
      creator = verify(serializedIdentity);
    } catch (IdentityException e) {
      return Optional.of("identity is not valid: " + e.getMessage());
    }
    return creator
        .verify(message.toByteArray(), signature.toByteArray())
        .map(reason -> "request signature of " + creator.describe() + " is invalid: " + reason);
  }

  private Creator parse(ByteString serializedIdentity) throws IdentityException {
    if (serializedIdentity.isEmpty()) {
      throw new IdentityException("no creator identity");
    }
    SerializedIdentity identity;
    try {
      identity = SerializedIdentity.parseFrom(serializedIdentity);
    } catch (InvalidProtocolBufferException e) {
      throw new IdentityException("creator is not a serialized identity: " + e.getMessage());
    }
    if (!authorities.containsKey(identity.getMspid())) {
      throw new IdentityException(
          "MSP " + quoted(identity.getMspid()) + " is not a member of " + channel);
    }
    return switch (verifier.verify(identity.getMspid(), identity.getIdBytes().toByteArray())) {
      case IdentityCheck.Trusted trusted ->
          new Creator(trusted.mspId(), trusted.nodeOu(), trusted.certificate(), serializedIdentity);
      case IdentityCheck.Untrusted untrusted ->
          throw new IdentityException(untrusted.detail() + " (" + untrusted.reason() + ")");
    };
  }

  private static boolean withinValidity(X509Certificate certificate) {
    try {
      certificate.checkValidity();
      return true;
    } catch (CertificateException e) {
      return false;
    }
  }

  private static String quoted(String text) {
    return "'" + text + "'";
  }
}
