package io.twinledger.ledger.peer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinledger.ledger.peer.fixture.TestIdentity;
import io.twinledger.ledger.peer.fixture.TestOrganization;
import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.identity.IdentityException;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.network.msp.NodeOu;
import io.twinledger.network.policy.AllOf;
import io.twinledger.network.policy.AnyOf;
import io.twinledger.network.policy.EndorsementPolicy;
import io.twinledger.network.policy.OutOf;
import io.twinledger.network.policy.PrincipalRole;
import io.twinledger.network.policy.SignedBy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Principals with roles, on identities verified from real certificates: the role is the node OU,
 * {@code member} is any valid identity of the MSP, and one signer satisfies one principal.
 */
class PrincipalPolicyTest {

  private static final TestOrganization A = TestOrganization.create("AMSP");
  private static final TestOrganization B = TestOrganization.create("BMSP");
  private static final TestOrganization C = TestOrganization.create("CMSP");
  private static final Organizations ORGANIZATIONS =
      new Organizations(Map.of("AMSP", A.ca(), "BMSP", B.ca(), "CMSP", C.ca()));

  private static final EndorsementPolicy A_ONLY = new SignedBy("AMSP");
  private static final EndorsementPolicy A_AND_B =
      AllOf.of(new SignedBy("AMSP"), new SignedBy("BMSP"));

  @Test
  void aPeerPrincipalIsSatisfiedByThePeerOnly() throws Exception {
    PrincipalPolicy policy = PrincipalPolicy.peers(A_ONLY);

    assertThat(policy.toString()).isEqualTo("OR('AMSP.peer')");
    assertThat(policy.isSatisfiedBy(List.of(signer(A, NodeOu.PEER)))).isTrue();
    assertThat(policy.isSatisfiedBy(List.of(signer(A, NodeOu.CLIENT)))).isFalse();
    assertThat(policy.isSatisfiedBy(List.of(signer(A, NodeOu.ADMIN)))).isFalse();
    assertThat(policy.isSatisfiedBy(List.of(signer(A, NodeOu.ORDERER)))).isFalse();
    assertThat(policy.isSatisfiedBy(List.of(signer(B, NodeOu.PEER)))).isFalse();
  }

  @Test
  void eachRoleIsItsNodeOuAndMemberIsAnyValidIdentity() throws Exception {
    for (NodeOu kind : NodeOu.values()) {
      Creator signer = signer(A, kind);

      assertThat(PrincipalPolicy.of(A_ONLY, PrincipalRole.MEMBER).isSatisfiedBy(List.of(signer)))
          .as("member by %s", kind)
          .isTrue();
      assertThat(PrincipalPolicy.of(A_ONLY, PrincipalRole.CLIENT).isSatisfiedBy(List.of(signer)))
          .as("client by %s", kind)
          .isEqualTo(kind == NodeOu.CLIENT);
      assertThat(PrincipalPolicy.of(A_ONLY, PrincipalRole.ADMIN).isSatisfiedBy(List.of(signer)))
          .as("admin by %s", kind)
          .isEqualTo(kind == NodeOu.ADMIN);
      assertThat(PrincipalPolicy.of(A_ONLY, PrincipalRole.ORDERER).isSatisfiedBy(List.of(signer)))
          .as("orderer by %s", kind)
          .isEqualTo(kind == NodeOu.ORDERER);
    }
    assertThat(
            PrincipalPolicy.of(A_ONLY, PrincipalRole.MEMBER)
                .isSatisfiedBy(List.of(signer(B, NodeOu.CLIENT))))
        .isFalse();
  }

  @Test
  void gatesCountEachOrganisationsPeer() throws Exception {
    Creator peerA = signer(A, NodeOu.PEER);
    Creator peerB = signer(B, NodeOu.PEER);
    Creator peerC = signer(C, NodeOu.PEER);
    PrincipalPolicy twoOfThree =
        PrincipalPolicy.peers(
            OutOf.of(2, new SignedBy("AMSP"), new SignedBy("BMSP"), new SignedBy("CMSP")));

    assertThat(PrincipalPolicy.peers(A_AND_B).isSatisfiedBy(List.of(peerB, peerA))).isTrue();
    assertThat(
            PrincipalPolicy.peers(A_AND_B).isSatisfiedBy(List.of(peerA, signer(B, NodeOu.CLIENT))))
        .isFalse();
    assertThat(twoOfThree.isSatisfiedBy(List.of(peerA, peerC))).isTrue();
    assertThat(twoOfThree.isSatisfiedBy(List.of(peerA, signer(C, NodeOu.ADMIN)))).isFalse();
    assertThat(
            PrincipalPolicy.peers(AnyOf.of(new SignedBy("BMSP"), new SignedBy("CMSP")))
                .isSatisfiedBy(List.of(peerA, peerC)))
        .isTrue();
  }

  @Test
  void oneSignerSatisfiesOnePrincipal() throws Exception {
    PrincipalPolicy twoPeersOfA =
        PrincipalPolicy.peers(AllOf.of(new SignedBy("AMSP"), new SignedBy("AMSP")));
    Creator peer = signer(A, NodeOu.PEER);

    assertThat(twoPeersOfA.isSatisfiedBy(List.of(peer))).isFalse();
    assertThat(twoPeersOfA.isSatisfiedBy(List.of(peer, peer))).isFalse();
    assertThat(twoPeersOfA.isSatisfiedBy(List.of(peer, signer(A, NodeOu.PEER)))).isTrue();
  }

  @Test
  void anIdentityWithoutANodeOuIsNoValidIdentity() {
    TestIdentity plain = A.issueWithoutNodeOu("legacy");

    assertThat(
            catchThrowableOfType(
                IdentityException.class, () -> ORGANIZATIONS.verify(plain.endorser().serialized())))
        .hasMessageContaining("NO_NODE_OU");
  }

  private static Creator signer(TestOrganization organization, NodeOu kind)
      throws IdentityException {
    TestIdentity identity = organization.issue(kind.ou() + "-" + System.nanoTime(), kind);
    return ORGANIZATIONS.verify(identity.endorser().serialized());
  }
}
