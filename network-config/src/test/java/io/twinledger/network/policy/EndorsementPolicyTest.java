package io.twinledger.network.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Policies evaluated on every set of endorsers, and rendered as Fabric reads them. */
class EndorsementPolicyTest {

  private static final String A = "CityFinanceMSP";
  private static final String B = "IndependentAuditorMSP";
  private static final String C = "BondTrusteeMSP";
  private static final String OUTSIDER = "EnergyCommunityMSP";

  /** Every subset of {A, B, C, OUTSIDER}: the whole truth table. */
  private static List<Set<String>> everyEndorserSet() {
    List<String> ids = List.of(A, B, C, OUTSIDER);
    List<Set<String>> sets = new ArrayList<>();
    for (int mask = 0; mask < 1 << ids.size(); mask++) {
      Set<String> set = new HashSet<>();
      for (int i = 0; i < ids.size(); i++) {
        if ((mask & 1 << i) != 0) {
          set.add(ids.get(i));
        }
      }
      sets.add(Set.copyOf(set));
    }
    return sets;
  }

  private static void assertTruthTable(EndorsementPolicy policy, Predicate<Set<String>> expected) {
    for (Set<String> endorsers : everyEndorserSet()) {
      assertThat(policy.isSatisfiedBy(endorsers))
          .as("%s endorsed by %s", policy, endorsers)
          .isEqualTo(expected.test(endorsers));
    }
  }

  @Test
  void signedByIsSatisfiedExactlyWhenItsOrganisationEndorses() {
    assertTruthTable(new SignedBy(A), s -> s.contains(A));
  }

  @Test
  void allOfNeedsEveryOperand() {
    assertTruthTable(
        AllOf.of(new SignedBy(A), new SignedBy(B)), s -> s.contains(A) && s.contains(B));
  }

  @Test
  void anyOfNeedsOneOperand() {
    assertTruthTable(
        AnyOf.of(new SignedBy(A), new SignedBy(B)), s -> s.contains(A) || s.contains(B));
  }

  @Test
  void outOfCountsSatisfiedOperands() {
    assertTruthTable(
        OutOf.of(2, new SignedBy(A), new SignedBy(B), new SignedBy(C)),
        s -> (s.contains(A) ? 1 : 0) + (s.contains(B) ? 1 : 0) + (s.contains(C) ? 1 : 0) >= 2);
  }

  @Test
  void nestedGatesCombine() {
    EndorsementPolicy policy =
        AnyOf.of(AllOf.of(new SignedBy(A), new SignedBy(B)), new SignedBy(C));
    assertTruthTable(policy, s -> (s.contains(A) && s.contains(B)) || s.contains(C));
  }

  @Test
  void outOfAllIsAllOfAndOutOfOneIsAnyOf() {
    List<EndorsementPolicy> operands = List.of(new SignedBy(A), new SignedBy(B), new SignedBy(C));
    for (Set<String> endorsers : everyEndorserSet()) {
      assertThat(new OutOf(3, operands).isSatisfiedBy(endorsers))
          .isEqualTo(new AllOf(operands).isSatisfiedBy(endorsers));
      assertThat(new OutOf(1, operands).isSatisfiedBy(endorsers))
          .isEqualTo(new AnyOf(operands).isSatisfiedBy(endorsers));
    }
  }

  @Test
  void rendersFabricSignaturePolicySyntax() {
    assertThat(AllOf.of(new SignedBy(A), new SignedBy(B)).signaturePolicy())
        .isEqualTo("AND('CityFinanceMSP.peer','IndependentAuditorMSP.peer')");
    assertThat(AnyOf.of(new SignedBy(A), new SignedBy(B)).signaturePolicy(PrincipalRole.MEMBER))
        .isEqualTo("OR('CityFinanceMSP.member','IndependentAuditorMSP.member')");
    assertThat(OutOf.of(2, new SignedBy(A), new SignedBy(B), new SignedBy(C)).signaturePolicy())
        .isEqualTo(
            "OutOf(2,'CityFinanceMSP.peer','IndependentAuditorMSP.peer','BondTrusteeMSP.peer')");
    assertThat(
            AnyOf.of(AllOf.of(new SignedBy(A), new SignedBy(B)), new SignedBy(C))
                .signaturePolicy(PrincipalRole.ADMIN))
        .isEqualTo(
            "OR(AND('CityFinanceMSP.admin','IndependentAuditorMSP.admin'),'BondTrusteeMSP.admin')");
  }

  @Test
  void aLoneSignedByIsWrappedInAGate() {
    assertThat(new SignedBy(A).signaturePolicy()).isEqualTo("OR('CityFinanceMSP.peer')");
    assertThat(new SignedBy(A)).hasToString("OR('CityFinanceMSP.peer')");
  }

  @Test
  void mspIdsAreEveryOrganisationNamedOnceInFirstMentionOrder() {
    EndorsementPolicy policy =
        AnyOf.of(
            AllOf.of(new SignedBy(B), new SignedBy(A)),
            OutOf.of(1, new SignedBy(A), new SignedBy(C)));
    assertThat(policy.mspIds()).containsExactly(B, A, C);
    assertThat(new SignedBy(A).mspIds()).containsExactly(A);
  }

  @Test
  void rejectsGatesOverNothingAndImpossibleCounts() {
    assertThatThrownBy(() -> new AllOf(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AND needs at least one policy");
    assertThatThrownBy(() -> new AnyOf(List.of())).hasMessage("OR needs at least one policy");
    assertThatThrownBy(() -> OutOf.of(3, new SignedBy(A), new SignedBy(B)))
        .hasMessage("OutOf needs between 1 and 2 of its 2 policies, was 3");
    assertThatThrownBy(() -> OutOf.of(0, new SignedBy(A)))
        .hasMessage("OutOf needs between 1 and 1 of its 1 policies, was 0");
    assertThatThrownBy(() -> new SignedBy(" ")).hasMessage("an MSP id must not be blank");
  }

  @Test
  void operandsAreCopied() {
    List<EndorsementPolicy> operands = new ArrayList<>(List.of(new SignedBy(A)));
    AllOf policy = new AllOf(operands);
    operands.add(new SignedBy(B));
    assertThat(policy.policies()).containsExactly(new SignedBy(A));
  }
}
