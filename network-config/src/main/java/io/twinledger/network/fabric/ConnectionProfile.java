package io.twinledger.network.fabric;

import io.twinledger.network.Consortium;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.org.Organisation;
import tools.jackson.databind.node.ObjectNode;

/**
 * An organisation's common connection profile (JSON): its peer as reached from the Docker host,
 * with the TLS CA to trust, and the channels it is on. TLS paths are relative to {@code
 * network-config/fabric/}.
 */
public final class ConnectionProfile {

  private ConnectionProfile() {}

  /** Where the profile of {@code org} goes: {@code connection-profiles/cityfinance.json}. */
  public static String path(Organisation org) {
    return "connection-profiles/" + org.shortName() + ".json";
  }

  /** The profile's text. */
  public static String render(Consortium consortium, Organisation org) {
    ObjectNode root = Documents.object();
    root.put("name", consortium.name() + "-" + org.shortName());
    root.put("version", "1.0.0");
    ObjectNode client = root.putObject("client");
    client.put("organization", org.mspId());
    client.putObject("connection").putObject("timeout").putObject("peer").put("endorser", "300");
    ObjectNode channels = root.putObject("channels");
    for (Channel channel : consortium.channelsOf(org.mspId())) {
      ObjectNode peer =
          channels.putObject(channel.name()).putObject("peers").putObject(org.peerHost());
      peer.put("endorsingPeer", true);
      peer.put("chaincodeQuery", true);
      peer.put("ledgerQuery", true);
      peer.put("eventSource", true);
    }
    ObjectNode organisation = root.putObject("organizations").putObject(org.mspId());
    organisation.put("mspid", org.mspId());
    organisation.putArray("peers").add(org.peerHost());
    ObjectNode peer = root.putObject("peers").putObject(org.peerHost());
    peer.put("url", "grpcs://localhost:" + org.peerPort());
    peer.putObject("tlsCACerts").put("path", CryptoLayout.tlsCaCertificate(org));
    ObjectNode grpc = peer.putObject("grpcOptions");
    grpc.put("ssl-target-name-override", org.peerHost());
    grpc.put("hostnameOverride", org.peerHost());
    return Documents.json(root);
  }
}
