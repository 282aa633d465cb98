package io.twinledger.twin.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;

/**
 * Names why an HTTP exchange failed. {@link java.net.http.HttpClient} reports a refused connection
 * and an unknown host as a {@link ConnectException} whose message, and whose causes' messages, are
 * all null; printed as they are, both read "null".
 */
public final class NetworkFailure {

  private NetworkFailure() {}

  /**
   * One line such as {@code connection refused}, {@code unknown host orion.invalid} or {@code no
   * connection within the connect timeout}.
   *
   * @param host the host that was being reached, for the unknown-host case
   */
  public static String cause(IOException failure, String host) {
    if (has(failure, UnresolvedAddressException.class)
        || has(failure, UnknownHostException.class)) {
      return "unknown host " + host;
    }
    if (failure instanceof HttpConnectTimeoutException) {
      return "no connection within the connect timeout";
    }
    if (failure instanceof HttpTimeoutException) {
      return "no answer within the request timeout";
    }
    Optional<String> message = firstMessage(failure);
    if (message.isPresent()) {
      return message.get();
    }
    // Without a message, the client's ConnectException means nothing accepted the connection.
    return has(failure, ConnectException.class)
        ? "connection refused"
        : failure.getClass().getSimpleName();
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> firstMessage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return Optional.of(t.getMessage().replaceAll("\\s+", " ").strip());
      }
    }
    return Optional.empty();
  }
}
