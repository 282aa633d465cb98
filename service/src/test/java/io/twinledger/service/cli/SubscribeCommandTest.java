package io.twinledger.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.twinledger.service.support.OnEmbeddedDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code ./twinledger subscribe} through the running service to a broker stand-in. */
@OnEmbeddedDb
class SubscribeCommandTest {

  @LocalServerPort int port;

  @Test
  void theServiceSubscribesOnTheBrokerAndTheCliSaysWhere() throws Exception {
    AtomicReference<String> tenant = new AtomicReference<>();
    HttpServer broker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    broker.createContext(
        "/ngsi-ld/v1/subscriptions",
        exchange -> {
          tenant.set(exchange.getRequestHeaders().getFirst("NGSILD-Tenant"));
          exchange.getResponseHeaders().add("Location", "/ngsi-ld/v1/subscriptions/s42");
          exchange.sendResponseHeaders(201, -1);
          exchange.close();
        });
    broker.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String brokerUrl = "http://127.0.0.1:" + broker.getAddress().getPort();
    try {
      int code =
          SubscribeCommand.run(
              new String[] {brokerUrl, "--tenant", "riverton", "--url", "http://localhost:" + port},
              Map.of("TWINLEDGER_PASSWORD", "operator"),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(code).as(err.toString()).isZero();
    } finally {
      broker.stop(0);
    }
    assertThat(out.toString())
        .isEqualTo("subscribed: " + brokerUrl + "/ngsi-ld/v1/subscriptions/s42\n");
    assertThat(tenant.get()).isEqualTo("riverton");
  }

  @Test
  void anUnreachableBrokerIsOneLineNamingTheCause() throws Exception {
    int closed = closedPort();

    Run refused = subscribe("http://127.0.0.1:" + closed, "http://localhost:" + port);
    Run unknown = subscribe("http://no-such-broker.invalid:1026", "http://localhost:" + port);

    assertThat(refused.code()).isOne();
    assertThat(refused.err())
        .isEqualTo(
            "twinledger: subscription refused (HTTP 502): broker http://127.0.0.1:"
                + closed
                + " cannot be reached: connection refused\n");
    assertThat(unknown.err())
        .isEqualTo(
            "twinledger: subscription refused (HTTP 502): broker"
                + " http://no-such-broker.invalid:1026 cannot be reached:"
                + " unknown host no-such-broker.invalid\n");
  }

  @Test
  void anUnreachableServiceIsOneLineNamingTheCause() throws Exception {
    int closed = closedPort();

    Run run = subscribe("http://orion:1026", "http://127.0.0.1:" + closed);

    assertThat(run.code()).isOne();
    assertThat(run.err())
        .isEqualTo(
            "twinledger: cannot reach http://127.0.0.1:" + closed + ": connection refused\n");
  }

  private record Run(int code, String err) {}

  private static Run subscribe(String brokerUrl, String serviceUrl) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SubscribeCommand.run(
            new String[] {brokerUrl, "--url", serviceUrl},
            Map.of("TWINLEDGER_PASSWORD", "operator"),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, err.toString(StandardCharsets.UTF_8));
  }

  /** A local port nothing listens on: bound, then released. */
  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void anUnknownOptionIsOneReadableLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SubscribeCommand.run(
            new String[] {"http://orion:1026", "--colour", "blue"},
            Map.of("TWINLEDGER_PASSWORD", "x"),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("twinledger: unknown option --colour; usage:")
        .hasLineCount(1);
  }
}
