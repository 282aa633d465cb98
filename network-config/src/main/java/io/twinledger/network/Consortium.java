package io.twinledger.network;

import io.twinledger.network.chaincode.ChaincodePackage;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.org.OrdererOrganisation;
import io.twinledger.network.org.OrgRole;
import io.twinledger.network.org.Organisation;
import io.twinledger.network.policy.EndorsementPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The TwinLedger consortium: its organisations, ordering service, channels, chaincode definitions
 * and their endorsement policies. The embedded peer and the files of a real Fabric network are both
 * derived from it.
 *
 * <p>Invariants: MSP ids and domains are unique across the member and orderer organisations, peer
 * ports do not collide, and every channel member is a member organisation.
 *
 * @param name the consortium's name: {@code twinledger}
 * @param orderer the ordering service's organisation
 * @param organisations the member organisations, in document order; never empty
 * @param chaincode the chaincode package all chaincode definitions run
 * @param channels the channels, in document order; never empty
 */
public record Consortium(
    String name,
    OrdererOrganisation orderer,
    List<Organisation> organisations,
    ChaincodePackage chaincode,
    List<Channel> channels) {

  /** The checked-in definition, on the class path. */
  public static final String RESOURCE = "/network/consortium.yaml";

  public Consortium {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(orderer, "orderer");
    organisations = List.copyOf(organisations);
    Objects.requireNonNull(chaincode, "chaincode");
    channels = List.copyOf(channels);
    if (organisations.isEmpty()) {
      throw new IllegalArgumentException("a consortium needs at least one organisation");
    }
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("a consortium needs at least one channel");
    }
    Set<String> mspIds = new HashSet<>(Set.of(orderer.mspId()));
    Set<String> domains = new HashSet<>(Set.of(orderer.domain()));
    Set<Integer> ports = new HashSet<>(Set.of(orderer.port(), orderer.adminPort()));
    for (Organisation org : organisations) {
      if (!mspIds.add(org.mspId())) {
        throw new IllegalArgumentException("MSP id " + org.mspId() + " is used twice");
      }
      if (!domains.add(org.domain())) {
        throw new IllegalArgumentException("domain " + org.domain() + " is used twice");
      }
      if (!ports.add(org.peerPort()) || !ports.add(org.chaincodePort())) {
        throw new IllegalArgumentException(
            org.mspId()
                + "'s peer ports "
                + org.peerPort()
                + "-"
                + org.chaincodePort()
                + " collide");
      }
    }
    Set<String> channelNames = new HashSet<>();
    for (Channel channel : channels) {
      if (!channelNames.add(channel.name())) {
        throw new IllegalArgumentException("channel " + channel.name() + " is defined twice");
      }
      for (String member : channel.members()) {
        if (organisations.stream().noneMatch(o -> o.mspId().equals(member))) {
          throw new IllegalArgumentException(
              "channel " + channel.name() + " names " + member + ", which is no organisation");
        }
      }
    }
  }

  /** The checked-in TwinLedger consortium ({@value #RESOURCE}). */
  public static Consortium twinLedger() {
    try (InputStream in = Consortium.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return read(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The consortium a YAML (or JSON) file defines. */
  public static Consortium load(Path file) throws IOException {
    return read(Files.readAllBytes(file));
  }

  /**
   * The consortium a YAML (or JSON) document defines.
   *
   * @throws InvalidConsortiumException naming every problem with its path in the document
   */
  public static Consortium read(byte[] document) {
    return ConsortiumReader.read(document);
  }

  /** The member organisation with this MSP id, if there is one. */
  public Optional<Organisation> organisation(String mspId) {
    return organisations.stream().filter(o -> o.mspId().equals(mspId)).findFirst();
  }

  /** The member organisations that hold {@code role}, in document order. */
  public List<Organisation> organisationsWith(OrgRole role) {
    return organisations.stream().filter(o -> o.hasRole(role)).toList();
  }

  /** The channel named {@code name}, if there is one. */
  public Optional<Channel> channel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The channels {@code mspId} is a member of, in document order. */
  public List<Channel> channelsOf(String mspId) {
    return channels.stream().filter(c -> c.hasMember(mspId)).toList();
  }

  /** The endorsement policy for {@code contract} on {@code channel}, if it is deployed there. */
  public Optional<EndorsementPolicy> endorsementPolicy(String channel, String contract) {
    return channel(channel).flatMap(c -> c.endorsementPolicy(contract));
  }
}
