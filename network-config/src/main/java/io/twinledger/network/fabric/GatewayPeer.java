package io.twinledger.network.fabric;

import io.twinledger.network.YamlTree;
import io.twinledger.network.msp.InvalidMspDirectoryException;
import io.twinledger.network.msp.PemFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The gateway peer a client reaches, as a common connection profile ({@link ConnectionProfile})
 * describes it: where it listens, which TLS CA its certificate chains to, the name to check the
 * certificate against, and the client's own TLS certificate for mutual TLS.
 *
 * <p>The peer is the first one the client's organisation lists ({@code client.organization}, or the
 * profile's only organisation). Relative paths are resolved against a base directory: the profile's
 * own directory unless said otherwise (the test network's profiles name paths relative to {@code
 * network-config/fabric/}, their parent). A certificate may be given as a {@code path} or inline as
 * {@code pem}. YAML profiles read as well as JSON ones.
 *
 * @param mspId the MSP id of the client's organisation
 * @param name the peer's name in the profile: {@code peer0.cityfinance.twinledger.example}
 * @param host the host of its URL
 * @param port the port of its URL
 * @param tls whether the URL is {@code grpcs://} (TLS) rather than {@code grpc://}
 * @param tlsCaCertificates the TLS CA certificates to trust; not empty when {@code tls}
 * @param hostnameOverride the name the peer's certificate is checked against instead of {@code
 *     host} ({@code grpcOptions.ssl-target-name-override}, or {@code hostnameOverride})
 * @param clientTls the client's TLS certificate and key for mutual TLS, if the profile has them
 */
