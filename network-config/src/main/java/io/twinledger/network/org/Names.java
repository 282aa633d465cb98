package io.twinledger.network.org;

import java.util.regex.Pattern;

/** The spelling rules for identifiers the consortium shares with Fabric. */
public final class Names {

  /** An MSP id: letters, digits, '.', '-' and '_', starting with a letter. */
  public static final Pattern MSP_ID = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

  /** A DNS domain of lower-case labels, as host names and TLS certificates use it. */
  public static final Pattern DOMAIN =
      Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  /** A host-name label. */
  public static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private Names() {}

  /** {@code value}, if it matches {@code rule}; otherwise an error that quotes it. */
  public static String require(String value, Pattern rule, String what) {
    if (value == null || !rule.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must match " + rule.pattern() + ", was '" + value + "'");
    }
    return value;
  }

  /** {@code port}, if it is a TCP port number. */
  public static int requirePort(int port, String what) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + " must be a port from 1 to 65535, was " + port);
    }
    return port;
  }
}
