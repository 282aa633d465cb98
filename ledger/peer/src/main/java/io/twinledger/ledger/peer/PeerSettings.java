package io.twinledger.ledger.peer;

import io.twinledger.ledger.peer.commit.BatchLimits;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Everything an {@link EmbeddedPeer} needs, as plain values.
 *
 * <p>The peer belongs to one organisation, {@code gatewayMspId}, and joins each of {@code
 * channels}; as on Fabric, where a peer may only join channels its organisation is a member of,
 * that organisation must be a member of every one, holding an endorser identity there.
 *
 * @param gatewayMspId the organisation the gateway answers for (in error details and {@code
 *     getMspId()} inside chaincode)
 * @param dataSource the PostgreSQL holding the {@code V3_0__embedded_peer.sql} tables, whose rows
 *     are kept apart by channel
 * @param channels the channels the peer joins, with distinct names, in the order they are checked
 *     at start
 * @param batchLimits when blocks are cut, on every channel alike
 */
public record PeerSettings(
    String gatewayMspId,
    DataSource dataSource,
    List<ChannelSettings> channels,
    BatchLimits batchLimits) {

  public PeerSettings {
    channels = List.copyOf(channels);
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("The peer needs at least one channel");
    }
    Set<String> names = new HashSet<>();
    for (ChannelSettings channel : channels) {
      if (!names.add(channel.channel())) {
        throw new IllegalArgumentException("Channel " + channel.channel() + " is listed twice");
      }
      if (!channel.endorsers().containsKey(gatewayMspId)) {
        throw new IllegalArgumentException(
            "The gateway organisation "
                + gatewayMspId
                + " has no endorser identity on channel "
                + channel.channel());
      }
    }
  }

  /** Settings of a peer that joins one channel. */
  public static PeerSettings of(
      String gatewayMspId,
      DataSource dataSource,
      ChannelSettings channel,
      BatchLimits batchLimits) {
    return new PeerSettings(gatewayMspId, dataSource, List.of(channel), batchLimits);
  }

  /** The settings of channel {@code name}, if the peer joins it. */
  public Optional<ChannelSettings> channel(String name) {
    return channels.stream().filter(c -> c.channel().equals(name)).findFirst();
  }
}
