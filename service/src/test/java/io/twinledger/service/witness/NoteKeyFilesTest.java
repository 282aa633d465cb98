package io.twinledger.service.witness;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.merkle.NoteSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoteKeyFilesTest {

  @TempDir Path dir;

  @Test
  void aKeyIsMadeOnceAndTheSameKeyIsReadAfterARestart() throws Exception {
    Path keys = dir.resolve("witness").resolve("key");

    KeyPair made = NoteKeyFiles.loadOrCreate(keys);
    KeyPair read = NoteKeyFiles.loadOrCreate(keys);

    assertThat(NoteSigner.of("auditor.twinledger.example/witness", read).verifier())
        .isEqualTo(NoteSigner.of("auditor.twinledger.example/witness", made).verifier());
    assertThat(read.getPrivate().getEncoded()).isEqualTo(made.getPrivate().getEncoded());
    try (var files = Files.list(keys)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("key.pem", "public.pem");
    }
    if (Files.getFileAttributeView(keys, PosixFileAttributeView.class) != null) {
      assertThat(
              PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("key.pem"))))
          .isEqualTo("rw-------");
    }
  }
}
