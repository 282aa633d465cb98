package io.twinledger.network.msp;

import io.twinledger.network.org.Organisation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An organisation's MSP as versions before the cryptogen layout wrote it, read once to migrate it:
 *
 * <pre>
 * &lt;mspId&gt;/{ca,peer,admin,client}/{cert.pem,key.pem}
 * &lt;mspId&gt;/clients/&lt;name&gt;/{cert.pem,key.pem}
 * </pre>
 *
 * <p>Its files get the checks they always had (every certificate chains to the CA, matches its key,
 * has its node OU and is valid now; a named client carries its name), so a damaged directory stops
 * the start instead of being migrated. Once the new tree holds the same CA, {@link #removeMigrated}
 * removes the old directory: first renamed out of the way in one step, so that a crash midway
 * leaves either the whole old directory (removed again on the next start) or a renamed remnant
 * (deleted on the next start), never a half-deleted one that looks unmigrated.
 */
final class LegacyOrgMsp {

  private static final String CERTIFICATE = "cert.pem";
  private static final String PRIVATE_KEY = "key.pem";
  private static final String NAMED_CLIENTS = "clients";

  private LegacyOrgMsp() {}

  /** The old directory of {@code org}: {@code <root>/<mspId>}. */
  static Path directory(Path root, Organisation org) {
    return root.resolve(org.mspId());
  }

  /** Where an old directory is renamed to before it is deleted. */
  private static Path remnant(Path root, Organisation org) {
    return root.resolve("." + org.mspId() + ".migrated");
  }

  /**
   * The identities in {@code org}'s old directory, checked at {@code now}, if it has one.
   *
   * @throws InvalidMspDirectoryException if the old directory is damaged
   */
  static Optional<MspDirectory.Contents> load(Path root, Organisation org, Instant now) {
    Path directory = directory(root, org);
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    CertificateAuthority ca =
        MspDirectory.loadCa(
            directory.resolve("ca").resolve(CERTIFICATE),
            directory.resolve("ca").resolve(PRIVATE_KEY),
            org.mspId(),
            now);
    Map<String, MspIdentity> named = new LinkedHashMap<>();
    for (String name : namedClients(directory)) {
      Path clientDirectory = directory.resolve(NAMED_CLIENTS).resolve(name);
      MspIdentity client = identity(clientDirectory, ca, NodeOu.CLIENT, now);
      String commonName = CertificateChecks.commonName(client.certificate());
      if (!name.equals(commonName)) {
        throw new InvalidMspDirectoryException(
            MspFileProblem.WRONG_NAME,
            clientDirectory.resolve(CERTIFICATE),
            "has common name " + commonName + " where client " + name + " belongs");
      }
      named.put(name, client);
    }
    return Optional.of(
        new MspDirectory.Contents(
            ca,
            identity(directory.resolve(NodeOu.PEER.ou()), ca, NodeOu.PEER, now),
            identity(directory.resolve(NodeOu.ADMIN.ou()), ca, NodeOu.ADMIN, now),
            identity(directory.resolve(NodeOu.CLIENT.ou()), ca, NodeOu.CLIENT, now),
            named));
  }

  /**
   * Removes {@code org}'s old directory, and any remnant of an earlier removal, once the new tree
   * holds its CA.
   *
   * @throws InvalidMspDirectoryException if the old directory holds another CA than the new tree
   *     (restored from a backup after the migration, say): which one the ledger knows is not for
   *     TwinLedger to guess
   */
  static void removeMigrated(Path root, Organisation org, X509Certificate migratedCa)
      throws IOException {
    Path directory = directory(root, org);
    Path remnant = remnant(root, org);
    if (Files.isDirectory(directory)) {
      Path caFile = directory.resolve("ca").resolve(CERTIFICATE);
      X509Certificate old = PemFiles.readCertificate(caFile);
      if (!old.equals(migratedCa)) {
        throw new InvalidMspDirectoryException(
            MspFileProblem.AMBIGUOUS,
            caFile,
            "is "
                + CertificateChecks.subject(old)
                + " of the old layout, but the migrated tree holds another CA; keep one of "
                + directory
                + " and "
                + root.resolve(PeerOrgLayout.of(org).directory()));
      }
      if (Files.exists(remnant)) {
        MspDirectory.deleteTree(remnant);
      }
      Files.move(directory, remnant);
    }
    if (Files.exists(remnant)) {
      MspDirectory.deleteTree(remnant);
    }
  }

  private static List<String> namedClients(Path directory) {
    Path clients = directory.resolve(NAMED_CLIENTS);
    if (!Files.isDirectory(clients)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(clients)) {
      return entries
          .filter(Files::isDirectory)
          .map(path -> path.getFileName().toString())
          .filter(entry -> MspDirectory.CLIENT_NAME.matcher(entry).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + clients, e);
    }
  }

  /** The identity whose {@code cert.pem} and {@code key.pem} are in {@code directory}, checked. */
  private static MspIdentity identity(
      Path directory, CertificateAuthority ca, NodeOu nodeOu, Instant now) {
    Path certificateFile = directory.resolve(CERTIFICATE);
    Path keyFile = directory.resolve(PRIVATE_KEY);
    X509Certificate certificate = PemFiles.readCertificate(certificateFile);
    PrivateKey key = PemFiles.readPrivateKey(keyFile);
    if (!MspVerifier.issuedBy(certificate, ca.certificate())) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.NOT_ISSUED_BY_CA,
          certificateFile,
          CertificateChecks.subject(certificate)
              + " does not chain to "
              + ca.mspId()
              + "'s CA "
              + CertificateChecks.subject(ca.certificate()));
    }
    Optional<NodeOu> found = NodeOu.of(certificate);
    if (found.isEmpty() || found.get() != nodeOu) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.WRONG_NODE_OU,
          certificateFile,
          "has node OU "
              + found.map(NodeOu::ou).orElse("(none)")
              + " where "
              + nodeOu.ou()
              + " belongs");
    }
    CertificateChecks.keyMismatch(keyFile, certificate, key)
        .or(() -> CertificateChecks.notValidAt(certificateFile, certificate, now))
        .ifPresent(
            fault -> {
              throw new InvalidMspDirectoryException(List.of(fault));
            });
    return new MspIdentity(ca.mspId(), nodeOu, certificate, key);
  }
}
