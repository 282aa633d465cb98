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
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded mode's MSPs: per organisation of the consortium, a CA and the peer, admin and client
 * identities it issued, a TLS CA and the TLS certificates it issued, kept as PEM files in {@code
 * cryptogen}'s own tree so that they survive restarts and so that Fabric tools, and TwinLedger's
 * {@code fabric} mode, read them as they read cryptogen's output.
 *
 * <p>Layout, under the directory given (TwinLedger passes {@code <data-dir>/fabric}), per
 * organisation ({@link PeerOrgLayout}):
 *
 * <pre>
 * peerOrganizations/&lt;domain&gt;/ca/ca.&lt;domain&gt;-cert.pem, priv_sk
 * peerOrganizations/&lt;domain&gt;/tlsca/tlsca.&lt;domain&gt;-cert.pem, priv_sk
 * peerOrganizations/&lt;domain&gt;/msp/{cacerts,tlscacerts,config.yaml}
 * peerOrganizations/&lt;domain&gt;/peers/peer0.&lt;domain&gt;/msp/     (OU peer)
 * peerOrganizations/&lt;domain&gt;/peers/peer0.&lt;domain&gt;/tls/{ca.crt,server.crt,server.key}
 * peerOrganizations/&lt;domain&gt;/users/Admin@&lt;domain&gt;/msp/      (OU admin)
 * peerOrganizations/&lt;domain&gt;/users/User1@&lt;domain&gt;/msp/      (OU client, CN twinledger@&lt;domain&gt;)
 * peerOrganizations/&lt;domain&gt;/users/User1@&lt;domain&gt;/tls/{ca.crt,client.crt,client.key}
 * peerOrganizations/&lt;domain&gt;/users/&lt;name&gt;@&lt;domain&gt;/msp/     (named clients, OU client, CN &lt;name&gt;)
 * </pre>
 *
 * <p>Each {@code msp/} is a {@link FabricMsp} ({@code signcerts/}, {@code keystore/priv_sk}, {@code
 * cacerts/}, {@code tlscacerts/}, {@code config.yaml} with NodeOUs). {@code User1} is the
 * application user, which signs TwinLedger's gateway transactions; its certificate's common name is
 * {@code twinledger@<domain>}. The named clients ({@link #namedClient}), such as one per household
 * of the energy community, sign their own transactions so that the chaincode can tell them apart by
 * certificate subject; their names are lower case, so they never clash with {@code Admin} or {@code
 * User1}. The peer's TLS server certificate names {@code localhost}, {@code 127.0.0.1} and the
 * peer's host name.
 *
 * <p>An organisation's tree is made whole in a temporary directory and then renamed into place, so
 * a crash never leaves half an MSP under its final name. Key files and the directories are
 * owner-only on POSIX file systems. An existing tree is loaded and checked (every certificate
 * chains to its CA and is valid now, every key matches its certificate, each identity has its node
 * OU), never regenerated: a damaged one stops the start with an {@link
 * InvalidMspDirectoryException}; to issue new identities, remove the organisation's directory. The
 * CA keys are kept beside their certificates so that more identities can be issued later; in
 * embedded mode every organisation lives in the one TwinLedger process anyway.
 *
 * <p>Directories written by earlier versions ({@code <mspId>/{ca,peer,admin,client}/{cert.pem,
 * key.pem}} and {@code <mspId>/clients/<name>/}) are migrated on open, once: their CA, identities
 * and keys are checked as before and written into the new tree unchanged (the ledger holds their
 * certificates), with a new TLS CA and TLS certificates; then the old directory is removed.
 */
public final class MspDirectory {

  /** How long generated CAs and identities are valid. */
  public static final Duration VALIDITY = Duration.ofDays(10 * 365);

  /** How far back generated certificates start, to tolerate clocks slightly behind this one. */
  public static final Duration BACKDATING = Duration.ofHours(1);

  /**
   * A named client's name: lower-case letters, digits, '.', '_' and '-', starting with a letter or
   * digit. It is the certificate's common name and part of a directory name, so it may not be
   * {@code .} or {@code ..} nor contain a separator.
   */
  public static final Pattern CLIENT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** The IP addresses a peer's TLS server certificate names besides its host names. */
  static final List<String> PEER_TLS_IPS = List.of("127.0.0.1");

  /** The DNS names a peer's TLS server certificate names besides its host name. */
  static final List<String> PEER_TLS_HOSTS = List.of("localhost");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;
  private final List<OrgMsp> organisations;
  private final Map<String, PeerOrgLayout> layouts;
  private final Clock clock;

  private MspDirectory(
      Path root, List<OrgMsp> organisations, Map<String, PeerOrgLayout> layouts, Clock clock) {
    this.root = root;
    this.organisations = List.copyOf(organisations);
    this.layouts = Map.copyOf(layouts);
    this.clock = clock;
  }

  /** The consortium's MSPs under {@code root}, created on first use; validity checked now. */
  public static MspDirectory openOrCreate(Path root, Consortium consortium) {
    return openOrCreate(root, consortium, Clock.systemUTC());
  }

  /**
   * The consortium's MSPs under {@code root}: loaded for organisations that have a directory,
   * migrated from the earlier layout for those that have one of that, generated for the others;
   * validity is judged and new certificates dated by {@code clock}.
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
      Path organisationsDirectory = root.resolve(PeerOrgLayout.PEER_ORGANIZATIONS);
      List<OrgMsp> msps = new ArrayList<>();
      Map<String, PeerOrgLayout> layouts = new LinkedHashMap<>();
      for (Organisation org : consortium.organisations()) {
        PeerOrgLayout layout = PeerOrgLayout.of(org);
        Path directory = root.resolve(layout.directory());
        if (!Files.isDirectory(directory)) {
          createIfAbsent(organisationsDirectory);
          Optional<Contents> legacy = LegacyOrgMsp.load(root, org, clock.instant());
          Instant notBefore = clock.instant().minus(BACKDATING);
          write(root, org, legacy.isPresent() ? legacy.get() : generate(org, notBefore), notBefore);
        }
        OrgMsp msp = load(root, layout, org.mspId(), clock);
        LegacyOrgMsp.removeMigrated(root, org, msp.caCertificate());
        msps.add(msp);
        layouts.put(org.mspId(), layout);
      }
      return new MspDirectory(root, msps, layouts, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the MSP directory " + root, e);
    }
  }

  /** The directory the MSPs live under. */
  public Path root() {
    return root;
  }

  /** The directory of one organisation's tree: {@code <root>/peerOrganizations/<domain>}. */
  public Path directoryOf(String mspId) {
    return root.resolve(layout(mspId).directory());
  }

  /** Where one organisation's files are, relative to {@link #root()}. */
  public PeerOrgLayout layout(String mspId) {
    PeerOrgLayout layout = layouts.get(mspId);
    if (layout == null) {
      throw new IllegalArgumentException("no organisation " + mspId + " in " + root);
    }
    return layout;
  }

  /** The file of {@code mspId}'s TLS CA certificate, which clients of its peer trust. */
  public Path tlsCaCertificateFile(String mspId) {
    return root.resolve(layout(mspId).tlsCaCertificate());
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
   * users/<name>@<domain>/msp} if it was issued before, issued now by the organisation's CA
   * otherwise. Its subject is {@code CN=<name>, OU=client, O=<organisation>}; it is valid for
   * {@link #VALIDITY} from {@link #BACKDATING} before now. A stored one gets the same checks as the
   * organisation's own identities (chains to the CA, node OU client, key matches, valid now) and
   * must carry {@code name} as its common name. A named client has no TLS certificate: it signs
   * transactions that TwinLedger's own connection carries.
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
    PeerOrgLayout layout = layout(mspId);
    Path directory = root.resolve(layout.user(name));
    try {
      if (!Files.isDirectory(directory)) {
        Instant notBefore = clock.instant().minus(BACKDATING);
        MspIdentity issued =
            msp.ca().issue(name, NodeOu.CLIENT, notBefore, notBefore.plus(VALIDITY));
        Path staging = staging(directory.getParent(), name);
        try {
          PemFiles.createPrivateDirectory(staging);
          FabricMsp.write(
              staging.resolve("msp"),
              layout.userName(name),
              issued,
              msp.caCertificate(),
              msp.tlsCaCertificate());
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
    Path mspDirectory = root.resolve(layout.userMsp(name));
    MspIdentity client = loadIdentity(mspDirectory, msp.ca(), NodeOu.CLIENT, clock);
    String commonName = CertificateChecks.commonName(client.certificate());
    if (!name.equals(commonName)) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.WRONG_NAME,
          signcert(mspDirectory, layout.userName(name)),
          "has common name " + commonName + " where client " + name + " belongs");
    }
    return client;
  }

  /** The names of the named clients of {@code mspId} issued so far, sorted. */
  public List<String> namedClients(String mspId) {
    PeerOrgLayout layout = layout(mspId);
    Path users = root.resolve(layout.users());
    String suffix = "@" + layout.domain();
    try (Stream<Path> entries = Files.list(users)) {
      return entries
          .filter(Files::isDirectory)
          .map(path -> path.getFileName().toString())
          .filter(entry -> entry.endsWith(suffix))
          .map(entry -> entry.substring(0, entry.length() - suffix.length()))
          .filter(name -> CLIENT_NAME.matcher(name).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the clients of " + mspId, e);
    }
  }

  /** What an organisation's tree is written from: generated now, or migrated. */
  record Contents(
      CertificateAuthority ca,
      MspIdentity peer,
      MspIdentity admin,
      MspIdentity client,
      Map<String, MspIdentity> namedClients) {}

  private static Contents generate(Organisation org, Instant notBefore) {
    Instant notAfter = notBefore.plus(VALIDITY);
    CertificateAuthority ca =
        CertificateAuthority.create(org.mspId(), org.name(), org.domain(), notBefore, notAfter);
    return new Contents(
        ca,
        ca.issue(org.peerHost(), NodeOu.PEER, notBefore, notAfter),
        ca.issue(PeerOrgLayout.ADMIN + "@" + org.domain(), NodeOu.ADMIN, notBefore, notAfter),
        ca.issue("twinledger@" + org.domain(), NodeOu.CLIENT, notBefore, notAfter),
        Map.of());
  }

  /**
   * Writes {@code org}'s tree from {@code contents} with a new TLS CA and TLS certificates, in a
   * staging directory renamed into place.
   */
  private static void write(Path root, Organisation org, Contents contents, Instant notBefore)
      throws IOException {
    Instant notAfter = notBefore.plus(VALIDITY);
    PeerOrgLayout layout = PeerOrgLayout.of(org);
    CertificateAuthority tlsCa =
        CertificateAuthority.createTls(org.mspId(), org.name(), org.domain(), notBefore, notAfter);
    TlsCredentials peerTls =
        tlsCa.issueTlsServer(org.peerHost(), PEER_TLS_HOSTS, PEER_TLS_IPS, notBefore, notAfter);
    TlsCredentials clientTls =
        tlsCa.issueTlsClient(layout.userName(PeerOrgLayout.USER1), notBefore, notAfter);
    X509Certificate caCertificate = contents.ca().certificate();

    Path target = root.resolve(layout.directory());
    Path staging = staging(target.getParent(), org.domain());
    try {
      PemFiles.createPrivateDirectory(staging);
      writePair(
          in(staging, layout, layout.caCertificate()),
          in(staging, layout, layout.caKey()),
          caCertificate,
          contents.ca().privateKey());
      writePair(
          in(staging, layout, layout.tlsCaCertificate()),
          in(staging, layout, layout.tlsCaKey()),
          tlsCa.certificate(),
          tlsCa.privateKey());
      FabricMsp.writeVerifying(
          in(staging, layout, layout.msp()), caCertificate, tlsCa.certificate());

      createDirectories(staging, in(staging, layout, layout.peer()));
      FabricMsp.write(
          in(staging, layout, layout.peerMsp()),
          org.peerHost(),
          contents.peer(),
          caCertificate,
          tlsCa.certificate());
      writeTls(
          in(staging, layout, layout.peerTls()),
          PeerOrgLayout.SERVER_CERTIFICATE,
          PeerOrgLayout.SERVER_KEY,
          peerTls);

      createDirectories(staging, in(staging, layout, layout.users()));
      for (var user :
          List.of(
              Map.entry(PeerOrgLayout.ADMIN, contents.admin()),
              Map.entry(PeerOrgLayout.USER1, contents.client()))) {
        PemFiles.createPrivateDirectory(in(staging, layout, layout.user(user.getKey())));
        FabricMsp.write(
            in(staging, layout, layout.userMsp(user.getKey())),
            layout.userName(user.getKey()),
            user.getValue(),
            caCertificate,
            tlsCa.certificate());
      }
      writeTls(
          in(staging, layout, layout.userTls(PeerOrgLayout.USER1)),
          PeerOrgLayout.CLIENT_CERTIFICATE,
          PeerOrgLayout.CLIENT_KEY,
          clientTls);
      for (var named : contents.namedClients().entrySet()) {
        PemFiles.createPrivateDirectory(in(staging, layout, layout.user(named.getKey())));
        FabricMsp.write(
            in(staging, layout, layout.userMsp(named.getKey())),
            layout.userName(named.getKey()),
            named.getValue(),
            caCertificate,
            tlsCa.certificate());
      }
      moveIntoPlace(staging, target);
    } finally {
      if (Files.exists(staging)) {
        deleteTree(staging);
      }
    }
  }

  /**
   * Where {@code path} of {@code layout} goes while the tree is staged: the staging directory
   * stands for {@code peerOrganizations/<domain>}.
   */
  private static Path in(Path staging, PeerOrgLayout layout, String path) {
    return staging.resolve(path.substring(layout.directory().length() + 1));
  }

  /** Creates the owner-only directories from {@code staging} down to {@code directory}. */
  private static void createDirectories(Path staging, Path directory) throws IOException {
    Path current = staging;
    for (Path part : staging.relativize(directory)) {
      current = current.resolve(part.toString());
      if (!Files.isDirectory(current)) {
        PemFiles.createPrivateDirectory(current);
      }
    }
  }

  private static void writePair(
      Path certificateFile, Path keyFile, X509Certificate certificate, PrivateKey key)
      throws IOException {
    PemFiles.createPrivateDirectory(certificateFile.getParent());
    PemFiles.writeCertificate(certificateFile, certificate);
    PemFiles.writePrivateKey(keyFile, key);
  }

  private static void writeTls(
      Path directory, String certificateName, String keyName, TlsCredentials tls)
      throws IOException {
    PemFiles.createPrivateDirectory(directory);
    PemFiles.writeCertificate(directory.resolve(PeerOrgLayout.TLS_CA), tls.caCertificate());
    PemFiles.writeCertificate(directory.resolve(certificateName), tls.certificate());
    PemFiles.writePrivateKey(directory.resolve(keyName), tls.privateKey());
  }

  private static OrgMsp load(Path root, PeerOrgLayout layout, String mspId, Clock clock) {
    Instant now = clock.instant();
    CertificateAuthority ca =
        loadCa(root.resolve(layout.caCertificate()), root.resolve(layout.caKey()), mspId, now);
    CertificateAuthority tlsCa =
        loadCa(
            root.resolve(layout.tlsCaCertificate()), root.resolve(layout.tlsCaKey()), mspId, now);
    return new OrgMsp(
        mspId,
        ca,
        loadIdentity(root.resolve(layout.peerMsp()), ca, NodeOu.PEER, clock),
        loadIdentity(root.resolve(layout.userMsp(PeerOrgLayout.ADMIN)), ca, NodeOu.ADMIN, clock),
        loadIdentity(root.resolve(layout.userMsp(PeerOrgLayout.USER1)), ca, NodeOu.CLIENT, clock),
        tlsCa,
        loadTls(
            root.resolve(layout.peerTls()),
            PeerOrgLayout.SERVER_CERTIFICATE,
            PeerOrgLayout.SERVER_KEY,
            tlsCa,
            now),
        loadTls(
            root.resolve(layout.userTls(PeerOrgLayout.USER1)),
            PeerOrgLayout.CLIENT_CERTIFICATE,
            PeerOrgLayout.CLIENT_KEY,
            tlsCa,
            now));
  }

  /** A self-signed CA whose key matches and which is valid now. */
  static CertificateAuthority loadCa(
      Path certificateFile, Path keyFile, String mspId, Instant now) {
    X509Certificate certificate = PemFiles.readCertificate(certificateFile);
    PrivateKey key = PemFiles.readPrivateKey(keyFile);
    if (certificate.getBasicConstraints() < 0 || !MspVerifier.issuedBy(certificate, certificate)) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.NOT_A_CA,
          certificateFile,
          CertificateChecks.subject(certificate) + " is not a self-signed CA certificate");
    }
    throwFirst(
        CertificateChecks.keyMismatch(keyFile, certificate, key),
        CertificateChecks.notValidAt(certificateFile, certificate, now));
    return new CertificateAuthority(mspId, certificate, key);
  }

  /**
   * The identity of the local MSP in {@code directory}, issued by {@code ca} with {@code nodeOu}.
   */
  private static MspIdentity loadIdentity(
      Path directory, CertificateAuthority ca, NodeOu nodeOu, Clock clock) {
    FabricMsp msp = FabricMsp.read(directory, ca.mspId(), clock);
    X509Certificate certificate = msp.identity().certificate();
    if (!MspVerifier.issuedBy(certificate, ca.certificate())) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.NOT_ISSUED_BY_CA,
          msp.certificateFile(),
          CertificateChecks.subject(certificate)
              + " does not chain to "
              + ca.mspId()
              + "'s CA "
              + CertificateChecks.subject(ca.certificate()));
    }
    if (msp.identity().nodeOu() != nodeOu) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.WRONG_NODE_OU,
          msp.certificateFile(),
          "has node OU " + msp.identity().nodeOu().ou() + " where " + nodeOu.ou() + " belongs");
    }
    return msp.identity();
  }

  /** The TLS certificate and key in {@code directory}, issued by {@code tlsCa}, valid now. */
  private static TlsCredentials loadTls(
      Path directory,
      String certificateName,
      String keyName,
      CertificateAuthority tlsCa,
      Instant now) {
    Path caFile = directory.resolve(PeerOrgLayout.TLS_CA);
    Path certificateFile = directory.resolve(certificateName);
    Path keyFile = directory.resolve(keyName);
    X509Certificate caCertificate = PemFiles.readCertificate(caFile);
    X509Certificate certificate = PemFiles.readCertificate(certificateFile);
    PrivateKey key = PemFiles.readPrivateKey(keyFile);
    if (!caCertificate.equals(tlsCa.certificate())) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.NOT_ISSUED_BY_CA,
          caFile,
          "is "
              + CertificateChecks.subject(caCertificate)
              + ", not the organisation's TLS CA "
              + CertificateChecks.subject(tlsCa.certificate()));
    }
    if (!MspVerifier.issuedBy(certificate, tlsCa.certificate())) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.NOT_ISSUED_BY_CA,
          certificateFile,
          CertificateChecks.subject(certificate)
              + " does not chain to "
              + tlsCa.mspId()
              + "'s TLS CA "
              + CertificateChecks.subject(tlsCa.certificate()));
    }
    throwFirst(
        CertificateChecks.keyMismatch(keyFile, certificate, key),
        CertificateChecks.notValidAt(certificateFile, certificate, now));
    return new TlsCredentials(certificate, key, caCertificate);
  }

  @SafeVarargs
  private static void throwFirst(Optional<MspFault>... checks) {
    for (Optional<MspFault> fault : checks) {
      if (fault.isPresent()) {
        throw new InvalidMspDirectoryException(List.of(fault.get()));
      }
    }
  }

  /** The signing certificate's file in a local MSP written here. */
  private static Path signcert(Path mspDirectory, String name) {
    return mspDirectory.resolve(FabricMsp.SIGNCERTS).resolve(name + "-cert.pem");
  }

  static void createIfAbsent(Path directory) throws IOException {
    try {
      PemFiles.createPrivateDirectory(directory);
    } catch (FileAlreadyExistsException e) {
      // Made by another process meanwhile: the same directory either way.
    }
  }

  static Path staging(Path parent, String name) {
    return parent.resolve(
        ".%s.%s.tmp".formatted(name, HexFormat.of().toHexDigits(RANDOM.nextLong())));
  }

  /** Renames a complete {@code staging} directory to {@code target}, unless one got there first. */
  static void moveIntoPlace(Path staging, Path target) throws IOException {
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

  static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
