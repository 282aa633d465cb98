package io.twinledger.service.twin.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real HiveMQ broker on a free loopback port, in a temporary directory. */
class LocalMqttBrokerTest {

  private static final String TOPIC = "riverton/stormwater/gi-rock-creek-a/gauge-1/rainfall";

  @TempDir Path directory;

  @Test
  void aQoS1MessageQueuedForAPersistentSessionSurvivesARestart() throws Exception {
    int port = freePort();
    try (LocalMqttBroker broker = LocalMqttBroker.start(directory, port)) {
      assertThat(broker.host()).isEqualTo("127.0.0.1");
      Mqtt5BlockingClient subscriber = client("ingress", port);
      connectPersistent(subscriber);
      subscriber.subscribeWith().topicFilter(TOPIC).qos(MqttQos.AT_LEAST_ONCE).send();
      subscriber.disconnect();

      Mqtt5BlockingClient publisher = client("gauge", port);
      publisher.connect();
      publisher
          .publishWith()
          .topic(TOPIC)
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload("queued".getBytes(StandardCharsets.UTF_8))
          .send();
      publisher.disconnect();
    }

    assertThat(directory.resolve("conf/config.xml")).content().contains("127.0.0.1");
    try (LocalMqttBroker broker = LocalMqttBroker.start(directory, port)) {
      Mqtt5BlockingClient subscriber = client("ingress", port);
      try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
          subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
        connectPersistent(subscriber);
        Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
        assertThat(received).isPresent();
        assertThat(received.get().getTopic().toString()).isEqualTo(TOPIC);
        assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
            .isEqualTo("queued");
      }
      subscriber.disconnect();
    }
  }

  @Test
  void aTakenPortIsRefusedNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> LocalMqttBroker.start(directory, port))
          .isInstanceOf(BindException.class)
          .hasMessageContaining(String.valueOf(port));
    }
  }

  @Test
  void itsStateStaysSmall() throws Exception {
    try (LocalMqttBroker broker = LocalMqttBroker.start(directory, freePort())) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(directory)) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      // RocksDB, HiveMQ's default store for payloads and retained messages, marks each store with
      // a CURRENT file and preallocates megabytes per bucket.
      assertThat(files).noneMatch(file -> file.getFileName().toString().equals("CURRENT"));
      long bytes = 0;
      for (Path file : files) {
        bytes += Files.size(file);
      }
      assertThat(bytes).isLessThan(20L << 20);
    }
  }

  @Test
  void theBrokerFreesItsPortWhenClosed() throws Exception {
    int port = freePort();
    LocalMqttBroker.start(directory, port).close();
    try (ServerSocket again = new ServerSocket()) {
      again.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    }
  }

  private static Mqtt5BlockingClient client(String id, int port) {
    return Mqtt5Client.builder()
        .identifier(id)
        .serverHost("127.0.0.1")
        .serverPort(port)
        .buildBlocking();
  }

  private static void connectPersistent(Mqtt5BlockingClient client) {
    client
        .connectWith()
        .cleanStart(false)
        .sessionExpiryInterval(Duration.ofHours(1).toSeconds())
        .send();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return socket.getLocalPort();
    }
  }
}
