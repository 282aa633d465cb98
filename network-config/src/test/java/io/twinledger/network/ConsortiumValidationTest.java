package io.twinledger.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each validation rule, reported at the path of the offending key. */
class ConsortiumValidationTest {

  /** A small valid document; tests replace one line of it. */
  private static final String VALID =
      """
      version: 1
      name: test
      orderer:
        name: Orderer
        mspId: OrdererMSP
        domain: example.test
        hostname: orderer
        port: 7050
        adminPort: 7053
        batchTimeout: PT2S
        maxMessageCount: 500
      organisations:
        - name: City
          mspId: CityMSP
          domain: city.example.test
          roles: [log-operator, issuer]
          peerPort: 7051
        - name: Auditor
          mspId: AuditorMSP
          domain: auditor.example.test
          roles: [auditor]
          peerPort: 8051
      chaincode:
        label: twinledger_1.0
        sequence: 1
        address: twinledger-chaincode:9999
        dialTimeout: PT10S
      channels:
        - name: infra
          members: [CityMSP, AuditorMSP]
          chaincodes:
            - name: anchor
              contracts: [AuditAnchorContract]
              endorsement:
                allOf: [{role: log-operator}, {role: auditor}]
              collections:
                - name: secrets
                  members: [AuditorMSP]
                  requiredPeerCount: 0
                  maxPeerCount: 1
                  blockToLive: 0
                  memberOnlyRead: true
                  memberOnlyWrite: true
      """;

  private static List<ConsortiumProblem> problems(String yaml) {
    try {
      Consortium.read(yaml.getBytes(StandardCharsets.UTF_8));
    } catch (InvalidConsortiumException e) {
      return e.problems();
    }
    throw new AssertionError("expected the consortium to be rejected:\n" + yaml);
  }

  private static String replacing(String text, String replacement) {
    assertThat(VALID).contains(text);
    return VALID.replaceFirst(Pattern.quote(text), Matcher.quoteReplacement(replacement));
  }

  @Test
  void theBaseDocumentIsValid() {
    Consortium consortium = Consortium.read(VALID.getBytes(StandardCharsets.UTF_8));
    assertThat(
            consortium
                .endorsementPolicy("infra", "AuditAnchorContract")
                .orElseThrow()
                .signaturePolicy())
        .isEqualTo("AND('CityMSP.peer','AuditorMSP.peer')");
  }

  private static final String DOMAIN_RULE =
      "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*";

  private static final String POLICY_FORMS =
      "signedBy: <MSP id>, role: <role>, allOf: [...], anyOf: [...] or outOf: {n: <count>, of:"
          + " [...]}";

