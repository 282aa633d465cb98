package io.twinledger.contracts.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The committed ABI and bytecode are what the pinned solc makes of the committed sources. Runs
 * {@code node compile.js --check}; skipped where Node or {@code npm ci} is missing ({@code .ci/run}
 * runs the same check itself).
 */
class CompiledContractsTest {

  @Test
  void committedBytecodeIsWhatThePinnedCompilerBuilds() throws Exception {
    assumeTrue(
        Files.isDirectory(Path.of("node_modules/solc")), "solc is not installed: npm ci here");
    assumeTrue(nodeAvailable(), "node is not on the PATH");
    Process check =
        new ProcessBuilder("node", "compile.js", "--check").redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(check.exitValue()).as(output).isZero();
  }

  @Test
  void everyContractHasItsAbiAndBytecode() {
    for (EvmArtifact artifact : EvmArtifact.values()) {
      assertThat(artifact.bytecode()).as(artifact.contractName()).matches("[0-9a-f]{200,}");
      assertThat(artifact.abi()).as(artifact.contractName()).startsWith("[{");
    }
  }

  private static boolean nodeAvailable() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
