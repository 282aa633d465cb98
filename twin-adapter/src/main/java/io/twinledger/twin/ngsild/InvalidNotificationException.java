package io.twinledger.twin.ngsild;

/** Thrown inside the parser when the notification as a whole is unusable; never escapes it. */
final class InvalidNotificationException extends Exception {

  InvalidNotificationException(String reason) {
    // No stack trace: this is an expected outcome of untrusted input, not a fault.
    super(reason, null, false, false);
  }

  String reason() {
    return getMessage();
  }
}