  /** The first occurrence of a text, its replacement, and the problem expected. */
  static Stream<Arguments> invalidDocuments() {
    return Stream.of(
        Arguments.of("version: 1", "version: 2", "version", "must be 1, was 2"),
        Arguments.of(
            "name: test",
            "nom: test",
            "nom",
            "is not a known key; expected one of version, name, orderer, organisations, chaincode, channels"),
        Arguments.of(
            "mspId: OrdererMSP",
            "mspId: 'Orderer MSP'",
            "orderer.mspId",
            "must match [A-Za-z][A-Za-z0-9._-]{0,63}, was 'Orderer MSP'"),
        Arguments.of(
            "port: 7050", "port: 70500", "orderer.port", "must be a port below 65535, was 70500"),
        Arguments.of(
            "adminPort: 7053",
            "adminPort: 7050",
            "orderer",
            "port and adminPort must differ, both are 7050"),
        Arguments.of(
            "batchTimeout: PT2S",
            "batchTimeout: 2s",
            "orderer.batchTimeout",
            "must be an ISO-8601 duration such as PT2S, was '2s'"),
        Arguments.of(
            "maxMessageCount: 500",
            "maxMessageCount: 0",
            "orderer.maxMessageCount",
            "must be at least 1, was 0"),
        Arguments.of(
            "roles: [auditor]",
            "roles: [auditer]",
            "organisations[1].roles[0]",
            "'auditer' is not a role; expected one of log-operator, asset-operator, issuer, trustee, auditor, community-operator"),
        Arguments.of(
            "roles: [auditor]",
            "roles: []",
            "organisations[1].roles",
            "must name at least one role"),
        Arguments.of(
            "mspId: AuditorMSP",
            "mspId: CityMSP",
            "organisations[1].mspId",
            "'CityMSP' duplicates organisations[0]"),
        Arguments.of(
            "peerPort: 8051",
            "peerPort: 7051",
            "organisations[1].peerPort",
            "'7051' duplicates organisations[0]"),
        Arguments.of(
            "domain: auditor.example.test",
            "domain: Auditor.Example",
            "organisations[1].domain",
            "must match " + DOMAIN_RULE + ", was 'Auditor.Example'"),
        Arguments.of("name: Auditor\n", "name: ''\n", "organisations[1].name", "must not be blank"),
        Arguments.of(
            "label: twinledger_1.0",
            "label: 'twin ledger'",
            "chaincode.label",
            "must match [A-Za-z0-9+.-][A-Za-z0-9+._-]*, was 'twin ledger'"),
        Arguments.of(
            "address: twinledger-chaincode:9999",
            "address: twinledger-chaincode",
            "chaincode.address",
            "must match [A-Za-z0-9.-]+:[0-9]{1,5}, was 'twinledger-chaincode'"),
        Arguments.of(
            "sequence: 1",
            "sequence: one",
            "chaincode.sequence",
            "must be a whole number, was \"one\""),
        Arguments.of(
            "- name: infra",
            "- name: Infra",
            "channels[0].name",
            "must match [a-z][a-z0-9.-]{0,248}, was 'Infra'"),
        Arguments.of(
            "members: [CityMSP, AuditorMSP]",
            "members: [CityMSP, RoadMSP]",
            "channels[0].members[1]",
            "RoadMSP is not an organisation of the consortium; expected one of CityMSP, AuditorMSP"),
        Arguments.of(
            "members: [CityMSP, AuditorMSP]",
            "members: [CityMSP, CityMSP]",
            "channels[0].members[1]",
            "names CityMSP twice"),
        Arguments.of(
            "members: [CityMSP, AuditorMSP]",
            "members: [CityMSP]",
            "channels[0].chaincodes[0].endorsement.allOf[1].role",
            "no member of the channel has the role auditor"),
        Arguments.of(
            "allOf: [{role: log-operator}, {role: auditor}]",
            "allOf: [{signedBy: RoadMSP}]",
            "channels[0].chaincodes[0].endorsement.allOf[0].signedBy",
            "RoadMSP is not a member of the channel; expected one of CityMSP, AuditorMSP"),
        Arguments.of(
            "allOf: [{role: log-operator}, {role: auditor}]",
            "allOf: []",
            "channels[0].chaincodes[0].endorsement.allOf",
            "must be a non-empty list of policies"),
        Arguments.of(
            "allOf: [{role: log-operator}, {role: auditor}]",
            "andOf: [{role: auditor}]",
            "channels[0].chaincodes[0].endorsement.andOf",
            "is not a policy form; expected " + POLICY_FORMS),
        Arguments.of(
            "allOf: [{role: log-operator}, {role: auditor}]",
            "outOf: {n: 3, of: [{role: auditor}, {role: issuer}]}",
            "channels[0].chaincodes[0].endorsement.outOf.n",
            "must not exceed the 2 policies of 'of', was 3"),
        Arguments.of(
            "allOf: [{role: log-operator}, {role: auditor}]",
            "allOf: [{role: auditor, signedBy: CityMSP}]",
            "channels[0].chaincodes[0].endorsement.allOf[0]",
            "must be a mapping with exactly one of " + POLICY_FORMS),
        Arguments.of(
            "allOf: [{role: log-operator}, {role: auditor}]",
            "allOf: [{role: trustee}]",
            "channels[0].chaincodes[0].endorsement.allOf[0].role",
            "no member of the channel has the role trustee"),
        Arguments.of(
            "contracts: [AuditAnchorContract]",
            "contracts: [Audit-Anchor]",
            "channels[0].chaincodes[0].contracts[0]",
            "must match [A-Za-z_][A-Za-z0-9_]*, was 'Audit-Anchor'"),
        Arguments.of(
            "contracts: [AuditAnchorContract]",
            "contracts: [A, A]",
            "channels[0].chaincodes[0].contracts[1]",
            "names A twice"),
        Arguments.of(
            "- name: anchor",
            "- name: anchor!",
            "channels[0].chaincodes[0].name",
            "must match [a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*, was 'anchor!'"),
        Arguments.of(
            "members: [AuditorMSP]",
            "members: [RoadMSP]",
            "channels[0].chaincodes[0].collections[0].members[0]",
            "RoadMSP is not a member of the channel; expected one of CityMSP, AuditorMSP"),
        Arguments.of(
            "maxPeerCount: 1",
            "maxPeerCount: -1",
            "channels[0].chaincodes[0].collections[0].maxPeerCount",
            "must be at least 0, was -1"),
        Arguments.of(
            "requiredPeerCount: 0",
            "requiredPeerCount: 2",
            "channels[0].chaincodes[0].collections[0].maxPeerCount",
            "must not be below requiredPeerCount (2), was 1"),
        Arguments.of(
            "memberOnlyRead: true",
            "memberOnlyRead: yes please",
            "channels[0].chaincodes[0].collections[0].memberOnlyRead",
            "must be true or false, was \"yes please\""));
  }

