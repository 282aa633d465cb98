package io.twinledger.reporting.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the verify commands read a file: plain or gzip-compressed, known by content, bounded. */
class BundleFileTest {

  private static final byte[] JSON = "{\"format\": \"x\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void plainAndCompressedFilesReadTheSameWhateverTheyAreCalled() throws Exception {
    Path plain = Files.write(dir.resolve("bundle.json.gz"), JSON);
    Path compressed = Files.write(dir.resolve("bundle.json"), gzip(JSON));

    assertThat(BundleFile.read(plain, 1_000)).isEqualTo(JSON);
    assertThat(BundleFile.read(compressed, 1_000)).isEqualTo(JSON);
  }

  @Test
  void theLimitIsOnTheUncompressedSize() throws Exception {
    byte[] large = new byte[10_000];
    Arrays.fill(large, (byte) ' ');
    Path compressed = Files.write(dir.resolve("large.json.gz"), gzip(large));
    assertThat(Files.size(compressed)).isLessThan(1_000);

    assertThatThrownBy(() -> BundleFile.read(compressed, 9_999))
        .isInstanceOf(BundleFile.Unreadable.class)
        .hasMessage("larger than 9999 bytes");
    assertThat(BundleFile.read(compressed, 10_000)).hasSize(10_000);
  }

  @Test
  void aBrokenOrMissingFileIsUnreadable() throws Exception {
    byte[] truncated = Arrays.copyOf(gzip(JSON), 12);
    Path broken = Files.write(dir.resolve("broken.json.gz"), truncated);
    Path missing = dir.resolve("missing.json");

    assertThatThrownBy(() -> BundleFile.read(broken, 1_000))
        .isInstanceOf(BundleFile.Unreadable.class)
        .hasMessageStartingWith("cannot read the file: EOFException");
    assertThatThrownBy(() -> BundleFile.read(missing, 1_000))
        .isInstanceOf(BundleFile.Unreadable.class)
        .hasMessage("cannot read the file: NoSuchFileException " + missing);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }
}
