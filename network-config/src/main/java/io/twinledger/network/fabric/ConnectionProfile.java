package io.twinledger.network.fabric;

import io.twinledger.network.Consortium;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.PeerOrgLayout;
import io.twinledger.network.org.Organisation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * An organisation's common connection profile (JSON), in the schema Fabric's SDKs read: its peer,
 * with the TLS CA to trust, and the channels it is on.
 *
 * <pre>
 * client.organization                         the organisation (MSP) the client acts for
 * client.tlsCerts.client.{cert,key}.path      the client's TLS certificate and key, for mutual TLS
 * organizations.&lt;org&gt;.{mspid,peers}
 * peers.&lt;name&gt;.url                           grpcs://host:port (grpc:// without TLS)
 * peers.&lt;name&gt;.tlsCACerts.{path|pem}          the TLS CA certificate(s) the peer's chains to
 * peers.&lt;name&gt;.grpcOptions.ssl-target-name-override, hostnameOverride
 * channels.&lt;channel&gt;.peers.&lt;name&gt;
 * </pre>
 *
 * <p>Two kinds are written: the test network's ({@link #render}, paths relative to {@code
 * network-config/fabric/}) and the embedded peer's when it serves TCP ({@link #renderEmbedded},
 * absolute paths into the {@link MspDirectory}). {@link GatewayPeer#read} reads either, or one a
 * Fabric operator wrote.
 */
public final class ConnectionProfile {

  private ConnectionProfile() {}

  /** Where the profile of {@code org} goes: {@code connection-profiles/cityfinance.json}. */
  public static String path(Organisation org) {
    return "connection-profiles/" + org.shortName() + ".json";
  }

  /** The test network's profile text: the peer on its own port of the Docker host. */
  public static String render(Consortium consortium, Organisation org) {
    return Documents.json(
        document(
            consortium,
            org,
            "grpcs://localhost:" + org.peerPort(),
            CryptoLayout.tlsCaCertificate(org),
            Optional.empty()));
  }

  /**
   * The profile of the embedded peer serving TCP with TLS on {@code localhost:<port>}, for the
   * organisation {@code mspId}: its TLS CA certificate from {@code msps}, the server name the
   * peer's certificate carries ({@code peer0.<domain>}) as the name override, and with {@code
   * mutualTls} the organisation's application user's TLS client certificate and key. Paths are
   * absolute.
   *
   * @throws IllegalArgumentException if {@code mspId} is not an organisation of the consortium
   */
  public static String renderEmbedded(
      Consortium consortium, MspDirectory msps, String mspId, int port, boolean mutualTls) {
    Organisation org =
        consortium
            .organisation(mspId)
            .orElseThrow(() -> new IllegalArgumentException("no organisation " + mspId));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("a port is 1 to 65535, was " + port);
    }
    Path tls = msps.root().resolve(msps.layout(mspId).userTls(PeerOrgLayout.USER1));
    return Documents.json(
        document(
            consortium,
            org,
            "grpcs://localhost:" + port,
            absolute(msps.tlsCaCertificateFile(mspId)),
            mutualTls
                ? Optional.of(
                    new String[] {
                      absolute(tls.resolve(PeerOrgLayout.CLIENT_CERTIFICATE)),
                      absolute(tls.resolve(PeerOrgLayout.CLIENT_KEY))
                    })
                : Optional.empty()));
  }

  /**
   * Writes {@link #renderEmbedded}'s profile to {@code file}, replacing it in one step (written
   * beside it, then renamed), so a client reading it never sees half a profile.
   */
  public static void writeEmbedded(
      Path file,
      Consortium consortium,
      MspDirectory msps,
      String mspId,
      int port,
      boolean mutualTls) {
    Objects.requireNonNull(file, "file");
    String text = renderEmbedded(consortium, msps, mspId, port, mutualTls);
    Path absolute = file.toAbsolutePath();
    Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
    try {
      Files.createDirectories(absolute.getParent());
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            temporary,
            absolute,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the connection profile " + file, e);
    }
  }

  private static String absolute(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }

  private static ObjectNode document(
      Consortium consortium,
      Organisation org,
      String url,
      String tlsCaCertificate,
      Optional<String[]> clientCertificateAndKey) {
    ObjectNode root = Documents.object();
    root.put("name", consortium.name() + "-" + org.shortName());
    root.put("version", "1.0.0");
    ObjectNode client = root.putObject("client");
    client.put("organization", org.mspId());
    client.putObject("connection").putObject("timeout").putObject("peer").put("endorser", "300");
    clientCertificateAndKey.ifPresent(
        files -> {
          ObjectNode tls = client.putObject("tlsCerts").putObject("client");
          tls.putObject("cert").put("path", files[0]);
          tls.putObject("key").put("path", files[1]);
        });
    ObjectNode channels = root.putObject("channels");
    for (Channel channel : consortium.channelsOf(org.mspId())) {
      ObjectNode peer =
          channels.putObject(channel.name()).putObject("peers").putObject(org.peerHost());
      peer.put("endorsingPeer", true);
      peer.put("chaincodeQuery", true);
      peer.put("ledgerQuery", true);
      peer.put("eventSource", true);
    }
    ObjectNode organisation = root.putObject("organizations").putObject(org.mspId());
    organisation.put("mspid", org.mspId());
    organisation.putArray("peers").add(org.peerHost());
    ObjectNode peer = root.putObject("peers").putObject(org.peerHost());
    peer.put("url", url);
    peer.putObject("tlsCACerts").put("path", tlsCaCertificate);
    ObjectNode grpc = peer.putObject("grpcOptions");
    grpc.put("ssl-target-name-override", org.peerHost());
    grpc.put("hostnameOverride", org.peerHost());
    return root;
  }
}
