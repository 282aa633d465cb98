package io.twinledger.network.msp;

import io.twinledger.network.Consortium;
import io.twinledger.network.org.Organisation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded mode's MSPs: per organisation of the consortium, a CA and the peer, admin and client
 * identities it issued, kept as PEM files so that they survive restarts.
 *
 * <p>Layout, under the directory given (TwinLedger passes {@code <data-dir>/fabric}):
 *
 * <pre>
 * &lt;mspId&gt;/ca/cert.pem      &lt;mspId&gt;/ca/key.pem
 * &lt;mspId&gt;/peer/cert.pem    &lt;mspId&gt;/peer/key.pem
 * &lt;mspId&gt;/admin/cert.pem   &lt;mspId&gt;/admin/key.pem
 * &lt;mspId&gt;/client/cert.pem  &lt;mspId&gt;/client/key.pem
 * </pre>
 *
 * <p>An organisation's directory is made whole in a temporary directory and then renamed into
 * place, so a crash never leaves half an MSP under its final name. Key files and the directories
 * are owner-only on POSIX file systems. An existing directory is loaded and checked (every
 * certificate chains to its CA and is valid now, every key matches its certificate), never
 * regenerated: a damaged one stops the start with an {@link InvalidMspDirectoryException}. The CA
 * key is kept beside its certificate so that more identities can be issued later; in embedded mode
 * every organisation lives in the one TwinLedger process anyway.
 */
public final class MspDirectory {

  /** How long generated CAs and identities are valid. */
  public static final Duration VALIDITY = Duration.ofDays(10 * 365);

  /** How far back generated certificates start, to tolerate clocks slightly behind this one. */
  public static final Duration BACKDATING = Duration.ofHours(1);

  private static final String CA = "ca";
  private static final String CERTIFICATE = "cert.pem";
  private static final String PRIVATE_KEY = "key.pem";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;
  private final List<OrgMsp> organisations;
  private final Clock clock;

  private MspDirectory(Path root, List<OrgMsp> organisations, Clock clock) {
    this.root = root;
    this.organisations = List.copyOf(organisations);
    this.clock = clock;
  }

  /** The consortium's MSPs under {@code root}, created on first use; validity checked now. */
  public static MspDirectory openOrCreate(Path root, Consortium consortium) {
    return openOrCreate(root, consortium, Clock.systemUTC());
  }

  /**
   * The consortium's MSPs under {@code root}: loaded for organisations that have a directory,
   * generated for the others; validity is judged and new certificates dated by {@code clock}.
   *
   * @throws InvalidMspDirectoryException if an existing organisation directory is damaged
   * @throws UncheckedIOException if the directory cannot be read or written
   */
  public static MspDirectory openOrCreate(Path root, Consortium consortium, Clock clock) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(consortium, "consortium");
    Objects.requireNonNull(clock, "clock");
    try {
      Files.createDirectories(root);
      List<OrgMsp> msps = new ArrayList<>();
      for (Organisation org : consortium.organisations()) {
        Path directory = root.resolve(org.mspId());
        if (!Files.isDirectory(directory)) {
          create(root, org, clock);
        }
        msps.add(load(directory, org.mspId(), clock.instant()));
      }
      return new MspDirectory(root, msps, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the MSP directory " + root, e);
    }
  }

  /** The directory the MSPs live under. */
  public Path root() {
    return root;
  }

  /** The directory of one organisation's MSP. */
  public Path directoryOf(String mspId) {
    return root.resolve(mspId);
  }

  /** Every organisation's MSP, in the consortium's order. */
  public List<OrgMsp> organisations() {
    return organisations;
  }

  /** The MSP of {@code mspId}, if it is an organisation of the consortium. */
  public Optional<OrgMsp> organisation(String mspId) {
    return organisations.stream().filter(o -> o.mspId().equals(mspId)).findFirst();
  }

  /** A verifier trusting these MSPs' CAs, at this directory's clock. */
  public MspVerifier verifier() {
    return MspVerifier.of(organisations, clock);
  }

