package io.twinledger.ledger.peer.policy;

import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.network.policy.AllOf;
import io.twinledger.network.policy.AnyOf;
import io.twinledger.network.policy.EndorsementPolicy;
import io.twinledger.network.policy.OutOf;
import io.twinledger.network.policy.PrincipalRole;
import io.twinledger.network.policy.SignedBy;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code network-config} policy read as the Fabric signature policy it renders to: every
 * organisation it names is the MSP principal {@code '<mspId>.<role>'}, so {@code AND(A, B)} with
 * role {@link PrincipalRole#PEER} is {@code AND('A.peer','B.peer')}.
 *
 * <p>It is evaluated on verified signers as Fabric's {@code cauthdsl} evaluates a signature policy:
 *
 * <ul>
 *   <li>Signers with the same certificate count once.
 *   <li>A principal is satisfied by a signer of its MSP whose node OU is the role: {@code peer},
 *       {@code client}, {@code admin} or {@code orderer}. {@code member} is satisfied by any valid
 *       identity of the MSP. Admins are the identities with the {@code admin} OU, as {@code
 *       network-config}'s MSPs define them (there are no separate admin certificates).
 *   <li>Each signer satisfies at most one principal: {@code SignedBy} takes the first unused signer
 *       that satisfies it, and a gate keeps the signers its satisfied operands used, in order.
 * </ul>
 *
 * <p>The check is cheap: the node OU was read once, when the identity was first verified, and is
 * cached with it by its serialized bytes; evaluating compares MSP ids and enum constants.
 */
public final class PrincipalPolicy {

  private final EndorsementPolicy policy;
  private final PrincipalRole role;

  private PrincipalPolicy(EndorsementPolicy policy, PrincipalRole role) {
    this.policy = policy;
    this.role = role;
  }

  /** {@code policy} with every organisation as the principal of {@code role}. */
  public static PrincipalPolicy of(EndorsementPolicy policy, PrincipalRole role) {
    return new PrincipalPolicy(policy, role);
  }

  /** An endorsement policy: every organisation's peers, as chaincode definitions name them. */
  public static PrincipalPolicy peers(EndorsementPolicy policy) {
    return of(policy, PrincipalRole.PEER);
  }

  /** The policy's organisations in its order: those whose peers endorse by default. */
  public Set<String> mspIds() {
    return policy.mspIds();
  }

  /** Whether these signers, each already verified with a valid signature, satisfy the policy. */
  public boolean isSatisfiedBy(List<Creator> signers) {
    List<Creator> distinct = distinct(signers);
    return satisfied(policy, distinct, new boolean[distinct.size()]);
  }

  private boolean satisfied(EndorsementPolicy p, List<Creator> signers, boolean[] used) {
    return switch (p) {
      case SignedBy signedBy -> signedBy(signedBy.mspId(), signers, used);
      case AllOf allOf -> outOf(allOf.policies().size(), allOf.policies(), signers, used);
      case AnyOf anyOf -> outOf(1, anyOf.policies(), signers, used);
      case OutOf outOf -> outOf(outOf.required(), outOf.policies(), signers, used);
    };
  }

  private boolean signedBy(String mspId, List<Creator> signers, boolean[] used) {
    for (int i = 0; i < signers.size(); i++) {
      if (!used[i] && signers.get(i).satisfies(mspId, role)) {
        used[i] = true;
        return true;
      }
    }
    return false;
  }

  private boolean outOf(
      int required, List<EndorsementPolicy> operands, List<Creator> signers, boolean[] used) {
    int satisfied = 0;
    boolean[] attempt = new boolean[used.length];
    for (EndorsementPolicy operand : operands) {
      System.arraycopy(used, 0, attempt, 0, used.length);
      if (satisfied(operand, signers, attempt)) {
        satisfied++;
        System.arraycopy(attempt, 0, used, 0, used.length);
      }
    }
    return satisfied >= required;
  }

  private static List<Creator> distinct(List<Creator> signers) {
    if (signers.size() < 2) {
      return signers;
    }
    Set<X509Certificate> seen = new HashSet<>();
    List<Creator> distinct = new ArrayList<>(signers.size());
    for (Creator signer : signers) {
      if (seen.add(signer.certificate())) {
        distinct.add(signer);
      }
    }
    return distinct;
  }

  /** The Fabric signature policy: {@code AND('Org1MSP.peer','Org2MSP.peer')}. */
  @Override
  public String toString() {
    return policy.signaturePolicy(role);
  }
}
