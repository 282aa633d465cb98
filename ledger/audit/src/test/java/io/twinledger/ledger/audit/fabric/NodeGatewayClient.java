package io.twinledger.ledger.audit.fabric;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twinledger.network.msp.MspIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Hyperledger's Node.js Fabric Gateway client ({@code @hyperledger/fabric-gateway} from the npm
 * registry, in {@code ledger/audit/node-client}), run as a separate process against a peer's TCP
 * port: a client TwinLedger did not write. Tests that use it are skipped where Node.js or the
 * package is missing ({@code npm ci} in {@code node-client}; {@code .ci/run} does it), so a build
 * with only a JDK still passes.
 */
final class NodeGatewayClient {

  /** The package's directory; the tests run with the module as working directory. */
  static final Path HOME = Path.of("node-client").toAbsolutePath();

  private NodeGatewayClient() {}

  /** Skips the calling test unless {@code node} runs and the package is installed. */
  static void assumeInstalled() {
    assumeTrue(
        installed(),
        "node is not on the PATH, or @hyperledger/fabric-gateway not installed: npm ci in " + HOME);
  }

  /** Whether {@code node} runs and the package is installed. */
  static boolean installed() {
    return Files.isDirectory(HOME.resolve("node_modules/@hyperledger/fabric-gateway"))
        && nodeRuns();
  }

  private static boolean nodeRuns() {
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return node.waitFor(20, TimeUnit.SECONDS) && node.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The config's {@code identity}: an MSP id, its certificate and the key it signs with. */
  static JSONObject identity(String mspId, MspIdentity identity) {
    return new JSONObject()
        .put("mspId", mspId)
        .put("cert", pem(identity.certificate()))
        .put("key", pem(identity.privateKey()));
  }

  /** {@code identity} under its own MSP id. */
  static JSONObject identity(MspIdentity identity) {
    return identity(identity.mspId(), identity);
  }

  /**
   * Runs {@code node <script> <config>} and returns the JSON lines it printed.
   *
   * @throws AssertionError if it exits with an error or runs past {@code timeout}
   */
  static List<JSONObject> run(String script, JSONObject config, Duration timeout) {
    try {
      Path file = Files.createTempFile("node-client", ".json");
      try {
        Files.writeString(file, config.toString());
        Path output = Files.createTempFile("node-client", ".out");
        Process node =
            new ProcessBuilder("node", script, file.toString())
                .directory(HOME.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
          node.destroyForcibly();
        }
        String printed = Files.readString(output);
        Files.delete(output);
        if (!exited || node.exitValue() != 0) {
          throw new AssertionError(
              "node " + script + (exited ? " failed" : " timed out") + ":\n" + printed);
        }
        List<JSONObject> lines = new ArrayList<>();
        for (String line : printed.split("\n")) {
          if (line.startsWith("{")) {
            lines.add(new JSONObject(line));
          }
        }
        return lines;
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The steps' results of {@code client.mjs}, in order. */
  static List<JSONObject> steps(JSONObject config, JSONObject... steps) {
    return run(
        "client.mjs", config.put("steps", new JSONArray(List.of(steps))), Duration.ofMinutes(2));
  }

  static String pem(X509Certificate certificate) {
    try {
      return pem("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A private key as PKCS#8 PEM, the encoding Node's {@code createPrivateKey} reads. */
  static String pem(Key key) {
    return pem("PRIVATE KEY", key.getEncoded());
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
}