public record GatewayPeer(
    String mspId,
    String name,
    String host,
    int port,
    boolean tls,
    List<X509Certificate> tlsCaCertificates,
    Optional<String> hostnameOverride,
    Optional<ClientCertificate> clientTls) {

  /**
   * A TLS client certificate and its key.
   *
   * @param certificate the certificate
   * @param privateKey its private key
   */
  public record ClientCertificate(X509Certificate certificate, PrivateKey privateKey) {

    public ClientCertificate {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
      return "ClientCertificate[" + certificate.getSubjectX500Principal().getName() + "]";
    }
  }

  public GatewayPeer {
    Objects.requireNonNull(mspId, "mspId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    tlsCaCertificates = List.copyOf(tlsCaCertificates);
    Objects.requireNonNull(hostnameOverride, "hostnameOverride");
    Objects.requireNonNull(clientTls, "clientTls");
  }

  /** The name the peer's TLS certificate must carry: the override, else the host. */
  public String authority() {
    return hostnameOverride.orElse(host);
  }

  /** {@code host:port}. */
  public String endpoint() {
    return host + ":" + port;
  }

  /** The gateway peer of the profile {@code file}, paths relative to the file's directory. */
  public static GatewayPeer read(Path file) {
    return read(file, file.toAbsolutePath().getParent());
  }

  /**
   * The gateway peer of the profile {@code file}, relative paths resolved against {@code base}.
   *
   * @throws InvalidConnectionProfileException with every problem found, one line each
   */
  public static GatewayPeer read(Path file, Path base) {
    byte[] text;
    try {
      text = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidConnectionProfileException(file, List.of("no such file"));
    } catch (IOException e) {
      throw new InvalidConnectionProfileException(file, List.of("cannot be read: " + e));
    }
    JsonNode root;
    try {
      root = YamlTree.read(text);
    } catch (YamlTree.Unreadable e) {
      throw new InvalidConnectionProfileException(
          file, List.of("is not JSON or YAML: " + e.getMessage()));
    }
    return new Reading(file, base).peer(root);
  }

  /** One reading of a profile, collecting its problems. */
  private static final class Reading {

    private final Path file;
    private final Path base;
    private final List<String> problems = new ArrayList<>();

    Reading(Path file, Path base) {
      this.file = file;
      this.base = base;
    }

    GatewayPeer peer(JsonNode root) {
      if (!root.isObject()) {
        throw new InvalidConnectionProfileException(file, List.of("is not a JSON object"));
      }
      String organisation = organisation(root);
      JsonNode org = root.path("organizations").path(organisation);
      String mspId = text(org, "mspid", "organizations." + organisation + ".mspid");
      JsonNode peers = org.path("peers");
      if (!peers.isArray() || peers.isEmpty() || !peers.get(0).isString()) {
        throw failed("organizations." + organisation + ".peers: lists no peer of " + organisation);
      }
      String name = peers.get(0).asString();
      String where = "peers." + name;
      JsonNode peer = root.path("peers").path(name);
      if (!peer.isObject()) {
        throw failed(where + ": missing; organizations." + organisation + " names it");
      }
      String url = text(peer, "url", where + ".url");
      URI uri = null;
      if (url != null) {
        try {
          uri = new URI(url);
        } catch (URISyntaxException e) {
          uri = null;
        }
        if (uri == null
            || !("grpcs".equals(uri.getScheme()) || "grpc".equals(uri.getScheme()))
            || uri.getHost() == null
            || uri.getPort() < 1) {
          problems.add(
              where + ".url: \"" + url + "\" is not a grpcs://host:port or grpc://host:port URL");
          uri = null;
        }
      }
      boolean tls = uri != null && "grpcs".equals(uri.getScheme());
      List<X509Certificate> tlsCas = List.of();
      JsonNode tlsCaCerts = peer.path("tlsCACerts");
      if (tls || !tlsCaCerts.isMissingNode()) {
        tlsCas = certificates(tlsCaCerts, where + ".tlsCACerts");
      }
      JsonNode grpc = peer.path("grpcOptions");
      Optional<String> override =
          optionalText(grpc, "ssl-target-name-override")
              .or(() -> optionalText(grpc, "hostnameOverride"));
      Optional<ClientCertificate> clientTls = clientTls(root.path("client").path("tlsCerts"));
      if (!problems.isEmpty() || uri == null) {
        throw new InvalidConnectionProfileException(file, problems);
      }
      return new GatewayPeer(
          mspId, name, uri.getHost(), uri.getPort(), tls, tlsCas, override, clientTls);
    }

    private String organisation(JsonNode root) {
      JsonNode named = root.path("client").path("organization");
      if (named.isString() && !named.asString().isBlank()) {
        if (!root.path("organizations").path(named.asString()).isObject()) {
          throw failed(
              "client.organization: "
                  + named.asString()
                  + " is not in organizations (has "
                  + fieldNames(root.path("organizations"))
                  + ")");
        }
        return named.asString();
      }
      JsonNode organisations = root.path("organizations");
      if (organisations.isObject() && organisations.size() == 1) {
        return organisations.propertyNames().iterator().next();
      }
      throw failed(
          "client.organization: missing, and the profile has "
              + (organisations.isObject() ? organisations.size() : 0)
              + " organizations to choose from");
    }

    private Optional<ClientCertificate> clientTls(JsonNode tlsCerts) {
      JsonNode client = tlsCerts.path("client");
      if (client.isMissingNode() || client.isNull()) {
        return Optional.empty();
      }
      String where = "client.tlsCerts.client";
      JsonNode cert = client.path("cert");
      JsonNode key = client.path("key");
      if (cert.isMissingNode() || key.isMissingNode()) {
        problems.add(where + ": needs both cert and key for mutual TLS");
        return Optional.empty();
      }
      List<X509Certificate> certificates = certificates(cert, where + ".cert");
      Optional<PrivateKey> privateKey =
          material(
              key,
              where + ".key",
              PemFiles::readPrivateKey,
              pem -> PemFiles.parsePrivateKey(pem, Path.of(where + ".key.pem")));
      if (certificates.size() > 1) {
        problems.add(where + ".cert: holds " + certificates.size() + " certificates, not one");
      }
      if (certificates.size() != 1 || privateKey.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ClientCertificate(certificates.getFirst(), privateKey.get()));
    }

    /** The certificates of a {@code {path: ...}} or {@code {pem: ...}} node. */
    private List<X509Certificate> certificates(JsonNode node, String where) {
      return material(
              node,
              where,
              PemFiles::readCertificates,
              pem -> PemFiles.parseCertificates(pem, Path.of(where + ".pem")))
          .orElse(List.of());
    }

    private <T> Optional<T> material(
        JsonNode node, String where, Function<Path, T> fromFile, Function<String, T> fromPem) {
      Optional<String> path = optionalText(node, "path");
      Optional<String> pem = optionalText(node, "pem");
      if (path.isEmpty() && pem.isEmpty()) {
        problems.add(where + ": needs a path or a pem");
        return Optional.empty();
      }
      try {
        if (path.isPresent()) {
          return Optional.of(fromFile.apply(base.resolve(path.get())));
        }
        return Optional.of(fromPem.apply(pem.get()));
      } catch (InvalidMspDirectoryException e) {
        // One line per fault: "MISSING /abs/client.key: is missing".
        e.faults().forEach(fault -> problems.add(where + ": " + fault));
        return Optional.empty();
      }
    }

    private String text(JsonNode node, String field, String where) {
      JsonNode value = node.path(field);
      if (!value.isString() || value.asString().isBlank()) {
        problems.add(where + ": missing");
        return null;
      }
      return value.asString();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
      JsonNode value = node.path(field);
      return value.isString() && !value.asString().isBlank()
          ? Optional.of(value.asString())
          : Optional.empty();
    }

    private static String fieldNames(JsonNode node) {
      return node.isObject() ? String.join(", ", node.propertyNames()) : "none";
    }

    private InvalidConnectionProfileException failed(String problem) {
      problems.add(problem);
      return new InvalidConnectionProfileException(file, problems);
    }
  }
}
