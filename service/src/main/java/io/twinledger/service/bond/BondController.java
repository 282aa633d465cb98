package io.twinledger.service.bond;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.finance.bond.payment.BondPayments;
import io.twinledger.finance.bond.payment.PaymentSchedule;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.finance.bond.terms.InvalidBondTermsException;
import io.twinledger.finance.bond.terms.TermsError;
import io.twinledger.finance.payout.Holding;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.bond.BondNotFoundException;
import io.twinledger.ledger.bond.BondRegistry;
import io.twinledger.ledger.bond.api.CosignDetermination;
import io.twinledger.ledger.bond.api.RejectDetermination;
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.bond.projection.PaymentView;
import io.twinledger.service.openapi.Refusal;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Performance-linked bonds: terms as data, versioned until issue; the register of holders; the
 * determinations the trustee co-signs, with their evidence; payments and payouts on each chain.
 */
@RestController
@RequestMapping("/api/v1/bonds")
@Tag(name = "Bonds", description = "Performance-linked bonds, their determinations and payouts")
public class BondController {

  private static final String YAML = "application/yaml";
  private static final String INVALID_TERMS =
      "invalid-terms: the terms are refused; errors lists every problem's field path";
  private static final String BOND_RULE =
      "bond-rule: not allowed in the bond's state (issued terms, a stale version, an undetermined"
          + " payment)";

  private final BondRegistry registry;
  private final Bonds bonds;
  private final BondPayouts payouts;
  private final BondTokens tokens;
  private final BondPerformance performance;
  private final BondReconciliation reconciliation;
  private final CommandGateway commands;

  public BondController(
      BondRegistry registry,
      Bonds bonds,
      BondPayouts payouts,
      BondTokens tokens,
      BondPerformance performance,
      BondReconciliation reconciliation,
      CommandGateway commands) {
    this.registry = registry;
    this.bonds = bonds;
    this.payouts = payouts;
    this.tokens = tokens;
    this.performance = performance;
    this.reconciliation = reconciliation;
    this.commands = commands;
  }

  @GetMapping
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(summary = "Every bond, with its state and current terms")
  public List<BondBodies.Bond> list() {
    return bonds.list().stream().map(BondBodies.Bond::of).toList();
  }

