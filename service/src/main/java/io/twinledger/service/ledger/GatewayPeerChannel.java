package io.twinledger.service.ledger;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.twinledger.network.fabric.GatewayPeer;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.hyperledger.fabric.client.GatewayException;

/**
 * The gRPC channel to a Fabric network's gateway peer, as a connection profile describes it: TLS
 * trusting the profile's TLS CAs, the peer's certificate checked against the profile's name for it,
 * and the client's TLS certificate when the peer asks for mutual TLS.
 *
 * <p>gRPC reconnects a channel whose peer went away by itself, with exponential backoff (from 1 s,
 * 1.6 times longer each time up to 2 minutes, with jitter); calls made meanwhile fail as {@code
 * UNAVAILABLE} and the caller tries again later (checkpoints are offered again on the next run).
 *
 * <p>{@link #refusal} turns what the first call to the peer ran into into the one line an operator
 * can act on: the peer cannot be reached, its certificate is not for the name or not from the TLS
 * CA in the profile, it wants a client certificate, it does not accept the identity, or the
 * chaincode is not committed on the channel.
 */
final class GatewayPeerChannel {

  private GatewayPeerChannel() {}

  /**
   * A channel to {@code peer}; it connects on first use.
   *
   * @throws LedgerStartupException if {@code peer} is not TLS, or its TLS material does not make a
   *     TLS client
   */
  static ManagedChannel open(GatewayPeer peer) {
    if (!peer.tls()) {
      throw new LedgerStartupException(
          "the gateway peer "
              + peer.name()
              + " is grpc://"
              + peer.endpoint()
              + "; TwinLedger reaches a Fabric network over TLS only (grpcs://)");
    }
    try {
      SslContextBuilder tls =
          GrpcSslContexts.forClient()
              .trustManager(peer.tlsCaCertificates().toArray(X509Certificate[]::new));
      peer.clientTls()
          .ifPresent(client -> tls.keyManager(client.privateKey(), client.certificate()));
      return NettyChannelBuilder.forAddress(peer.host(), peer.port())
          .sslContext(tls.build())
          .overrideAuthority(peer.authority())
          .keepAliveTime(1, TimeUnit.MINUTES)
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new LedgerStartupException(
          "the TLS material of the gateway peer "
              + peer.name()
              + " is unusable: "
              + e.getMessage());
    }
  }

  /**
   * Why the first call to {@code peer} failed, in one line, or empty when the failure is not one a
   * start-up can name (the caller reports it as it is).
   *
   * @param failure what the call threw
   * @param mspId the identity's MSP id
   * @param subject the identity's certificate subject
   * @param channel the channel called
   * @param chaincode the chaincode called
   * @param timeout the call's deadline
   */
  static String refusal(
      Throwable failure,
      GatewayPeer peer,
      String mspId,
      String subject,
      String channel,
      String chaincode,
      Duration timeout) {
    Status status = status(failure);
    String description = Optional.ofNullable(status.getDescription()).orElse("");
    String at = "the Fabric peer " + peer.name() + " at " + peer.endpoint();
    return switch (status.getCode()) {
      case UNAVAILABLE -> unavailable(failure, peer, at, description, channel);
      case DEADLINE_EXCEEDED -> at + " did not answer within " + timeout;
      case FAILED_PRECONDITION, PERMISSION_DENIED -> {
        if (description.contains("is not defined on channel")
            || description.contains("no peers available")) {
          yield "chaincode "
              + chaincode
              + " is not committed on channel "
              + channel
              + " at "
              + peer.name()
              + ": "
              + lastClause(description);
        }
        if (description.contains("creator identity is not valid")
            || description.contains("is not a member of channel")
            || description.contains("signature")) {
          yield at
              + " does not accept the identity "
              + subject
              + " of "
              + mspId
              + ": "
              + lastClause(description);
        }
        yield at + " refused the call: " + description;
      }
      default -> at + " answered " + status.getCode() + ": " + description;
    };
  }

  private static String unavailable(
      Throwable failure, GatewayPeer peer, String at, String description, String channel) {
    if (cause(failure, ConnectException.class).isPresent()
        || cause(failure, UnknownHostException.class).isPresent()) {
      return "cannot reach " + at + ": " + rootMessage(failure);
    }
    Optional<CertificateException> certificate = cause(failure, CertificateException.class);
    if (certificate.isPresent()) {
      String message = String.valueOf(certificate.get().getMessage());
      if (message.contains("subject alternative") || message.contains("No name matching")) {
        return at
            + " presented a TLS certificate that is not for "
            + peer.authority()
            + " (set the profile's grpcOptions.ssl-target-name-override to a name it carries): "
            + message;
      }
      return at
          + " presented a TLS certificate that no TLS CA of the connection profile issued: "
          + message;
    }
    String root = rootMessage(failure);
    if (root.contains("certificate_required")
        || root.contains("bad_certificate")
        || root.contains("CERTIFICATE_REQUIRED")
        || root.contains("BAD_CERTIFICATE")) {
      return at
          + " refused the TLS handshake for want of a client certificate it trusts (mutual TLS):"
          + (peer.clientTls().isPresent()
              ? " the profile's client certificate is not from a TLS CA the peer trusts"
              : " the connection profile gives none");
    }
    if (description.contains("not found")) {
      return at + " has not joined channel " + channel + ": " + description;
    }
    return "cannot reach " + at + ": " + (description.isEmpty() ? root : description);
  }

  private static Status status(Throwable failure) {
    if (failure instanceof GatewayException gateway) {
      return gateway.getStatus();
    }
    return cause(failure, StatusRuntimeException.class)
        .map(StatusRuntimeException::getStatus)
        .orElse(Status.UNKNOWN.withDescription(rootMessage(failure)));
  }

  private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** The part after the gateway's "…returned error: " prefixes, which carries the reason. */
  private static String lastClause(String description) {
    int error = description.lastIndexOf("error: ");
    return error < 0 ? description : description.substring(error + "error: ".length());
  }
}
