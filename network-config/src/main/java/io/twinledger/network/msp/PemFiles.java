package io.twinledger.network.msp;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Certificates and private keys as PEM files: certificates as {@code CERTIFICATE}, keys as
 * unencrypted PKCS#8 {@code PRIVATE KEY}, which Fabric and fabric-gateway's {@code Identities}
 * read. On POSIX file systems, key files and directories are created owner-only and key files must
 * stay so. Reading fails with an {@link InvalidMspDirectoryException} naming the file and one
 * {@link MspFileProblem}.
 */
public final class PemFiles {

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private PemFiles() {}

  static void createPrivateDirectory(Path directory) throws IOException {
    if (POSIX) {
      Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
    } else {
      Files.createDirectory(directory);
    }
  }

  static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
    write(file, certificate, new FileAttribute<?>[0]);
  }

  static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    // Owner-only from creation on, so that the key is never readable by others, not even briefly.
    FileAttribute<?>[] attributes =
        POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
            : new FileAttribute<?>[0];
    write(file, new JcaPKCS8Generator(key, null), attributes);
  }

  /** The one certificate in {@code file}. */
  public static X509Certificate readCertificate(Path file) {
    List<Object> objects = readAll(file);
    if (objects.size() > 1) {
      throw corrupt(file, "holds more than one PEM object");
    }
    return certificate(file, objects.getFirst());
  }

  /** The certificates in {@code file}, one or more (a bundle of CA certificates). */
  public static List<X509Certificate> readCertificates(Path file) {
    return readAll(file).stream().map(pem -> certificate(file, pem)).toList();
  }

  /**
   * The certificates in {@code pem}, text that came from {@code source} (a file, or where a
   * document holds it inline), one or more.
   */
  public static List<X509Certificate> parseCertificates(String pem, Path source) {
    return parseAll(new StringReader(pem), source).stream()
        .map(object -> certificate(source, object))
        .toList();
  }

  /**
   * The one unencrypted PKCS#8 private key in {@code file}; on POSIX file systems the file must be
   * readable by its owner only.
   */
  public static PrivateKey readPrivateKey(Path file) {
    List<Object> objects = readAll(file);
    if (POSIX) {
      Set<PosixFilePermission> permissions;
      try {
        permissions = Files.getPosixFilePermissions(file);
      } catch (IOException e) {
        throw new InvalidMspDirectoryException(
            MspFileProblem.UNREADABLE, file, "permissions cannot be read", e);
      }
      if (objects.size() == 1
          && objects.getFirst() instanceof PrivateKeyInfo
          && !OWNER_ONLY_FILE.containsAll(permissions)) {
        throw new InvalidMspDirectoryException(
            MspFileProblem.KEY_NOT_PRIVATE,
            file,
            "is "
                + PosixFilePermissions.toString(permissions)
                + "; a private key must be readable by its owner only (chmod 600)");
      }
    }
    return privateKey(file, objects);
  }

  /**
   * The one unencrypted PKCS#8 private key in {@code pem}, text that came from {@code source}
   * (where a document holds it inline).
   */
  public static PrivateKey parsePrivateKey(String pem, Path source) {
    return privateKey(source, parseAll(new StringReader(pem), source));
  }

  private static PrivateKey privateKey(Path file, List<Object> objects) {
    if (objects.size() > 1) {
      throw corrupt(file, "holds more than one PEM object");
    }
    Object pem = objects.getFirst();
    if (!(pem instanceof PrivateKeyInfo info)) {
      throw corrupt(file, "holds a " + describe(pem) + ", not a PKCS#8 PRIVATE KEY");
    }
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException e) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.CORRUPT, file, "is not a usable private key", e);
    }
  }

  private static void write(Path file, Object pem, FileAttribute<?>[] attributes)
      throws IOException {
    Files.createFile(file, attributes);
    try (Writer out =
            Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
        JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(pem);
    }
  }

  private static X509Certificate certificate(Path file, Object pem) {
    if (!(pem instanceof X509CertificateHolder holder)) {
      throw corrupt(file, "holds a " + describe(pem) + ", not a CERTIFICATE");
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.CORRUPT, file, "is not a usable X.509 certificate", e);
    }
  }

  /** The PEM objects in {@code file}, at least one. */
  private static List<Object> readAll(Path file) {
    try {
      return parseAll(Files.newBufferedReader(file, StandardCharsets.US_ASCII), file);
    } catch (NoSuchFileException e) {
      throw new InvalidMspDirectoryException(MspFileProblem.MISSING, file, "is missing", e);
    } catch (IOException e) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.UNREADABLE, file, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** The PEM objects {@code in} holds, at least one; closes it. */
  private static List<Object> parseAll(Reader in, Path file) {
    try (PEMParser parser = new PEMParser(in)) {
      List<Object> objects = new ArrayList<>();
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
      if (objects.isEmpty()) {
        throw corrupt(file, "holds no PEM object");
      }
      return objects;
    } catch (InvalidMspDirectoryException e) {
      throw e;
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      // Bad Base64 or DER inside a PEM block surfaces from PEMParser as an IOException or as
      // Bouncy Castle's DecoderException (an IllegalStateException), depending on where it is.
      throw new InvalidMspDirectoryException(
          MspFileProblem.CORRUPT, file, "is not valid PEM: " + e.getMessage(), e);
    }
  }

  private static String describe(Object pem) {
    return pem.getClass().getSimpleName();
  }

  private static InvalidMspDirectoryException corrupt(Path file, String detail) {
    return new InvalidMspDirectoryException(MspFileProblem.CORRUPT, file, detail);
  }
}
