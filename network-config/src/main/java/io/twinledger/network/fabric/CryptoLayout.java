package io.twinledger.network.fabric;

import io.twinledger.network.msp.PeerOrgLayout;
import io.twinledger.network.org.OrdererOrganisation;
import io.twinledger.network.org.Organisation;

/**
 * Where {@code cryptogen generate --config=crypto-config.yaml --output=crypto-config} puts the
 * network's crypto material, relative to {@code network-config/fabric/}. The other generated files
 * name these paths; a peer organisation's are {@link PeerOrgLayout}'s, which the embedded MSPs
 * share.
 */
final class CryptoLayout {

  static final String ROOT = "crypto-config";

  private CryptoLayout() {}

  static String ordererOrgMsp(OrdererOrganisation orderer) {
    return ROOT + "/ordererOrganizations/" + orderer.domain() + "/msp";
  }

  static String ordererNode(OrdererOrganisation orderer) {
    return ROOT + "/ordererOrganizations/" + orderer.domain() + "/orderers/" + orderer.host();
  }

  static String peerOrgMsp(Organisation org) {
    return ROOT + "/" + PeerOrgLayout.of(org).msp();
  }

  static String peerNode(Organisation org) {
    return ROOT + "/" + PeerOrgLayout.of(org).peer();
  }

  static String tlsCaCertificate(Organisation org) {
    return ROOT + "/" + PeerOrgLayout.of(org).tlsCaCertificate();
  }

  /** The MSP directory of a cryptogen user: {@code Admin} or {@code User1}. */
  static String userMsp(Organisation org, String user) {
    return ROOT + "/" + PeerOrgLayout.of(org).userMsp(user);
  }
}
