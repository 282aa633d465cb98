package io.twinledger.network.policy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The rules shared by the gate policies ({@code AND}, {@code OR}, {@code OutOf}). */
final class Gates {

  private Gates() {}

  /** The operands, checked and copied: a gate over nothing would be vacuous or unsatisfiable. */
  static List<EndorsementPolicy> operands(List<EndorsementPolicy> policies, String gate) {
    Objects.requireNonNull(policies, "policies");
    if (policies.isEmpty()) {
      throw new IllegalArgumentException(gate + " needs at least one policy");
    }
    return List.copyOf(policies);
  }

  /** The MSP ids named anywhere under the operands, in first-mention order. */
  static Set<String> mspIds(List<EndorsementPolicy> policies) {
    Set<String> ids = new LinkedHashSet<>();
    policies.forEach(p -> ids.addAll(p.mspIds()));
    return Collections.unmodifiableSet(ids);
  }
}
