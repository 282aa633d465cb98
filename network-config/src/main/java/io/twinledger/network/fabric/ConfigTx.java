package io.twinledger.network.fabric;

import io.twinledger.network.Consortium;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.org.OrdererOrganisation;
import io.twinledger.network.org.Organisation;
import io.twinledger.network.policy.PrincipalRole;
import io.twinledger.network.policy.SignedBy;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code configtx.yaml} for {@code configtxgen}: the organisations with their NodeOU-based
 * policies, and per channel a profile with a one-node etcdraft orderer and V2_5 application
 * capabilities.
 *
 * <p>Profiles are written out in full rather than with YAML anchors, so that every reader of the
 * file (and the drift test) sees the same thing configtxgen does. Relative paths are relative to
 * the file's directory, as configtxgen resolves them.
 */
public final class ConfigTx {

  static final String FILE = "configtx.yaml";

  private ConfigTx() {}

  /** The file's text. */
  public static String render(Consortium consortium) {
    ObjectNode root = Documents.object();
    ArrayNode organisations = root.putArray("Organizations");
    organisations.add(ordererOrganisation(consortium.orderer()));
    consortium.organisations().forEach(org -> organisations.add(organisation(org)));
    ObjectNode profiles = root.putObject("Profiles");
    for (Channel channel : consortium.channels()) {
      profiles.set(profileName(channel), profile(consortium, channel));
    }
    return Documents.yaml(
        """
        Generated from network-config/src/main/resources/network/consortium.yaml by
        io.twinledger.network.fabric.FabricNetworkFiles: do not edit, regenerate (docs/fabric-network.md).
        configtxgen -configPath . -profile <profile> -channelID <channel> -outputBlock <file>""",
        root);
  }

  /** The profile that makes {@code channel}'s genesis block: {@code InfraPerformanceChannel}. */
  public static String profileName(Channel channel) {
    return Arrays.stream(channel.name().split("[-.]"))
            .filter(part -> !part.isEmpty())
            .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
            .collect(Collectors.joining())
        + "Channel";
  }

  private static ObjectNode ordererOrganisation(OrdererOrganisation orderer) {
    ObjectNode org = Documents.object();
    org.put("Name", orderer.mspId());
    org.put("ID", orderer.mspId());
    org.put("MSPDir", CryptoLayout.ordererOrgMsp(orderer));
    ObjectNode policies = org.putObject("Policies");
    String member = new SignedBy(orderer.mspId()).signaturePolicy(PrincipalRole.MEMBER);
    signature(policies, "Readers", member);
    signature(policies, "Writers", member);
    signature(
        policies, "Admins", new SignedBy(orderer.mspId()).signaturePolicy(PrincipalRole.ADMIN));
    org.putArray("OrdererEndpoints").add(orderer.host() + ":" + orderer.port());
    return org;
  }

  private static ObjectNode organisation(Organisation organisation) {
    ObjectNode org = Documents.object();
    org.put("Name", organisation.mspId());
    org.put("ID", organisation.mspId());
    org.put("MSPDir", CryptoLayout.peerOrgMsp(organisation));
    ObjectNode policies = org.putObject("Policies");
    signature(
        policies,
        "Readers",
        roles(organisation, PrincipalRole.ADMIN, PrincipalRole.PEER, PrincipalRole.CLIENT));
    signature(policies, "Writers", roles(organisation, PrincipalRole.ADMIN, PrincipalRole.CLIENT));
    signature(policies, "Admins", roles(organisation, PrincipalRole.ADMIN));
    signature(policies, "Endorsement", roles(organisation, PrincipalRole.PEER));
    ObjectNode anchor = org.putArray("AnchorPeers").addObject();
    anchor.put("Host", organisation.peerHost());
    anchor.put("Port", organisation.peerPort());
    return org;
  }

  /** {@code OR('M.role1','M.role2')}: any identity of the organisation in one of the roles. */
  private static String roles(Organisation organisation, PrincipalRole... roles) {
    return Arrays.stream(roles)
        .map(role -> "'" + organisation.mspId() + "." + role.principalSuffix() + "'")
        .collect(Collectors.joining(",", "OR(", ")"));
  }

  private static ObjectNode profile(Consortium consortium, Channel channel) {
    ObjectNode profile = Documents.object();
    ObjectNode channelPolicies = profile.putObject("Policies");
    implicitMeta(channelPolicies, "Readers", "ANY Readers");
    implicitMeta(channelPolicies, "Writers", "ANY Writers");
    implicitMeta(channelPolicies, "Admins", "MAJORITY Admins");
    profile.putObject("Capabilities").put("V2_0", true);

    OrdererOrganisation orderer = consortium.orderer();
    ObjectNode ordering = profile.putObject("Orderer");
    ordering.put("OrdererType", "etcdraft");
    ordering.put("BatchTimeout", GoDurations.format(orderer.batchTimeout()));
    ObjectNode batchSize = ordering.putObject("BatchSize");
    batchSize.put("MaxMessageCount", orderer.maxMessageCount());
    batchSize.put("AbsoluteMaxBytes", "99 MB");
    batchSize.put("PreferredMaxBytes", "512 KB");
    ObjectNode consenter = ordering.putObject("EtcdRaft").putArray("Consenters").addObject();
    consenter.put("Host", orderer.host());
    consenter.put("Port", orderer.port());
    String tls = CryptoLayout.ordererNode(orderer) + "/tls/server.crt";
    consenter.put("ClientTLSCert", tls);
    consenter.put("ServerTLSCert", tls);
    ordering.putArray("Organizations").add(ordererOrganisation(orderer));
    ObjectNode orderingPolicies = ordering.putObject("Policies");
    implicitMeta(orderingPolicies, "Readers", "ANY Readers");
    implicitMeta(orderingPolicies, "Writers", "ANY Writers");
    implicitMeta(orderingPolicies, "Admins", "MAJORITY Admins");
    implicitMeta(orderingPolicies, "BlockValidation", "ANY Writers");
    ordering.putObject("Capabilities").put("V2_0", true);

    ObjectNode application = profile.putObject("Application");
    ArrayNode members = application.putArray("Organizations");
    List<Organisation> organisations =
        channel.members().stream().map(id -> consortium.organisation(id).orElseThrow()).toList();
    organisations.forEach(org -> members.add(organisation(org)));
    ObjectNode applicationPolicies = application.putObject("Policies");
    implicitMeta(applicationPolicies, "Readers", "ANY Readers");
    implicitMeta(applicationPolicies, "Writers", "ANY Writers");
    implicitMeta(applicationPolicies, "Admins", "MAJORITY Admins");
    implicitMeta(applicationPolicies, "LifecycleEndorsement", "MAJORITY Endorsement");
    implicitMeta(applicationPolicies, "Endorsement", "MAJORITY Endorsement");
    application.putObject("Capabilities").put("V2_5", true);
    return profile;
  }

  private static void signature(ObjectNode policies, String name, String rule) {
    ObjectNode policy = policies.putObject(name);
    policy.put("Type", "Signature");
    policy.put("Rule", rule);
  }

  private static void implicitMeta(ObjectNode policies, String name, String rule) {
    ObjectNode policy = policies.putObject(name);
    policy.put("Type", "ImplicitMeta");
    policy.put("Rule", rule);
  }
}