  @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, YAML})
  @RolesAllowed(Roles.FINANCE_OFFICER)
  @Operation(
      summary = "Define a bond from its terms (JSON or YAML), at version 1, not yet issued",
      description =
          "The terms format is in docs/bonds.md. Every performance feature names an asset of the"
              + " register and KPIs defined on it.")
  @Refusal(status = 409, description = BOND_RULE)
  @Refusal(status = 422, description = INVALID_TERMS)
  public ResponseEntity<BondBodies.Written> define(
      @RequestHeader("Content-Type") MediaType contentType, @RequestBody String body) {
    BondTerms terms = read(contentType, body);
    int version = registry.define(terms);
    return ResponseEntity.created(URI.create("/api/v1/bonds/" + terms.id()))
        .body(
            new BondBodies.Written(
                terms.id(), version, BondTermsDocuments.termsHash(terms), "DRAFT"));
  }

  @PostMapping(
      path = "/validate",
      consumes = {MediaType.APPLICATION_JSON_VALUE, YAML})
  @RolesAllowed(Roles.FINANCE_OFFICER)
  @Operation(
      summary = "Check terms against the register without recording them; returns the schedule")
  @Refusal(status = 422, description = INVALID_TERMS)
  public BondBodies.Valid validate(
      @RequestHeader("Content-Type") MediaType contentType, @RequestBody String body) {
    BondTerms terms = read(contentType, body);
    List<TermsError> errors = registry.check(terms);
    if (!errors.isEmpty()) {
      throw new InvalidBondTermsException(errors);
    }
    return new BondBodies.Valid(
        true,
        BondTermsDocuments.termsHash(terms),
        schedule(BondPayments.schedule(terms, List.of()), Map.of()));
  }

  @GetMapping("/{bondId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(summary = "A bond: state and current terms")
  public BondBodies.Bond get(@PathVariable String bondId) {
    return BondBodies.Bond.of(bond(bondId));
  }

  @GetMapping("/{bondId}/versions")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(summary = "Every version of a bond's terms, oldest first")
  public List<BondBodies.Version> versions(@PathVariable String bondId) {
    bond(bondId);
    return bonds.versions(bondId).stream().map(BondBodies.Version::of).toList();
  }

  @PutMapping(
      path = "/{bondId}/terms",
      consumes = {MediaType.APPLICATION_JSON_VALUE, YAML})
  @RolesAllowed(Roles.FINANCE_OFFICER)
  @Operation(
      summary = "Revise a bond's terms before issue",
      description = "Query: reason (kept with the version), expectedVersion (refused when stale).")
  @Refusal(status = 409, description = BOND_RULE)
  @Refusal(status = 422, description = INVALID_TERMS)
  public BondBodies.Written revise(
      @PathVariable String bondId,
      @RequestHeader("Content-Type") MediaType contentType,
      @RequestParam(required = false) Integer expectedVersion,
      @RequestParam(required = false, defaultValue = "") String reason,
      @RequestBody String body) {
    BondTerms terms = read(contentType, body);
    int version = registry.revise(bondId, terms, Optional.ofNullable(expectedVersion), reason);
    return new BondBodies.Written(bondId, version, bond(bondId).termsHash(), "DRAFT");
  }

  @PostMapping("/{bondId}/issue")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  @Operation(
      summary = "Issue a bond: its terms are fixed from now on",
      description = "Body {\"termsHash\": …}: the terms approved; refused if they changed since.")
  @Refusal(status = 409, description = BOND_RULE)
  public BondBodies.Written issue(
      @PathVariable String bondId, @RequestBody(required = false) BondBodies.Issue body) {
    Optional<String> hash = Optional.ofNullable(body).map(BondBodies.Issue::termsHash);
    int version = registry.issue(bondId, hash);
    return new BondBodies.Written(bondId, version, bond(bondId).termsHash(), "ISSUED");
  }

  @GetMapping("/{bondId}/schedule")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(
      summary =
          "The payment schedule as the co-signed determinations decide it, each payment with"
              + " its rule and whether it was declared and paid; what still waits for KPI data")
  public BondBodies.Schedule schedule(@PathVariable String bondId) {
    BondView bond = bond(bondId);
    Map<String, PaymentView> declared =
        bonds.payments(bondId).stream()
            .collect(Collectors.toMap(PaymentView::paymentId, Function.identity()));
    return schedule(payouts.schedule(bond), declared);
  }

  @GetMapping("/{bondId}/performance")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(
      summary =
          "For each performance feature, its KPI's monthly periods against the thresholds, proven"
              + " or not, with their evidence addresses")
  public List<BondPerformance.Feature> performance(@PathVariable String bondId) {
    return performance.of(bond(bondId));
  }

  @GetMapping("/{bondId}/determinations")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(
      summary =
          "The bond's determinations with their evidence: period revisions, audit leaves, the"
              + " anchored checkpoint, the payments decided, disputes")
  public List<BondBodies.Determination> determinations(@PathVariable String bondId) {
    bond(bondId);
    return bonds.determinations(bondId).stream().map(BondBodies.Determination::of).toList();
  }

  @PostMapping("/{bondId}/determinations/{determinationId}/cosign")
  @RolesAllowed(Roles.TRUSTEE)
  @Operation(summary = "Co-sign a proposed determination, as the bond trustee")
  @Refusal(status = 409, description = BOND_RULE)
  public BondBodies.Decision cosign(
      @PathVariable String bondId, @PathVariable String determinationId, Authentication user) {
    bond(bondId);
    commands.sendAndWait(new CosignDetermination(bondId, determinationId, user.getName()));
    bonds.determination(bondId, determinationId).ifPresent(payouts::recordOnChains);
    return new BondBodies.Decision(bondId, determinationId, "COSIGNED", user.getName());
  }

  @PostMapping("/{bondId}/determinations/{determinationId}/reject")
  @RolesAllowed(Roles.TRUSTEE)
  @Operation(summary = "Reject a proposed determination, saying why, as the bond trustee")
  @Refusal(status = 409, description = BOND_RULE)
  public BondBodies.Decision reject(
      @PathVariable String bondId,
      @PathVariable String determinationId,
      @RequestBody BondBodies.Reject body,
      Authentication user) {
    bond(bondId);
    if (body.reason() == null || body.reason().isBlank()) {
      throw new InvalidFieldException("reason", "say why the determination is rejected");
    }
    commands.sendAndWait(
        new RejectDetermination(bondId, determinationId, user.getName(), body.reason()));
    return new BondBodies.Decision(bondId, determinationId, "REJECTED", user.getName());
  }

  @GetMapping("/{bondId}/payments")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(summary = "The declared payments, with the chains that paid each")
  public List<BondBodies.Declared> payments(@PathVariable String bondId) {
    bond(bondId);
    return bonds.payments(bondId).stream().map(BondBodies.Declared::of).toList();
  }

  @GetMapping("/{bondId}/payouts")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(summary = "The payouts on each chain, with their allocation digests and transactions")
  public List<BondBodies.Payout> payouts(@PathVariable String bondId) {
    bond(bondId);
    return bonds.payouts(bondId).stream().map(BondBodies.Payout::of).toList();
  }

  @GetMapping("/{bondId}/payouts/{paymentId}/{chain}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(summary = "Every holder's line of one payout on one chain, in holder-id order")
  public List<BondBodies.PayoutLine> payoutLines(
      @PathVariable String bondId, @PathVariable String paymentId, @PathVariable String chain) {
    bond(bondId);
    return bonds.payoutLines(bondId, paymentId, chain).stream()
        .map(BondBodies.PayoutLine::of)
        .toList();
  }

  @GetMapping("/{bondId}/holders")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.TRUSTEE})
  @Operation(summary = "The register of holders, in holder-id order")
  public BondBodies.Register holders(@PathVariable String bondId) {
    bond(bondId);
    return new BondBodies.Register(
        bonds.holdings(bondId).stream().map(BondBodies.HolderUnits::of).toList());
  }

  @PutMapping("/{bondId}/holders")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  @Operation(
      summary = "Place an issued bond with its first holders: on every chain, then in the books",
      description =
          "Body {\"holdings\": [{\"holder\", \"units\"}]}. Once placed, holders change"
              + " by transfers.")
  @Refusal(status = 409, description = BOND_RULE)
  public BondBodies.Register place(
      @PathVariable String bondId, @RequestBody BondBodies.Register body) {
    BondView bond = bond(bondId);
    if (!bond.status().equals("ISSUED")) {
      throw new InvalidFieldException("bondId", "bond " + bondId + " is not issued");
    }
    if (bond.registerVersion() > 0) {
      throw new InvalidFieldException(
          "holdings", "bond " + bondId + " is placed; its holders change by transfers");
    }
    List<Holding> holdings = BondRequests.holdings(body);
    tokens.place(bondId, BondPayouts.terms(bond).currency().getCurrencyCode(), holdings);
    return holders(bondId);
  }

  @PostMapping("/{bondId}/holders/admit")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  @Operation(summary = "Admit holders to the token's registry on every chain (KYC passed)")
  public ResponseEntity<Void> admit(
      @PathVariable String bondId, @RequestBody BondBodies.Admit body) {
    tokens.admit(bondId, BondRequests.holderIds(body));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{bondId}/holders/{holder}/freeze")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  @Operation(summary = "Freeze or unfreeze a holder on every chain: body {\"frozen\": true}")
  public ResponseEntity<Void> freeze(
      @PathVariable String bondId,
      @PathVariable String holder,
      @RequestBody BondBodies.Freeze body) {
    if (body.frozen() == null) {
      throw new InvalidFieldException("frozen", "true or false is required");
    }
    tokens.freeze(bondId, holder, body.frozen());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{bondId}/transfers")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  @Operation(
      summary = "Move units between registered holders on every chain, then in the books",
      description =
          "Body {\"from\", \"to\", \"units\", \"forced\", \"reason\"}; forced is the agent's"
              + " transfer (lost keys). A transfer to an unregistered or frozen holder is refused"
              + " with the chain's code.")
  @Refusal(status = 409, description = "token-refused: a chain refused it by its rules")
  public BondBodies.Register transfer(
      @PathVariable String bondId, @RequestBody BondBodies.Transfer body) {
    BondRequests.Transfer transfer = BondRequests.transfer(body);
    tokens.transfer(
        bondId,
        transfer.from(),
        transfer.to(),
        transfer.units(),
        transfer.forced(),
        transfer.reason());
    return holders(bondId);
  }

  @GetMapping("/{bondId}/reconciliation")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(summary = "The books against each chain: every holder's units and payout digest")
  public BondReconciliation.Report reconcile(@PathVariable String bondId) {
    return reconciliation.of(bondId);
  }

  private BondView bond(String bondId) {
    return bonds.find(bondId).orElseThrow(() -> new BondNotFoundException(bondId));
  }

  private static BondBodies.Schedule schedule(
      PaymentSchedule schedule, Map<String, PaymentView> declared) {
    return new BondBodies.Schedule(
        schedule.payments().stream()
            .map(
                p ->
                    BondBodies.Payment.of(
                        p, Optional.ofNullable(declared.get(BondPayouts.paymentId(p)))))
            .toList(),
        schedule.pending().stream().map(BondBodies.Pending::of).toList());
  }

  private static BondTerms read(MediaType contentType, String body) {
    return contentType.isCompatibleWith(MediaType.parseMediaType(YAML))
        ? BondTermsDocuments.parseYaml(body)
        : BondTermsDocuments.parseJson(body);
  }
}