  private static void create(Path root, Organisation org, Clock clock) throws IOException {
    Instant notBefore = clock.instant().minus(BACKDATING);
    Instant notAfter = notBefore.plus(VALIDITY);
    CertificateAuthority ca =
        CertificateAuthority.create(org.mspId(), org.name(), org.domain(), notBefore, notAfter);
    Path staging =
        root.resolve(
            ".%s.%s.tmp".formatted(org.mspId(), HexFormat.of().toHexDigits(RANDOM.nextLong())));
    PemFiles.createPrivateDirectory(staging);
    try {
      write(staging.resolve(CA), ca.certificate(), ca.privateKey());
      write(staging, ca.issue(org.peerHost(), NodeOu.PEER, notBefore, notAfter));
      write(staging, ca.issue("Admin@" + org.domain(), NodeOu.ADMIN, notBefore, notAfter));
      write(staging, ca.issue("twinledger@" + org.domain(), NodeOu.CLIENT, notBefore, notAfter));
      Path target = root.resolve(org.mspId());
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staging, target);
      } catch (IOException e) {
        // Another process may have made the directory first; then its identities win.
        if (!Files.isDirectory(target)) {
          throw e;
        }
      }
    } finally {
      if (Files.exists(staging)) {
        deleteTree(staging);
      }
    }
  }

  private static void write(Path staging, MspIdentity identity) throws IOException {
    write(staging.resolve(identity.nodeOu().ou()), identity.certificate(), identity.privateKey());
  }

  private static void write(Path directory, X509Certificate certificate, PrivateKey key)
      throws IOException {
    PemFiles.createPrivateDirectory(directory);
    PemFiles.writeCertificate(directory.resolve(CERTIFICATE), certificate);
    PemFiles.writePrivateKey(directory.resolve(PRIVATE_KEY), key);
  }

  private static OrgMsp load(Path directory, String mspId, Instant now) {
    Path caCertificateFile = directory.resolve(CA).resolve(CERTIFICATE);
    X509Certificate caCertificate = PemFiles.readCertificate(caCertificateFile);
    PrivateKey caKey = PemFiles.readPrivateKey(directory.resolve(CA).resolve(PRIVATE_KEY));
    if (caCertificate.getBasicConstraints() < 0
        || !MspVerifier.issuedBy(caCertificate, caCertificate)) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.NOT_A_CA,
          caCertificateFile,
          caCertificate.getSubjectX500Principal().getName()
              + " is not a self-signed CA certificate");
    }
    checkPair(caCertificateFile, caCertificate, caKey, now);
    CertificateAuthority ca = new CertificateAuthority(mspId, caCertificate, caKey);
    return new OrgMsp(
        mspId,
        ca,
        loadIdentity(directory, ca, NodeOu.PEER, now),
        loadIdentity(directory, ca, NodeOu.ADMIN, now),
        loadIdentity(directory, ca, NodeOu.CLIENT, now));
  }

  private static MspIdentity loadIdentity(
      Path directory, CertificateAuthority ca, NodeOu nodeOu, Instant now) {
    Path certificateFile = directory.resolve(nodeOu.ou()).resolve(CERTIFICATE);
    X509Certificate certificate = PemFiles.readCertificate(certificateFile);
    PrivateKey key = PemFiles.readPrivateKey(directory.resolve(nodeOu.ou()).resolve(PRIVATE_KEY));
    if (!MspVerifier.issuedBy(certificate, ca.certificate())) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.NOT_ISSUED_BY_CA,
          certificateFile,
          certificate.getSubjectX500Principal().getName()
              + " does not chain to "
              + ca.mspId()
              + "'s CA "
              + ca.certificate().getSubjectX500Principal().getName());
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
    checkPair(certificateFile, certificate, key, now);
    return new MspIdentity(ca.mspId(), nodeOu, certificate, key);
  }

  /** Checks that {@code key} signs for {@code certificate} and that it is valid {@code now}. */
  private static void checkPair(
      Path certificateFile, X509Certificate certificate, PrivateKey key, Instant now) {
    byte[] probe = new byte[32];
    RANDOM.nextBytes(probe);
    boolean matches;
    try {
      Signature signer = Signature.getInstance(CertificateAuthority.SIGNATURE_ALGORITHM);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(CertificateAuthority.SIGNATURE_ALGORITHM);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.KEY_MISMATCH,
          certificateFile.resolveSibling(PRIVATE_KEY),
          "is not the private key of " + certificate.getSubjectX500Principal().getName());
    }
    try {
      certificate.checkValidity(Date.from(now));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.NOT_VALID_NOW,
          certificateFile,
          "is valid from "
              + certificate.getNotBefore().toInstant()
              + " to "
              + certificate.getNotAfter().toInstant()
              + ", not at "
              + now);
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
