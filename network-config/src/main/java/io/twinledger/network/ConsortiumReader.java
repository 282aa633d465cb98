package io.twinledger.network;

import io.twinledger.network.chaincode.ChaincodeDefinition;
import io.twinledger.network.chaincode.ChaincodePackage;
import io.twinledger.network.chaincode.PrivateDataCollection;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.org.Names;
import io.twinledger.network.org.OrdererOrganisation;
import io.twinledger.network.org.OrgRole;
import io.twinledger.network.org.Organisation;
import io.twinledger.network.policy.AllOf;
import io.twinledger.network.policy.AnyOf;
import io.twinledger.network.policy.EndorsementPolicy;
import io.twinledger.network.policy.OutOf;
import io.twinledger.network.policy.SignedBy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads a consortium document into a {@link Consortium}, collecting every problem with its path.
 *
 * <p>The document is walked as a tree rather than bound to classes, so that unknown keys are errors
 * rather than silently ignored, and each error names its place in the document. An explicit YAML
 * null counts as absent. Roles in policies are resolved here, against the channel's members.
 */
final class ConsortiumReader {

  private static final int VERSION = 1;

  /** YAML parser messages span lines and quote the document; a reason keeps this much. */
  private static final int PARSE_PROBLEM_LENGTH = 300;

  private static final String POLICY_FORMS =
      "signedBy: <MSP id>, role: <role>, allOf: [...], anyOf: [...] or outOf: {n: <count>, of:"
          + " [...]}";

  private static final String CHANNEL_MEMBER = "a member of the channel";

  private final List<ConsortiumProblem> problems = new ArrayList<>();

  private ConsortiumReader() {}

  static Consortium read(byte[] document) {
    JsonNode root;
    try {
      root = YamlTree.read(document);
    } catch (YamlTree.Unreadable e) {
      throw new InvalidConsortiumException(
          List.of(new ConsortiumProblem("", "is not valid YAML or JSON: " + oneLine(e))));
    }
    ConsortiumReader reader = new ConsortiumReader();
    Optional<Consortium> consortium = reader.consortium(root);
    if (!reader.problems.isEmpty()) {
      throw new InvalidConsortiumException(reader.problems);
    }
    return consortium.orElseThrow();
  }

