package io.twinledger.network.org;

import java.time.Duration;
import java.util.Objects;

/**
 * The ordering service's organisation, with one etcdraft node. Its block cutting also bounds the
 * embedded peer's blocks.
 *
 * @param name the organisation's name: {@code Orderer}
 * @param mspId its MSP id: {@code OrdererMSP}
 * @param domain its DNS domain: {@code twinledger.example}
 * @param hostname the ordering node's first host-name label: {@code orderer}
 * @param port the port clients and peers submit to
 * @param adminPort the channel participation API's port ({@code osnadmin})
 * @param batchTimeout how long a block waits for more transactions before it is cut
 * @param maxMessageCount the most transactions in one block
 */
public record OrdererOrganisation(
    String name,
    String mspId,
    String domain,
    String hostname,
    int port,
    int adminPort,
    Duration batchTimeout,
    int maxMessageCount) {

  public OrdererOrganisation {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("the orderer organisation's name must not be blank");
    }
    Names.require(mspId, Names.MSP_ID, "an MSP id");
    Names.require(domain, Names.DOMAIN, "a domain");
    Names.require(hostname, Names.HOST_LABEL, "a host name");
    Names.requirePort(port, "port");
    Names.requirePort(adminPort, "adminPort");
    if (port == adminPort) {
      throw new IllegalArgumentException("port and adminPort must differ, both are " + port);
    }
    Objects.requireNonNull(batchTimeout, "batchTimeout");
    if (batchTimeout.isNegative() || batchTimeout.isZero()) {
      throw new IllegalArgumentException("batchTimeout must be positive, was " + batchTimeout);
    }
    if (maxMessageCount < 1) {
      throw new IllegalArgumentException(
          "maxMessageCount must be at least 1, was " + maxMessageCount);
    }
  }

  /** The ordering node's host name: {@code orderer.twinledger.example}. */
  public String host() {
    return hostname + "." + domain;
  }
}
