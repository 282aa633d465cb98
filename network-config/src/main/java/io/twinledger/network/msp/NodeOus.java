package io.twinledger.network.msp;

import io.twinledger.network.YamlTree;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import tools.jackson.databind.JsonNode;

/**
 * The {@code NodeOUs} section of an MSP's {@code config.yaml}: whether an identity's kind is told
 * by an organisational unit of its certificate's subject, and which OU stands for which kind.
 *
 * <p>As cryptogen writes it:
 *
 * <pre>
 * NodeOUs:
 *   Enable: true
 *   ClientOUIdentifier:
 *     Certificate: cacerts/ca.org1.example.com-cert.pem
 *     OrganizationalUnitIdentifier: client
 *   PeerOUIdentifier: ...     AdminOUIdentifier: ...     OrdererOUIdentifier: ...
 * </pre>
 *
 * An identifier's {@code Certificate} (relative to the MSP directory) scopes the OU to identities
 * that CA certificate issued; without it the OU counts whatever CA of the MSP issued the identity.
 *
 * @param enabled whether NodeOUs are on; off (or no {@code config.yaml}), an identity's kind is the
 *     one of {@link NodeOu}'s default OUs its subject holds
 * @param identifiers the OU of each kind the file names
 */
public record NodeOus(boolean enabled, Map<NodeOu, Identifier> identifiers) {

  /** The file's name inside an MSP directory. */
  public static final String FILE = "config.yaml";

  private static final Map<NodeOu, String> KEYS =
      Map.of(
          NodeOu.CLIENT, "ClientOUIdentifier",
          NodeOu.PEER, "PeerOUIdentifier",
          NodeOu.ADMIN, "AdminOUIdentifier",
          NodeOu.ORDERER, "OrdererOUIdentifier");

  /** The order cryptogen writes the identifiers in. */
  private static final List<NodeOu> ORDER =
      List.of(NodeOu.CLIENT, NodeOu.PEER, NodeOu.ADMIN, NodeOu.ORDERER);

  /**
   * One kind's OU.
   *
   * @param organizationalUnit the OU value in the subject: {@code client}
   * @param certificate the CA certificate that must have issued the identity, relative to the MSP
   *     directory, if the file names one
   */
  public record Identifier(String organizationalUnit, Optional<String> certificate) {

    public Identifier {
      Objects.requireNonNull(organizationalUnit, "organizationalUnit");
      Objects.requireNonNull(certificate, "certificate");
    }
  }

  public NodeOus {
    Objects.requireNonNull(identifiers, "identifiers");
    identifiers = identifiers.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(identifiers));
  }

  /** No {@code config.yaml}: NodeOUs off. */
  public static NodeOus disabled() {
    return new NodeOus(false, Map.of());
  }

  /**
   * What cryptogen writes with {@code EnableNodeOUs: true}: every kind under its default OU ({@link
   * NodeOu#ou()}), scoped to {@code caCertificate} (relative to the MSP directory).
   */
  public static NodeOus cryptogen(String caCertificate) {
    Map<NodeOu, Identifier> identifiers = new EnumMap<>(NodeOu.class);
    for (NodeOu kind : NodeOu.values()) {
      identifiers.put(kind, new Identifier(kind.ou(), Optional.of(caCertificate)));
    }
    return new NodeOus(true, identifiers);
  }

  /**
   * The NodeOUs of the {@code config.yaml} text in {@code file}.
   *
   * @throws InvalidMspDirectoryException if it is not YAML or the section is malformed
   */
  public static NodeOus parse(byte[] text, Path file) {
    JsonNode root;
    try {
      root = YamlTree.read(text);
    } catch (YamlTree.Unreadable e) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.CORRUPT, file, "is not YAML: " + e.getMessage());
    }
    JsonNode section = root.path("NodeOUs");
    if (section.isMissingNode() || section.isNull()) {
      return disabled();
    }
    if (!section.isObject()) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.CORRUPT, file, "NodeOUs must be a mapping");
    }
    JsonNode enable = section.path("Enable");
    if (!enable.isMissingNode() && !enable.isBoolean()) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.CORRUPT, file, "NodeOUs.Enable must be true or false");
    }
    Map<NodeOu, Identifier> identifiers = new EnumMap<>(NodeOu.class);
    for (NodeOu kind : ORDER) {
      JsonNode identifier = section.path(KEYS.get(kind));
      if (identifier.isMissingNode() || identifier.isNull()) {
        continue;
      }
      String where = "NodeOUs." + KEYS.get(kind);
      JsonNode ou = identifier.path("OrganizationalUnitIdentifier");
      if (!ou.isString() || ou.asString().isBlank()) {
        throw new InvalidMspDirectoryException(
            MspFileProblem.CORRUPT, file, where + ".OrganizationalUnitIdentifier must be a name");
      }
      JsonNode certificate = identifier.path("Certificate");
      if (!certificate.isMissingNode() && !certificate.isString()) {
        throw new InvalidMspDirectoryException(
            MspFileProblem.CORRUPT, file, where + ".Certificate must be a path");
      }
      identifiers.put(
          kind,
          new Identifier(
              ou.asString(),
              certificate.isString() && !certificate.asString().isBlank()
                  ? Optional.of(certificate.asString())
                  : Optional.empty()));
    }
    return new NodeOus(enable.asBoolean(false), identifiers);
  }

  /** This section as cryptogen lays out {@code config.yaml}. */
  public String render() {
    StringBuilder text = new StringBuilder("NodeOUs:\n  Enable: ").append(enabled).append('\n');
    for (NodeOu kind : ORDER) {
      Identifier identifier = identifiers.get(kind);
      if (identifier == null) {
        continue;
      }
      text.append("  ").append(KEYS.get(kind)).append(":\n");
      identifier
          .certificate()
          .ifPresent(c -> text.append("    Certificate: ").append(c).append('\n'));
      text.append("    OrganizationalUnitIdentifier: ")
          .append(identifier.organizationalUnit())
          .append('\n');
    }
    return text.toString();
  }

  /**
   * The kinds whose OU the certificate's subject holds: with NodeOUs on, by this file's
   * identifiers; off, by {@link NodeOu}'s default OUs. An identity has a kind when exactly one
   * matches.
   */
  public Set<NodeOu> kindsOf(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    Set<String> ous =
        Arrays.stream(subject.getRDNs(BCStyle.OU))
            .map(RDN::getFirst)
            .map(value -> IETFUtils.valueToString(value.getValue()))
            .collect(Collectors.toSet());
    return Arrays.stream(NodeOu.values())
        .filter(
            kind ->
                enabled
                    ? identifiers.containsKey(kind)
                        && ous.contains(identifiers.get(kind).organizationalUnit())
                    : ous.contains(kind.ou()))
        .collect(Collectors.toSet());
  }
}