  @ParameterizedTest(name = "{1} -> {2}")
  @MethodSource("invalidDocuments")
  void reportsTheProblemAtItsPath(String text, String replacement, String path, String reason) {
    assertThat(problems(replacing(text, replacement)))
        .contains(new ConsortiumProblem(path, reason));
  }

  @Test
  void aRoleHeldBySeveralMembersMeansAnyOfThem() {
    String yaml =
        replacing("roles: [auditor]", "roles: [auditor, issuer]")
            .replace("allOf: [{role: log-operator}, {role: auditor}]", "role: issuer");
    Consortium consortium = Consortium.read(yaml.getBytes(StandardCharsets.UTF_8));
    assertThat(
            consortium
                .endorsementPolicy("infra", "AuditAnchorContract")
                .orElseThrow()
                .signaturePolicy())
        .isEqualTo("OR('CityMSP.peer','AuditorMSP.peer')");
  }

  @Test
  void reportsEveryProblemAtOnceInDocumentOrder() {
    String yaml = replacing("version: 1", "version: 3").replace("  port: 7050", "  port: -1");
    assertThat(problems(yaml))
        .extracting(ConsortiumProblem::path)
        .containsExactly("version", "orderer.port");
    assertThatThrownBy(() -> Consortium.read(yaml.getBytes(StandardCharsets.UTF_8)))
        .hasMessage("invalid consortium definition: version: must be 1, was 3 (and 1 more)");
  }

  @Test
  void missingSectionsAreRequired() {
    assertThat(problems("version: 1\nname: x\n"))
        .extracting(ConsortiumProblem::toString)
        .containsExactly(
            "orderer: is required",
            "organisations: is required",
            "chaincode: is required",
            "channels: is required");
  }

  @Test
  void rejectsDocumentsThatAreNotYamlMappings() {
    assertThat(problems(""))
        .containsExactly(new ConsortiumProblem("", "the consortium document is empty"));
    assertThat(problems("- a list"))
        .extracting(ConsortiumProblem::reason)
        .containsExactly(
            "must be a mapping with version, name, orderer, organisations, chaincode, channels");
    assertThat(problems("version: 1\nversion: 2\n").getFirst().reason())
        .isEqualTo("is not valid YAML or JSON: duplicate key \"version\" (line 2, column 1)");
  }
}
