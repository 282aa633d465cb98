package io.twinledger.network.org;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an organisation does in the consortium. Policies name roles rather than organisations, so
 * that the consortium file states who endorses what in the domain's terms.
 */
public enum OrgRole {
  /**
   * Runs TwinLedger's Merkle log of readings and anchors its signed KPI checkpoints. One log covers
   * every asset, so one organisation, the city finance office, operates it.
   */
  LOG_OPERATOR("log-operator"),
  /** Operates assets whose digital twins feed the KPIs. */
  ASSET_OPERATOR("asset-operator"),
  /** Issues the performance-linked bonds and pays their coupons; issues compliance reports. */
  ISSUER("issuer"),
  /** Holds the bond register on behalf of the investors and confirms payouts. */
  TRUSTEE("trustee"),
  /**
   * Audits KPI checkpoints and trades independently of the other parties, and attests to compliance
   * reports.
   */
  AUDITOR("auditor"),
  /** Runs the neighbourhood solar market and its residents' meters. */
  COMMUNITY_OPERATOR("community-operator");

  private final String key;

  OrgRole(String key) {
    this.key = key;
  }

  /** The role as written in the consortium file: {@code log-operator}. */
  public String key() {
    return key;
  }

  /** The role written as {@code key}, if there is one. */
  public static Optional<OrgRole> ofKey(String key) {
    return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
  }
}
