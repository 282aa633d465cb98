package io.twinledger.twin.ngsild;

/**
 * A notification that could not be read at all: not JSON, too large, not of type {@code
 * Notification}, without a {@code data} array, and the like. Nothing in it was used.
 *
 * @param reason one line naming the offending member, such as {@code data: is not an array}
 */
public record RejectedNotification(String reason) implements NotificationParseResult {

  public RejectedNotification {
    Require.text(reason, "reason");
  }
}
