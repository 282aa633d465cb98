package io.twinledger.network.chaincode;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one chaincode package every chaincode definition runs: the {@code twinledger} contracts jar,
 * deployed as a service (CCaaS) that the peers dial.
 *
 * <p>A Fabric peer runs one chaincode process per installed package and reaches it for every
 * definition approved with that package, so one server hosts all contracts on all channels.
 *
 * @param label the package label, which prefixes its package id: {@code twinledger_1.0}
 * @param sequence the definitions' sequence number, raised with every upgrade
 * @param address where peers reach the chaincode server: {@code twinledger-chaincode:9999}
 * @param dialTimeout how long a peer waits to connect to it
 */
public record ChaincodePackage(String label, long sequence, String address, Duration dialTimeout) {

  /** Fabric's rule for package labels. */
  public static final Pattern LABEL = Pattern.compile("[A-Za-z0-9+.-][A-Za-z0-9+._-]*");

  /** {@code host:port}. */
  public static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.-]+:[0-9]{1,5}");

  public ChaincodePackage {
    Objects.requireNonNull(label, "label");
    if (!LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException(
          "a package label must match " + LABEL.pattern() + ", was '" + label + "'");
    }
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
    }
    Objects.requireNonNull(address, "address");
    if (!ADDRESS.matcher(address).matches()) {
      throw new IllegalArgumentException("address must be host:port, was '" + address + "'");
    }
    Objects.requireNonNull(dialTimeout, "dialTimeout");
    if (dialTimeout.isNegative() || dialTimeout.isZero()) {
      throw new IllegalArgumentException("dialTimeout must be positive, was " + dialTimeout);
    }
  }

  /**
   * The version of the chaincode definitions: the label's part after its last {@code _}, or the
   * whole label without one ({@code twinledger_1.0} gives {@code 1.0}).
   */
  public String version() {
    int underscore = label.lastIndexOf('_');
    return underscore < 0 ? label : label.substring(underscore + 1);
  }

  /** The server's port. */
  public int port() {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  /** The server's host name. */
  public String host() {
    return address.substring(0, address.lastIndexOf(':'));
  }
}
