package io.twinledger.network.msp;

import java.io.IOException;
import java.io.Reader;
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
import java.util.EnumSet;
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
 * stay so.
 */
final class PemFiles {

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

  static X509Certificate readCertificate(Path file) {
    Object pem = readSingle(file);
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

  static PrivateKey readPrivateKey(Path file) {
    Object pem = readSingle(file);
    if (!(pem instanceof PrivateKeyInfo info)) {
      throw corrupt(file, "holds a " + describe(pem) + ", not a PKCS#8 PRIVATE KEY");
    }
    if (POSIX) {
      Set<PosixFilePermission> permissions;
      try {
        permissions = Files.getPosixFilePermissions(file);
      } catch (IOException e) {
        throw new InvalidMspDirectoryException(
            MspFileProblem.UNREADABLE, file, "permissions cannot be read", e);
      }
      if (!OWNER_ONLY_FILE.containsAll(permissions)) {
        throw new InvalidMspDirectoryException(
            MspFileProblem.KEY_NOT_PRIVATE,
            file,
            "is "
                + PosixFilePermissions.toString(permissions)
                + "; a private key must be readable by its owner only (chmod 600)");
      }
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

  private static Object readSingle(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(in)) {
      Object first = parser.readObject();
      if (first == null) {
        throw corrupt(file, "holds no PEM object");
      }
      if (parser.readObject() != null) {
        throw corrupt(file, "holds more than one PEM object");
      }
      return first;
    } catch (NoSuchFileException e) {
      throw new InvalidMspDirectoryException(
          MspFileProblem.MISSING,
          file,
          "is missing; the MSP directory is incomplete (restore it, or remove the organisation's"
              + " directory to issue new identities)",
          e);
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
