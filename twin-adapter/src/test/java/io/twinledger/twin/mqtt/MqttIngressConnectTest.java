package io.twinledger.twin.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@link MqttIngress} asks of a broker when it connects, read by a stand-in broker that
 * answers just enough MQTT 5 (CONNACK, SUBACK) for the ingress to start.
 */
class MqttIngressConnectTest {

  private static final int RECEIVE_MAXIMUM_ID = 0x21;
  private static final int SESSION_EXPIRY_ID = 0x11;

  @Test
  void theConnectStatesTheReceiveMaximumAndKeepsTheSession() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Connect> connect =
          CompletableFuture.supplyAsync(() -> acceptOneClient(server));
      MqttSettings settings =
          new MqttSettings(
              "127.0.0.1",
              server.getLocalPort(),
              "connect-test",
              List.of("twinledger-test/+/flow"),
              Optional.empty(),
              Optional.empty(),
              100,
              Duration.ofSeconds(1));
      MqttIngress ingress = MqttIngress.start(settings, batch -> {});
      try {
        Connect received = connect.get(10, TimeUnit.SECONDS);
        assertThat(received.cleanStart()).isFalse();
        assertThat(received.properties())
            .as("an absent Receive Maximum lets Mosquitto apply max_inflight_messages")
            .containsEntry(RECEIVE_MAXIMUM_ID, (long) MqttIngress.RECEIVE_MAXIMUM)
            .containsEntry(SESSION_EXPIRY_ID, Duration.ofDays(1).toSeconds());
        assertThat(ingress.connected()).as("subscribed, so connected").isTrue();
        assertThat(ingress.broker()).isEqualTo("127.0.0.1:" + server.getLocalPort());
        assertThat(ingress.clientId()).isEqualTo("connect-test");
        assertThat(ingress.topics()).containsExactly("twinledger-test/+/flow");
      } finally {
        ingress.close();
      }
      assertThat(ingress.connected()).as("disconnected once closed").isFalse();
    }
  }

  private record Connect(boolean cleanStart, Map<Integer, Long> properties) {}

  /** Reads the CONNECT, acknowledges it and the SUBSCRIBE, then holds the line until closed. */
  private static Connect acceptOneClient(ServerSocket server) {
    try {
      Socket socket = server.accept();
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      ByteBuffer connect = packet(in, 0x10);
      connect.position(connect.position() + 2 + connect.getShort(connect.position())); // "MQTT"
      connect.get(); // protocol level
      boolean cleanStart = (connect.get() & 0x02) != 0;
      connect.getShort(); // keep alive
      Map<Integer, Long> properties = properties(connect);
      out.write(new byte[] {0x20, 0x03, 0x00, 0x00, 0x00});
      ByteBuffer subscribe = packet(in, 0x82);
      out.write(new byte[] {(byte) 0x90, 0x04, subscribe.get(), subscribe.get(), 0x00, 0x01});
      out.flush();
      CompletableFuture.runAsync(() -> drainUntilClosed(socket));
      return new Connect(cleanStart, properties);
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }

  /** The packet's variable header and payload, after checking its type byte. */
  private static ByteBuffer packet(InputStream in, int type) throws IOException {
    DataInputStream data = new DataInputStream(in);
    assertThat(data.readUnsignedByte()).isEqualTo(type);
    byte[] body = new byte[variableInt(data)];
    data.readFully(body);
    return ByteBuffer.wrap(body);
  }

  private static int variableInt(DataInputStream in) throws IOException {
    int value = 0;
    for (int shift = 0; ; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
  }

  /** The CONNECT properties the client may send unasked for; anything else fails the test. */
  private static Map<Integer, Long> properties(ByteBuffer connect) {
    int length = connect.get(); // below 128 bytes for these properties
    int end = connect.position() + length;
    Map<Integer, Long> properties = new HashMap<>();
    while (connect.position() < end) {
      int id = connect.get();
      long value =
          switch (id) {
            case SESSION_EXPIRY_ID, 0x27 -> Integer.toUnsignedLong(connect.getInt());
            case RECEIVE_MAXIMUM_ID, 0x22 -> Short.toUnsignedLong(connect.getShort());
            case 0x17, 0x19 -> connect.get();
            default -> throw new AssertionError("unexpected CONNECT property " + id);
          };
      properties.put(id, value);
    }
    return properties;
  }

  private static void drainUntilClosed(Socket socket) {
    try (socket) {
      socket.getInputStream().transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // The client closed the connection: the test is over.
    }
  }
}
