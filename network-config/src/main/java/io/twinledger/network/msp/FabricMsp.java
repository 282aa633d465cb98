package io.twinledger.network.msp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A local MSP in Fabric's own directory layout, as {@code cryptogen} or a Fabric CA client ({@code
 * fabric-ca-client enroll}) writes it, with its signing identity:
 *
 * <pre>
 * signcerts/&lt;name&gt;-cert.pem     the identity's certificate (exactly one file)
 * keystore/priv_sk              its PKCS#8 EC P-256 key (cryptogen; a Fabric CA names it &lt;hex&gt;_sk);
 *                               exactly one file, owner-only
 * cacerts/*.pem                 the MSP's root CA certificates (at least one)
 * intermediatecerts/*.pem       intermediate CA certificates (optional)
 * tlscacerts/*.pem              the TLS CA certificates (optional)
 * config.yaml                   NodeOUs (optional; without it NodeOUs are off)
 * </pre>
 *
 * <p>The MSP id is not in the directory: Fabric takes it from configuration ({@code
 * CORE_PEER_LOCALMSPID}), and so does {@link #read}. Reading checks what a Fabric peer would refuse
 * the identity for and reports every fault at once, one line each: a missing directory or file, no
 * or several signing certificates or keys, unreadable PEM, a key that is not the certificate's, a
 * certificate no CA of the MSP issued, a certificate or CA not valid now (with the dates), an
 * identity without a node OU. Files whose names start with {@code .} are ignored.
 *
 * @param mspId the MSP id the directory is used as
 * @param directory the MSP directory
 * @param identity the signing identity (its kind from its node OU)
 * @param certificateFile the signing certificate's file, under {@code signcerts/}
 * @param keyFile the private key's file, under {@code keystore/}
 * @param caCertificates the root CA certificates, in file name order
 * @param intermediateCertificates the intermediate CA certificates, in file name order
 * @param tlsCaCertificates the TLS CA certificates, in file name order
 * @param nodeOus the NodeOUs of {@code config.yaml}
 */
