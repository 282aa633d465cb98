package io.twinledger.service.security;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The roles TwinLedger knows. Endpoints name the roles they admit with {@code @RolesAllowed}, and
 * {@link EndpointRoles} enforces that declaration before a request body is even read.
 */
public final class Roles {

  /** Municipal finance officers: assets, P&amp;L, bonds. */
  public static final String FINANCE_OFFICER = "FINANCE_OFFICER";

  /** Investors: asset performance, payouts, holdings. */
  public static final String INVESTOR = "INVESTOR";

  /** Independent auditors: verify reports against the ledger. */
  public static final String AUDITOR = "AUDITOR";

  /** Village residents trading rooftop solar. */
  public static final String RESIDENT = "RESIDENT";

  /** Operators of the twin and the service. */
  public static final String OPERATOR = "OPERATOR";

  /**
   * The bond trustee, acting for the Bond Trustee organisation: co-signs the determinations that
   * move performance payments, and reads the registers of holders.
   */
  public static final String TRUSTEE = "TRUSTEE";

  /** Every role, in a stable order. */
  public static final List<String> ALL =
      List.of(FINANCE_OFFICER, INVESTOR, AUDITOR, RESIDENT, OPERATOR, TRUSTEE);

  /**
   * The authorities for role names from a token claim: those TwinLedger knows, each as {@code
   * ROLE_<name>}; others are ignored. None for a missing claim.
   */
  public static List<GrantedAuthority> authorities(List<String> names) {
    return names == null
        ? List.of()
        : names.stream()
            .filter(ALL::contains)
            .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r))
            .toList();
  }

  private Roles() {}
}
