package io.twinledger.ledger.peer.gateway;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.twinledger.ledger.peer.hash.Digests;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Mutual TLS's binding of a request to the connection it came on, as Fabric's {@code
 * comm.NewBindingInspector} checks it for {@code Deliver}: on a listener that requires client
 * certificates, a request's channel header must carry the SHA-256 of the client's TLS certificate
 * ({@code tls_cert_hash}; the fabric-gateway client sets it with {@code
 * Gateway.Builder.tlsClientCertificateHash}), so that a signed request cannot be replayed by a
 * client holding another TLS certificate. On listeners without mutual TLS nothing is bound.
 */
public final class TlsBinding {

  private static final Context.Key<ByteString> CLIENT_CERTIFICATE_HASH =
      Context.key("twinledger-peer-tls-client-certificate-hash");

  private TlsBinding() {}

  /**
   * The interceptor of a mutual-TLS listener: it records the hash of each call's client certificate
   * (empty if the session has none) for {@link #refusal}.
   */
  public static ServerInterceptor mutualTls() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        ByteString hash =
            clientCertificateHash(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        return Contexts.interceptCall(
            Context.current().withValue(CLIENT_CERTIFICATE_HASH, hash), call, headers, next);
      }
    };
  }

  /**
   * The binding of the current call, to check later on another thread: empty when the call did not
   * come over mutual TLS.
   */
  static Optional<ByteString> currentClientCertificateHash() {
    return Optional.ofNullable(CLIENT_CERTIFICATE_HASH.get());
  }

  /**
   * Why a request claiming {@code claimedHash} fails the binding of a call whose client certificate
   * hashes to {@code clientCertificateHash} (empty when the call is not over mutual TLS, where any
   * claim passes), if it does.
   */
  static Optional<String> refusal(
      Optional<ByteString> clientCertificateHash, ByteString claimedHash) {
    if (clientCertificateHash.isEmpty()) {
      return Optional.empty();
    }
    ByteString actual = clientCertificateHash.get();
    if (claimedHash.isEmpty()) {
      return Optional.of("client didn't include its TLS cert hash");
    }
    if (actual.isEmpty()) {
      return Optional.of("client didn't send a TLS certificate");
    }
    return Digests.equal(actual, claimedHash)
        ? Optional.empty()
        : Optional.of(
            "claimed TLS cert hash differs from the hash of the client's TLS certificate");
  }

  private static ByteString clientCertificateHash(SSLSession session) {
    if (session == null) {
      return ByteString.EMPTY;
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length == 0 ? ByteString.EMPTY : Digests.sha256(chain[0].getEncoded());
    } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
      return ByteString.EMPTY;
    }
  }
}