public record FabricMsp(
    String mspId,
    Path directory,
    MspIdentity identity,
    Path certificateFile,
    Path keyFile,
    List<X509Certificate> caCertificates,
    List<X509Certificate> intermediateCertificates,
    List<X509Certificate> tlsCaCertificates,
    NodeOus nodeOus) {

  /** The signing certificate's directory. */
  public static final String SIGNCERTS = "signcerts";

  /** The private key's directory. */
  public static final String KEYSTORE = "keystore";

  /** The root CA certificates' directory. */
  public static final String CACERTS = "cacerts";

  /** The intermediate CA certificates' directory. */
  public static final String INTERMEDIATECERTS = "intermediatecerts";

  /** The TLS CA certificates' directory. */
  public static final String TLSCACERTS = "tlscacerts";

  /** The key file's name as cryptogen writes it. */
  public static final String CRYPTOGEN_KEY = "priv_sk";

  /** Longest issuer chain followed from the identity to a root, intermediates included. */
  private static final int MAX_CHAIN = 8;

  public FabricMsp {
    Objects.requireNonNull(mspId, "mspId");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(certificateFile, "certificateFile");
    Objects.requireNonNull(keyFile, "keyFile");
    caCertificates = List.copyOf(caCertificates);
    intermediateCertificates = List.copyOf(intermediateCertificates);
    tlsCaCertificates = List.copyOf(tlsCaCertificates);
    Objects.requireNonNull(nodeOus, "nodeOus");
  }

  /** The MSP in {@code directory}, used as {@code mspId}, checked now. */
  public static FabricMsp read(Path directory, String mspId) {
    return read(directory, mspId, Clock.systemUTC());
  }

  /**
   * The MSP in {@code directory}, used as {@code mspId}, with validity judged at {@code clock}'s
   * time.
   *
   * @throws InvalidMspDirectoryException with every fault found, one line each
   * @throws UncheckedIOException if a directory cannot be listed
   */
  public static FabricMsp read(Path directory, String mspId, Clock clock) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(mspId, "mspId");
    Instant now = clock.instant();
    if (!Files.isDirectory(directory)) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.MISSING, directory, "is not a directory; no MSP for " + mspId + " here");
    }
    List<MspFault> faults = new ArrayList<>();

    Optional<Path> certificateFile = single(directory.resolve(SIGNCERTS), "certificate", faults);
    Optional<X509Certificate> certificate =
        certificateFile.flatMap(file -> attempt(() -> PemFiles.readCertificate(file), faults));
    Optional<Path> keyFile = single(directory.resolve(KEYSTORE), "private key", faults);
    Optional<PrivateKey> key =
        keyFile.flatMap(file -> attempt(() -> PemFiles.readPrivateKey(file), faults));
    Map<X509Certificate, Path> origins = new HashMap<>();
    List<X509Certificate> cas = certificates(directory.resolve(CACERTS), true, origins, faults);
    List<X509Certificate> intermediates =
        certificates(directory.resolve(INTERMEDIATECERTS), false, origins, faults);
    List<X509Certificate> tlsCas =
        certificates(directory.resolve(TLSCACERTS), false, new HashMap<>(), faults);
    Path configFile = directory.resolve(NodeOus.FILE);
    NodeOus nodeOus =
        Files.isRegularFile(configFile)
            ? attempt(() -> NodeOus.parse(readBytes(configFile), configFile), faults)
                .orElse(NodeOus.disabled())
            : NodeOus.disabled();

    Optional<NodeOu> kind = Optional.empty();
    if (certificate.isPresent()) {
      X509Certificate cert = certificate.get();
      Path file = certificateFile.get();
      key.flatMap(k -> CertificateChecks.keyMismatch(keyFile.get(), cert, k))
          .ifPresent(faults::add);
      CertificateChecks.notValidAt(file, cert, now).ifPresent(faults::add);
      Optional<List<X509Certificate>> chain = chain(cert, cas, intermediates);
      if (chain.isEmpty()) {
        if (!cas.isEmpty()) {
          faults.add(
              new MspFault(
                  MspFileProblem.NOT_ISSUED_BY_CA,
                  file,
                  CertificateChecks.subject(cert)
                      + " (issuer "
                      + cert.getIssuerX500Principal().getName()
                      + ") was not issued by any certificate in "
                      + CACERTS
                      + "/ or "
                      + INTERMEDIATECERTS
                      + "/"));
        }
      } else {
        for (X509Certificate ca : chain.get()) {
          CertificateChecks.notValidAt(origins.get(ca), ca, now).ifPresent(faults::add);
        }
        kind = nodeOu(directory, file, cert, chain.get(), nodeOus, faults);
      }
    }
    if (!faults.isEmpty()) {
      throw new InvalidMspDirectoryException(faults);
    }
    return new FabricMsp(
        mspId,
        directory,
        new MspIdentity(mspId, kind.orElseThrow(), certificate.get(), key.get()),
        certificateFile.get(),
        keyFile.get(),
        cas,
        intermediates,
        tlsCas,
        nodeOus);
  }

  /**
   * Writes a local MSP in cryptogen's layout under {@code directory} (which must not exist): {@code
   * signcerts/<name>-cert.pem}, {@code keystore/priv_sk} (owner-only), {@code cacerts/<CA's
   * CN>-cert.pem}, {@code tlscacerts/<TLS CA's CN>-cert.pem} and a {@code config.yaml} enabling
   * NodeOUs.
   */
  static void write(
      Path directory,
      String name,
      MspIdentity identity,
      X509Certificate caCertificate,
      X509Certificate tlsCaCertificate)
      throws IOException {
    writeVerifying(directory, caCertificate, tlsCaCertificate);
    PemFiles.createPrivateDirectory(directory.resolve(SIGNCERTS));
    PemFiles.writeCertificate(
        directory.resolve(SIGNCERTS).resolve(name + "-cert.pem"), identity.certificate());
    PemFiles.createPrivateDirectory(directory.resolve(KEYSTORE));
    PemFiles.writePrivateKey(
        directory.resolve(KEYSTORE).resolve(CRYPTOGEN_KEY), identity.privateKey());
  }

  /**
   * Writes an organisation's verifying MSP (no signing identity) in cryptogen's layout under {@code
   * directory} (which must not exist): {@code cacerts/}, {@code tlscacerts/} and {@code
   * config.yaml}.
   */
  static void writeVerifying(
      Path directory, X509Certificate caCertificate, X509Certificate tlsCaCertificate)
      throws IOException {
    PemFiles.createPrivateDirectory(directory);
    String caFile = certificateFileName(caCertificate);
    PemFiles.createPrivateDirectory(directory.resolve(CACERTS));
    PemFiles.writeCertificate(directory.resolve(CACERTS).resolve(caFile), caCertificate);
    PemFiles.createPrivateDirectory(directory.resolve(TLSCACERTS));
    PemFiles.writeCertificate(
        directory.resolve(TLSCACERTS).resolve(certificateFileName(tlsCaCertificate)),
        tlsCaCertificate);
    Files.writeString(
        directory.resolve(NodeOus.FILE),
        NodeOus.cryptogen(CACERTS + "/" + caFile).render(),
        StandardCharsets.UTF_8);
  }

  /** cryptogen's name for a certificate's file: {@code <common name>-cert.pem}. */
  static String certificateFileName(X509Certificate certificate) {
    return CertificateChecks.commonName(certificate) + "-cert.pem";
  }

  private static Optional<NodeOu> nodeOu(
      Path directory,
      Path file,
      X509Certificate certificate,
      List<X509Certificate> chain,
      NodeOus nodeOus,
      List<MspFault> faults) {
    Set<NodeOu> kinds = nodeOus.kindsOf(certificate);
    if (kinds.size() != 1) {
      String expected =
          nodeOus.enabled()
              ? nodeOus.identifiers().values().stream()
                  .map(NodeOus.Identifier::organizationalUnit)
                  .sorted()
                  .collect(Collectors.joining(", "))
              : "peer, admin, client, orderer";
      faults.add(
          new MspFault(
              MspFileProblem.WRONG_NODE_OU,
              file,
              CertificateChecks.subject(certificate)
                  + (kinds.isEmpty() ? " has none" : " has more than one")
                  + " of the node OUs "
                  + expected));
      return Optional.empty();
    }
    NodeOu kind = kinds.iterator().next();
    Optional<String> scope =
        nodeOus.enabled()
            ? nodeOus.identifiers().get(kind).certificate()
            : Optional.<String>empty();
    if (scope.isPresent()) {
      Path scoped = directory.resolve(scope.get());
      Optional<X509Certificate> issuer = attempt(() -> PemFiles.readCertificate(scoped), faults);
      if (issuer.isPresent() && !chain.contains(issuer.get())) {
        faults.add(
            new MspFault(
                MspFileProblem.WRONG_NODE_OU,
                file,
                "has OU "
                    + kind.ou()
                    + ", which "
                    + NodeOus.FILE
                    + " grants only to identities issued by "
                    + scope.get()));
        return Optional.empty();
      }
    }
    return Optional.of(kind);
  }

  /** The CAs from the certificate's issuer up to a root in {@code roots}, if it gets there. */
  private static Optional<List<X509Certificate>> chain(
      X509Certificate certificate,
      List<X509Certificate> roots,
      List<X509Certificate> intermediates) {
    List<X509Certificate> chain = new ArrayList<>();
    X509Certificate current = certificate;
    for (int depth = 0; depth < MAX_CHAIN; depth++) {
      X509Certificate child = current;
      Optional<X509Certificate> root =
          roots.stream().filter(ca -> MspVerifier.issuedBy(child, ca)).findFirst();
      if (root.isPresent()) {
        chain.add(root.get());
        return Optional.of(chain);
      }
      Optional<X509Certificate> intermediate =
          intermediates.stream()
              .filter(ca -> !chain.contains(ca) && MspVerifier.issuedBy(child, ca))
              .findFirst();
      if (intermediate.isEmpty()) {
        return Optional.empty();
      }
      chain.add(intermediate.get());
      current = intermediate.get();
    }
    return Optional.empty();
  }

  /** The one file in {@code folder}, or a fault for none or several. */
  private static Optional<Path> single(Path folder, String what, List<MspFault> faults) {
    List<Path> files = files(folder);
    if (!Files.isDirectory(folder)) {
      faults.add(new MspFault(MspFileProblem.MISSING, folder, "is missing; it holds the " + what));
      return Optional.empty();
    }
    if (files.isEmpty()) {
      faults.add(new MspFault(MspFileProblem.MISSING, folder, "holds no " + what));
      return Optional.empty();
    }
    if (files.size() > 1) {
      faults.add(
          new MspFault(
              MspFileProblem.AMBIGUOUS,
              folder,
              "holds "
                  + files.size()
                  + " files ("
                  + files.stream()
                      .map(f -> f.getFileName().toString())
                      .collect(Collectors.joining(", "))
                  + ") where one "
                  + what
                  + " belongs"));
      return Optional.empty();
    }
    return Optional.of(files.getFirst());
  }

  /** The certificates of the files in {@code folder}, noting each one's file in {@code origins}. */
  private static List<X509Certificate> certificates(
      Path folder, boolean required, Map<X509Certificate, Path> origins, List<MspFault> faults) {
    List<Path> files = files(folder);
    if (required && files.isEmpty()) {
      faults.add(
          new MspFault(
              MspFileProblem.MISSING,
              folder,
              Files.isDirectory(folder)
                  ? "holds no CA certificate"
                  : "is missing; it holds the CA certificates"));
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (Path file : files) {
      for (X509Certificate certificate :
          attempt(() -> PemFiles.readCertificates(file), faults).orElse(List.of())) {
        certificates.add(certificate);
        origins.putIfAbsent(certificate, file);
      }
    }
    return certificates;
  }

  /** The regular files in {@code folder} not starting with {@code .}, by name; none if absent. */
  private static List<Path> files(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(path -> !path.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.UNREADABLE, file, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** {@code read}'s value, or empty after adding its faults. */
  private static <T> Optional<T> attempt(Supplier<T> read, List<MspFault> faults) {
    try {
      return Optional.of(read.get());
    } catch (InvalidMspDirectoryException e) {
      faults.addAll(e.faults());
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "FabricMsp[" + mspId + " " + directory + " " + identity + "]";
  }
}