  private Optional<Consortium> consortium(JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      problem("", "the consortium document is empty");
      return Optional.empty();
    }
    if (!root.isObject()) {
      problem(
          "", "must be a mapping with version, name, orderer, organisations, chaincode, channels");
      return Optional.empty();
    }
    allowOnly(root, "", "version", "name", "orderer", "organisations", "chaincode", "channels");
    JsonNode version = present(root, "version");
    if (version == null) {
      problem("version", "is required");
    } else if (!version.isIntegralNumber() || version.asInt() != VERSION) {
      problem("version", "must be " + VERSION + ", was " + version);
    }
    Optional<String> name = text(root, "name", "", true);
    Optional<OrdererOrganisation> orderer = object(root, "orderer", "").flatMap(this::orderer);
    List<Organisation> organisations = organisations(root);
    Optional<ChaincodePackage> chaincode =
        object(root, "chaincode", "").flatMap(this::chaincodePackage);
    List<Channel> channels = channels(root, organisations);
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    return valid(
        () ->
            new Consortium(
                name.orElseThrow(),
                orderer.orElseThrow(),
                organisations,
                chaincode.orElseThrow(),
                channels),
        "");
  }

  private Optional<OrdererOrganisation> orderer(JsonNode node) {
    String path = "orderer";
    allowOnly(
        node,
        path,
        "name",
        "mspId",
        "domain",
        "hostname",
        "port",
        "adminPort",
        "batchTimeout",
        "maxMessageCount");
    int before = problems.size();
    Optional<String> name = text(node, "name", path, true);
    Optional<String> mspId = matching(node, "mspId", path, Names.MSP_ID);
    Optional<String> domain = matching(node, "domain", path, Names.DOMAIN);
    Optional<String> hostname = matching(node, "hostname", path, Names.HOST_LABEL);
    Optional<Integer> port = port(node, "port", path);
    Optional<Integer> adminPort = port(node, "adminPort", path);
    Optional<Duration> batchTimeout = duration(node, "batchTimeout", path);
    Optional<Integer> maxMessageCount = integer(node, "maxMessageCount", path, 1);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return valid(
        () ->
            new OrdererOrganisation(
                name.orElseThrow(),
                mspId.orElseThrow(),
                domain.orElseThrow(),
                hostname.orElseThrow(),
                port.orElseThrow(),
                adminPort.orElseThrow(),
                batchTimeout.orElseThrow(),
                maxMessageCount.orElseThrow()),
        path);
  }

  private List<Organisation> organisations(JsonNode root) {
    List<Organisation> organisations = new ArrayList<>();
    Optional<JsonNode> list = list(root, "organisations", "");
    if (list.isEmpty()) {
      return organisations;
    }
    Map<String, String> mspIds = new HashMap<>();
    Map<String, String> domains = new HashMap<>();
    Map<Integer, String> ports = new HashMap<>();
    for (int i = 0; i < list.get().size(); i++) {
      String path = "organisations[" + i + "]";
      JsonNode node = list.get().get(i);
      if (!node.isObject()) {
        problem(path, "must be a mapping");
        continue;
      }
      organisation(node, path)
          .ifPresent(
              org -> {
                unique(mspIds, org.mspId(), child(path, "mspId"), path);
                unique(domains, org.domain(), child(path, "domain"), path);
                unique(ports, org.peerPort(), child(path, "peerPort"), path);
                organisations.add(org);
              });
    }
    return organisations;
  }

  private Optional<Organisation> organisation(JsonNode node, String path) {
    allowOnly(node, path, "name", "mspId", "domain", "roles", "peerPort");
    int before = problems.size();
    Optional<String> name = text(node, "name", path, true);
    Optional<String> mspId = matching(node, "mspId", path, Names.MSP_ID);
    Optional<String> domain = matching(node, "domain", path, Names.DOMAIN);
    Set<OrgRole> roles = EnumSet.noneOf(OrgRole.class);
    list(node, "roles", path)
        .ifPresent(
            list -> {
              if (list.isEmpty()) {
                problem(child(path, "roles"), "must name at least one role");
              }
              for (int i = 0; i < list.size(); i++) {
                String rolePath = child(path, "roles") + "[" + i + "]";
                role(list.get(i), rolePath).ifPresent(roles::add);
              }
            });
    Optional<Integer> peerPort = port(node, "peerPort", path);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return valid(
        () ->
            new Organisation(
                name.orElseThrow(),
                mspId.orElseThrow(),
                domain.orElseThrow(),
                roles,
                peerPort.orElseThrow()),
        path);
  }

  private Optional<ChaincodePackage> chaincodePackage(JsonNode node) {
    String path = "chaincode";
    allowOnly(node, path, "label", "sequence", "address", "dialTimeout");
    int before = problems.size();
    Optional<String> label = matching(node, "label", path, ChaincodePackage.LABEL);
    Optional<Integer> sequence = integer(node, "sequence", path, 1);
    Optional<String> address = matching(node, "address", path, ChaincodePackage.ADDRESS);
    Optional<Duration> dialTimeout = duration(node, "dialTimeout", path);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return valid(
        () ->
            new ChaincodePackage(
                label.orElseThrow(),
                sequence.orElseThrow(),
                address.orElseThrow(),
                dialTimeout.orElseThrow()),
        path);
  }

  private List<Channel> channels(JsonNode root, List<Organisation> organisations) {
    List<Channel> channels = new ArrayList<>();
    Optional<JsonNode> list = list(root, "channels", "");
    if (list.isEmpty()) {
      return channels;
    }
    Map<String, String> names = new HashMap<>();
    for (int i = 0; i < list.get().size(); i++) {
      String path = "channels[" + i + "]";
      JsonNode node = list.get().get(i);
      if (!node.isObject()) {
        problem(path, "must be a mapping");
        continue;
      }
      channel(node, path, organisations)
          .ifPresent(
              channel -> {
                unique(names, channel.name(), child(path, "name"), path);
                channels.add(channel);
              });
    }
    return channels;
  }

  private Optional<Channel> channel(JsonNode node, String path, List<Organisation> organisations) {
    allowOnly(node, path, "name", "members", "chaincodes");
    int before = problems.size();
    Optional<String> name = matching(node, "name", path, Channel.NAME);
    List<Organisation> members =
        members(node, path, organisations, "an organisation of the consortium");
    List<ChaincodeDefinition> chaincodes = new ArrayList<>();
    Map<String, String> chaincodeNames = new HashMap<>();
    Map<String, String> contracts = new HashMap<>();
    list(node, "chaincodes", path)
        .ifPresent(
            list -> {
              for (int i = 0; i < list.size(); i++) {
                String chaincodePath = child(path, "chaincodes") + "[" + i + "]";
                JsonNode chaincode = list.get(i);
                if (!chaincode.isObject()) {
                  problem(chaincodePath, "must be a mapping");
                  continue;
                }
                chaincodeDefinition(chaincode, chaincodePath, members)
                    .ifPresent(
                        definition -> {
                          unique(
                              chaincodeNames,
                              definition.name(),
                              child(chaincodePath, "name"),
                              chaincodePath);
                          definition
                              .contracts()
                              .forEach(
                                  c ->
                                      unique(
                                          contracts,
                                          c,
                                          child(chaincodePath, "contracts"),
                                          chaincodePath));
                          chaincodes.add(definition);
                        });
              }
            });
    if (problems.size() > before) {
      return Optional.empty();
    }
    return valid(
        () ->
            new Channel(
                name.orElseThrow(), members.stream().map(Organisation::mspId).toList(), chaincodes),
        path);
  }

  /** The organisations a {@code members} list names, each one of {@code allowed}. */
  private List<Organisation> members(
      JsonNode node, String path, List<Organisation> allowed, String scope) {
    List<Organisation> members = new ArrayList<>();
    String membersPath = child(path, "members");
    list(node, "members", path)
        .ifPresent(
            list -> {
              if (list.isEmpty()) {
                problem(membersPath, "must name at least one organisation");
              }
              for (int i = 0; i < list.size(); i++) {
                String memberPath = membersPath + "[" + i + "]";
                scalarText(list.get(i), memberPath)
                    .flatMap(id -> mspIdIn(id, memberPath, allowed, scope))
                    .ifPresent(
                        org -> {
                          if (members.contains(org)) {
                            problem(memberPath, "names " + org.mspId() + " twice");
                          } else {
                            members.add(org);
                          }
                        });
              }
            });
    return members;
  }

  private Optional<ChaincodeDefinition> chaincodeDefinition(
      JsonNode node, String path, List<Organisation> members) {
    allowOnly(node, path, "name", "contracts", "endorsement", "collections");
    int before = problems.size();
    Optional<String> name = matching(node, "name", path, ChaincodeDefinition.NAME);
    List<String> contracts = new ArrayList<>();
    list(node, "contracts", path)
        .ifPresent(
            list -> {
              if (list.isEmpty()) {
                problem(child(path, "contracts"), "must name at least one contract");
              }
              for (int i = 0; i < list.size(); i++) {
                String contractPath = child(path, "contracts") + "[" + i + "]";
                scalarText(list.get(i), contractPath)
                    .flatMap(c -> matches(c, ChaincodeDefinition.CONTRACT, contractPath))
                    .ifPresent(
                        c -> {
                          if (contracts.contains(c)) {
                            problem(contractPath, "names " + c + " twice");
                          } else {
                            contracts.add(c);
                          }
                        });
              }
            });
    Optional<EndorsementPolicy> endorsement = Optional.empty();
    JsonNode policy = present(node, "endorsement");
    if (policy == null) {
      problem(child(path, "endorsement"), "is required");
    } else {
      endorsement = policy(policy, child(path, "endorsement"), members);
    }
    List<PrivateDataCollection> collections = new ArrayList<>();
    JsonNode collectionList = present(node, "collections");
    if (collectionList != null) {
      if (!collectionList.isArray()) {
        problem(child(path, "collections"), "must be a list");
      } else {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < collectionList.size(); i++) {
          String collectionPath = child(path, "collections") + "[" + i + "]";
          JsonNode collection = collectionList.get(i);
          if (!collection.isObject()) {
            problem(collectionPath, "must be a mapping");
            continue;
          }
          collection(collection, collectionPath, members)
              .ifPresent(
                  c -> {
                    unique(names, c.name(), child(collectionPath, "name"), collectionPath);
                    collections.add(c);
                  });
        }
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    Optional<EndorsementPolicy> policyRead = endorsement;
    return valid(
        () ->
            new ChaincodeDefinition(
                name.orElseThrow(), contracts, policyRead.orElseThrow(), collections),
        path);
  }

  private Optional<PrivateDataCollection> collection(
      JsonNode node, String path, List<Organisation> channelMembers) {
    allowOnly(
        node,
        path,
        "name",
        "members",
        "requiredPeerCount",
        "maxPeerCount",
        "blockToLive",
        "memberOnlyRead",
        "memberOnlyWrite");
    int before = problems.size();
    Optional<String> name = matching(node, "name", path, PrivateDataCollection.NAME);
    List<Organisation> members = members(node, path, channelMembers, CHANNEL_MEMBER);
    Optional<Integer> required = integer(node, "requiredPeerCount", path, 0);
    Optional<Integer> max = integer(node, "maxPeerCount", path, 0);
    Optional<Integer> blockToLive = integer(node, "blockToLive", path, 0);
    Optional<Boolean> memberOnlyRead = bool(node, "memberOnlyRead", path);
    Optional<Boolean> memberOnlyWrite = bool(node, "memberOnlyWrite", path);
    if (required.isPresent() && max.isPresent() && max.get() < required.get()) {
      problem(
          child(path, "maxPeerCount"),
          "must not be below requiredPeerCount (" + required.get() + "), was " + max.get());
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return valid(
        () ->
            new PrivateDataCollection(
                name.orElseThrow(),
                members.stream().map(Organisation::mspId).toList(),
                required.orElseThrow(),
                max.orElseThrow(),
                blockToLive.orElseThrow(),
                memberOnlyRead.orElseThrow(),
                memberOnlyWrite.orElseThrow()),
        path);
  }

  /**
   * A policy; MSP ids and roles must name channel members. A role held by several members resolves
   * to any one of them.
   */
  private Optional<EndorsementPolicy> policy(
      JsonNode node, String path, List<Organisation> members) {
    if (!node.isObject() || node.size() != 1) {
      problem(path, "must be a mapping with exactly one of " + POLICY_FORMS);
      return Optional.empty();
    }
    String form = node.propertyNames().iterator().next();
    JsonNode value = node.get(form);
    String valuePath = child(path, form);
    return switch (form) {
      case "signedBy" ->
          scalarText(value, valuePath)
              .flatMap(id -> mspIdIn(id, valuePath, members, CHANNEL_MEMBER))
              .map(org -> new SignedBy(org.mspId()));
      case "role" -> scalarText(value, valuePath).flatMap(r -> roleIn(r, valuePath, members));
      case "allOf" -> policies(value, valuePath, members).map(AllOf::new);
      case "anyOf" -> policies(value, valuePath, members).map(AnyOf::new);
      case "outOf" -> outOf(value, valuePath, members);
      default -> {
        problem(valuePath, "is not a policy form; expected " + POLICY_FORMS);
        yield Optional.empty();
      }
    };
  }

  private Optional<EndorsementPolicy> outOf(
      JsonNode node, String path, List<Organisation> members) {
    if (!node.isObject()) {
      problem(path, "must be a mapping with n and of");
      return Optional.empty();
    }
    allowOnly(node, path, "n", "of");
    Optional<Integer> n = integer(node, "n", path, 1);
    JsonNode of = present(node, "of");
    if (of == null) {
      problem(child(path, "of"), "is required");
      return Optional.empty();
    }
    Optional<List<EndorsementPolicy>> policies = policies(of, child(path, "of"), members);
    if (n.isEmpty() || policies.isEmpty()) {
      return Optional.empty();
    }
    if (n.get() > policies.get().size()) {
      problem(
          child(path, "n"),
          "must not exceed the " + policies.get().size() + " policies of 'of', was " + n.get());
      return Optional.empty();
    }
    return Optional.of(new OutOf(n.get(), policies.get()));
  }

  private Optional<List<EndorsementPolicy>> policies(
      JsonNode node, String path, List<Organisation> members) {
    if (!node.isArray() || node.isEmpty()) {
      problem(path, "must be a non-empty list of policies");
      return Optional.empty();
    }
    List<EndorsementPolicy> policies = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < node.size(); i++) {
      Optional<EndorsementPolicy> policy = policy(node.get(i), path + "[" + i + "]", members);
      policy.ifPresent(policies::add);
      complete &= policy.isPresent();
    }
    return complete ? Optional.of(policies) : Optional.empty();
  }

  private Optional<EndorsementPolicy> roleIn(String key, String path, List<Organisation> members) {
    Optional<OrgRole> role = OrgRole.ofKey(key);
    if (role.isEmpty()) {
      problem(path, "'" + key + "' is not a role; expected one of " + roleKeys());
      return Optional.empty();
    }
    List<EndorsementPolicy> holders =
        members.stream()
            .filter(o -> o.hasRole(role.get()))
            .<EndorsementPolicy>map(o -> new SignedBy(o.mspId()))
            .toList();
    if (holders.isEmpty()) {
      problem(path, "no member of the channel has the role " + key);
      return Optional.empty();
    }
    return Optional.of(holders.size() == 1 ? holders.getFirst() : new AnyOf(holders));
  }

  private Optional<Organisation> mspIdIn(
      String mspId, String path, List<Organisation> allowed, String scope) {
    Optional<Organisation> org = allowed.stream().filter(o -> o.mspId().equals(mspId)).findFirst();
    if (org.isEmpty()) {
      problem(
          path,
          mspId
              + " is not "
              + scope
              + "; expected one of "
              + allowed.stream().map(Organisation::mspId).collect(Collectors.joining(", ")));
    }
    return org;
  }

  private Optional<OrgRole> role(JsonNode node, String path) {
    Optional<String> key = scalarText(node, path);
    Optional<OrgRole> role = key.flatMap(OrgRole::ofKey);
    if (key.isPresent() && role.isEmpty()) {
      problem(path, "'" + key.get() + "' is not a role; expected one of " + roleKeys());
    }
    return role;
  }

  private Optional<JsonNode> object(JsonNode parent, String key, String parentPath) {
    JsonNode node = present(parent, key);
    if (node == null) {
      problem(child(parentPath, key), "is required");
      return Optional.empty();
    }
    if (!node.isObject()) {
      problem(child(parentPath, key), "must be a mapping");
      return Optional.empty();
    }
    return Optional.of(node);
  }

  private Optional<JsonNode> list(JsonNode parent, String key, String parentPath) {
    JsonNode node = present(parent, key);
    if (node == null) {
      problem(child(parentPath, key), "is required");
      return Optional.empty();
    }
    if (!node.isArray()) {
      problem(child(parentPath, key), "must be a list");
      return Optional.empty();
    }
    return Optional.of(node);
  }

  private Optional<String> text(JsonNode parent, String key, String parentPath, boolean required) {
    JsonNode node = present(parent, key);
    String path = child(parentPath, key);
    if (node == null) {
      if (required) {
        problem(path, "is required");
      }
      return Optional.empty();
    }
    return scalarText(node, path);
  }

  private Optional<String> scalarText(JsonNode node, String path) {
    if (!node.isString()) {
      problem(path, "must be a string, was " + node);
      return Optional.empty();
    }
    if (node.stringValue().isBlank()) {
      problem(path, "must not be blank");
      return Optional.empty();
    }
    return Optional.of(node.stringValue());
  }

  private Optional<String> matching(JsonNode parent, String key, String parentPath, Pattern rule) {
    String path = child(parentPath, key);
    return text(parent, key, parentPath, true).flatMap(value -> matches(value, rule, path));
  }

  private Optional<String> matches(String value, Pattern rule, String path) {
    if (!rule.matcher(value).matches()) {
      problem(path, "must match " + rule.pattern() + ", was '" + value + "'");
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private Optional<Integer> integer(JsonNode parent, String key, String parentPath, int minimum) {
    JsonNode node = present(parent, key);
    String path = child(parentPath, key);
    if (node == null) {
      problem(path, "is required");
      return Optional.empty();
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      problem(path, "must be a whole number, was " + node);
      return Optional.empty();
    }
    if (node.intValue() < minimum) {
      problem(path, "must be at least " + minimum + ", was " + node.intValue());
      return Optional.empty();
    }
    return Optional.of(node.intValue());
  }

  private Optional<Integer> port(JsonNode parent, String key, String parentPath) {
    Optional<Integer> port = integer(parent, key, parentPath, 1);
    if (port.isPresent() && port.get() > 65534) {
      problem(child(parentPath, key), "must be a port below 65535, was " + port.get());
      return Optional.empty();
    }
    return port;
  }

  private Optional<Boolean> bool(JsonNode parent, String key, String parentPath) {
    JsonNode node = present(parent, key);
    String path = child(parentPath, key);
    if (node == null) {
      problem(path, "is required");
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      problem(path, "must be true or false, was " + node);
      return Optional.empty();
    }
    return Optional.of(node.booleanValue());
  }

  private Optional<Duration> duration(JsonNode parent, String key, String parentPath) {
    String path = child(parentPath, key);
    return text(parent, key, parentPath, true)
        .flatMap(
            text -> {
              try {
                Duration duration = Duration.parse(text);
                if (duration.isNegative() || duration.isZero()) {
                  problem(path, "must be positive, was " + text);
                  return Optional.empty();
                }
                return Optional.of(duration);
              } catch (DateTimeParseException e) {
                problem(path, "must be an ISO-8601 duration such as PT2S, was '" + text + "'");
                return Optional.empty();
              }
            });
  }

  /** The value, or the problem its own validation found, placed at {@code path}. */
  private <T> Optional<T> valid(Supplier<T> construction, String path) {
    try {
      return Optional.of(construction.get());
    } catch (IllegalArgumentException e) {
      problem(path, e.getMessage());
      return Optional.empty();
    }
  }

  private <K> void unique(Map<K, String> seen, K key, String path, String ownerPath) {
    String earlier = seen.putIfAbsent(key, ownerPath);
    if (earlier != null) {
      problem(path, "'" + key + "' duplicates " + earlier);
    }
  }

  private void allowOnly(JsonNode node, String path, String... keys) {
    List<String> allowed = Arrays.asList(keys);
    for (String key : node.propertyNames()) {
      if (!allowed.contains(key)) {
        problem(child(path, key), "is not a known key; expected one of " + String.join(", ", keys));
      }
    }
  }

  private void problem(String path, String reason) {
    problems.add(new ConsortiumProblem(path, reason));
  }

  private static String roleKeys() {
    return Arrays.stream(OrgRole.values()).map(OrgRole::key).collect(Collectors.joining(", "));
  }

  /** The member, or {@code null} if it is absent or an explicit YAML null. */
  private static JsonNode present(JsonNode parent, String key) {
    JsonNode node = parent.get(key);
    return node == null || node.isNull() ? null : node;
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String oneLine(YamlTree.Unreadable e) {
    String text = e.getMessage().replaceAll("\\s+", " ").strip();
    return text.length() <= PARSE_PROBLEM_LENGTH
        ? text
        : text.substring(0, PARSE_PROBLEM_LENGTH) + "…";
  }
}
