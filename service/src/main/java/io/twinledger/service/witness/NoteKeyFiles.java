package io.twinledger.service.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * An Ed25519 key pair kept in a directory, made there once so that notes and cosignatures stay
 * verifiable with the same key across restarts: {@code key.pem} (PKCS#8, owner-only where the file
 * system has POSIX permissions) and {@code public.pem} (X.509 SubjectPublicKeyInfo). Both are
 * written under temporary names and moved into place, the private key last, so a crash never leaves
 * a pair half made.
 */
final class NoteKeyFiles {

  private static final String PRIVATE = "key.pem";
  private static final String PUBLIC = "public.pem";

  private NoteKeyFiles() {}

  /** The pair in {@code dir}, made there first if it is not. */
  static KeyPair loadOrCreate(Path dir) {
    try {
      if (!Files.exists(dir.resolve(PRIVATE))) {
        create(dir);
      }
      KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
      return new KeyPair(
          ed25519.generatePublic(new X509EncodedKeySpec(der(dir.resolve(PUBLIC)))),
          ed25519.generatePrivate(new PKCS8EncodedKeySpec(der(dir.resolve(PRIVATE)))));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the note key in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The note key in " + dir + " is not an Ed25519 key", e);
    }
  }

  private static void create(Path dir) throws IOException, GeneralSecurityException {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Files.createDirectories(dir);
    write(dir, PUBLIC, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    write(dir, PRIVATE, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
  }

  private static void write(Path dir, String name, String text) throws IOException {
    Path staging = dir.resolve(name + ".new");
    Files.deleteIfExists(staging);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          staging,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(staging, text);
    try {
      Files.move(staging, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] der(Path file) throws IOException {
    return Base64.getMimeDecoder()
        .decode(Files.readString(file).replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").strip());
  }
}
