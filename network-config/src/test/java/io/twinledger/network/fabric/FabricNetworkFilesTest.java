package io.twinledger.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.Consortium;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checked-in files under {@code network-config/fabric/} are exactly what the consortium
 * generates, so the real network cannot drift from the embedded one. After changing the consortium
 * or a generator, regenerate them with {@code -Dnetwork.fabric.regenerate=true} on this test.
 */
class FabricNetworkFilesTest {

  /** Surefire runs in the module directory. */
  private static final Path FABRIC = Path.of("fabric");

  /** Files under fabric/ that are not generated. */
  private static final List<String> HAND_WRITTEN = List.of(".gitignore");

  private final List<FabricFile> generated = FabricNetworkFiles.generate(Consortium.twinLedger());

  @Test
  void checkedInFilesEqualTheGeneratedOnes() throws IOException {
    if (Boolean.getBoolean("network.fabric.regenerate")) {
      FabricNetworkFiles.write(Consortium.twinLedger(), FABRIC);
    }
    for (FabricFile file : generated) {
      Path checkedIn = FABRIC.resolve(file.path());
      assertThat(checkedIn).as("%s is checked in", checkedIn).exists();
      assertThat(Files.readString(checkedIn, StandardCharsets.UTF_8))
          .as(
              "%s differs from the generated file; regenerate with ./mvnw -pl network-config verify"
                  + " -Dtest=FabricNetworkFilesTest -Dnetwork.fabric.regenerate=true",
              checkedIn)
          .isEqualTo(file.content());
    }
  }

  @Test
  void noStaleFileLingers() throws IOException {
    List<String> expected =
        Stream.concat(generated.stream().map(FabricFile::path), HAND_WRITTEN.stream()).toList();
    try (Stream<Path> files = Files.walk(FABRIC)) {
      List<String> present =
          files
              .filter(Files::isRegularFile)
              .map(p -> FABRIC.relativize(p).toString().replace('\\', '/'))
              .filter(
                  p ->
                      !p.startsWith(CryptoLayout.ROOT + "/") && !p.startsWith("channel-artifacts/"))
              .filter(p -> !p.endsWith(".tar.gz") && !p.endsWith(".tgz"))
              .toList();
      assertThat(present).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void generationIsDeterministic() {
    assertThat(FabricNetworkFiles.generate(Consortium.twinLedger())).isEqualTo(generated);
  }
}
