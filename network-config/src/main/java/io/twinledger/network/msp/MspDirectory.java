package io.twinledger.network.msp;

import io.twinledger.network.Consortium;
import io.twinledger.network.org.Organisation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

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
 * &lt;mspId&gt;/clients/&lt;name&gt;/cert.pem  &lt;mspId&gt;/clients/&lt;name&gt;/key.pem
 * </pre>
 *
 * <p>The {@code clients/} entries are named client identities issued on demand ({@link
 * #namedClient}), such as one per household of the energy community, so that each signs its own
 * transactions and the chaincode can tell them apart by certificate subject.
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

  /**
   * A named client's name: lower-case letters, digits, '.', '_' and '-', starting with a letter or
   * digit. It is the certificate's common name and a directory name, so it may not be {@code .} or
   * {@code ..} nor contain a separator.
   */
  public static final Pattern CLIENT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private static final String CA = "ca";
  private static final String NAMED_CLIENTS = "clients";
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

  /**
   * The client identity {@code name} of organisation {@code mspId}: loaded from {@code
   * <mspId>/clients/<name>/} if it was issued before, issued now by the organisation's CA
   * otherwise. Its subject is {@code CN=<name>, OU=client, O=<organisation>}; it is valid for
   * {@link #VALIDITY} from {@link #BACKDATING} before now. A stored one gets the same checks as the
   * organisation's own identities (chains to the CA, node OU client, key matches, valid now) and
   * must carry {@code name} as its common name.
   *
   * @throws IllegalArgumentException if {@code mspId} is not an organisation here or {@code name}
   *     does not match {@link #CLIENT_NAME}
   * @throws InvalidMspDirectoryException if the stored identity is damaged
   * @throws UncheckedIOException if the directory cannot be read or written
   */
  public synchronized MspIdentity namedClient(String mspId, String name) {
    OrgMsp msp =
        organisation(mspId)
            .orElseThrow(
                () -> new IllegalArgumentException("no organisation " + mspId + " in " + root));
    if (name == null || !CLIENT_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a client name must match " + CLIENT_NAME.pattern() + ", was '" + name + "'");
    }
    Path clients = directoryOf(mspId).resolve(NAMED_CLIENTS);
    Path directory = clients.resolve(name);
    try {
      if (!Files.isDirectory(directory)) {
        if (!Files.isDirectory(clients)) {
          createIfAbsent(clients);
        }
        Instant notBefore = clock.instant().minus(BACKDATING);
        MspIdentity issued =
            msp.ca().issue(name, NodeOu.CLIENT, notBefore, notBefore.plus(VALIDITY));
        Path staging = staging(clients, name);
        try {
          write(staging, issued.certificate(), issued.privateKey());
          moveIntoPlace(staging, directory);
        } finally {
          if (Files.exists(staging)) {
            deleteTree(staging);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot issue client " + name + " of " + mspId, e);
    }
    MspIdentity client = loadIdentity(directory, msp.ca(), NodeOu.CLIENT, clock.instant());
    String commonName = commonName(client.certificate());
    if (!name.equals(commonName)) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.WRONG_NAME,
          directory.resolve(CERTIFICATE),
          "has common name " + commonName + " where client " + name + " belongs");
    }
    return client;
  }

  /** The names of the named clients of {@code mspId} issued so far, sorted. */
  public List<String> namedClients(String mspId) {
    Path clients = directoryOf(mspId).resolve(NAMED_CLIENTS);
    if (!Files.isDirectory(clients)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(clients)) {
      return entries
          .filter(Files::isDirectory)
          .map(path -> path.getFileName().toString())
          .filter(entry -> CLIENT_NAME.matcher(entry).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the clients of " + mspId, e);
    }
  }

  private static String commonName(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    RDN[] names = subject.getRDNs(BCStyle.CN);
    return names.length == 1 ? IETFUtils.valueToString(names[0].getFirst().getValue()) : "(none)";
  }

  private static void createIfAbsent(Path directory) throws IOException {
    try {
      PemFiles.createPrivateDirectory(directory);
    } catch (FileAlreadyExistsException e) {
      // Made by another process meanwhile: the same directory either way.
    }
  }

  private static Path staging(Path parent, String name) {
    return parent.resolve(
        ".%s.%s.tmp".formatted(name, HexFormat.of().toHexDigits(RANDOM.nextLong())));
  }

  /** Renames a complete {@code staging} directory to {@code target}, unless one got there first. */
  private static void moveIntoPlace(Path staging, Path target) throws IOException {
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
  }

  private static void create(Path root, Organisation org, Clock clock) throws IOException {
    Instant notBefore = clock.instant().minus(BACKDATING);
    Instant notAfter = notBefore.plus(VALIDITY);
    CertificateAuthority ca =
        CertificateAuthority.create(org.mspId(), org.name(), org.domain(), notBefore, notAfter);
    Path staging = staging(root, org.mspId());
    PemFiles.createPrivateDirectory(staging);
    try {
      write(staging.resolve(CA), ca.certificate(), ca.privateKey());
      write(staging, ca.issue(org.peerHost(), NodeOu.PEER, notBefore, notAfter));
      write(staging, ca.issue("Admin@" + org.domain(), NodeOu.ADMIN, notBefore, notAfter));
      write(staging, ca.issue("twinledger@" + org.domain(), NodeOu.CLIENT, notBefore, notAfter));
      moveIntoPlace(staging, root.resolve(org.mspId()));
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
        loadIdentity(directory.resolve(NodeOu.PEER.ou()), ca, NodeOu.PEER, now),
        loadIdentity(directory.resolve(NodeOu.ADMIN.ou()), ca, NodeOu.ADMIN, now),
        loadIdentity(directory.resolve(NodeOu.CLIENT.ou()), ca, NodeOu.CLIENT, now));
  }

  /** The identity whose {@code cert.pem} and {@code key.pem} are in {@code directory}, checked. */
  private static MspIdentity loadIdentity(
      Path directory, CertificateAuthority ca, NodeOu nodeOu, Instant now) {
    Path certificateFile = directory.resolve(CERTIFICATE);
    X509Certificate certificate = PemFiles.readCertificate(certificateFile);
    PrivateKey key = PemFiles.readPrivateKey(directory.resolve(PRIVATE_KEY));
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
