package io.twinledger.service.bond;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.bond.api.BondRuleViolation;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.FieldErrors;
import io.twinledger.service.web.Navigation;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The trustee's queue: the proposed determinations of every bond with their evidence (the periods
 * used with their values and revisions, the audit leaves, the anchored checkpoint) and the payments
 * they decide, each with Co-sign and Reject; below it the recently decided ones. The officer and
 * the auditor read it. Decisions go through {@link BondController}, as {@code POST
 * …/determinations/{id}/cosign} and {@code …/reject} do.
 */
@UiController
public class DeterminationPages {

  /** How many decided determinations the page lists. */
  static final int RECENT = 20;

  private static final String PAGE = "bond/determinations";

  private final BondController api;
  private final Bonds bonds;
  private final BondProofs proofs;

  public DeterminationPages(BondController api, Bonds bonds, AssetCatalog assets) {
    this.api = api;
    this.bonds = bonds;
    this.proofs = new BondProofs(assets);
  }

  @GetMapping("/ui/determinations")
  @RolesAllowed({Roles.TRUSTEE, Roles.FINANCE_OFFICER, Roles.AUDITOR})
  @UiPage(nav = "Determinations", order = 57, homeOf = Roles.TRUSTEE)
  public String queue(Authentication user, Model model) {
    return page(user, FieldErrors.none(), model);
  }

  @PostMapping("/ui/determinations/{bondId}/{determinationId}/cosign")
  @RolesAllowed(Roles.TRUSTEE)
  public String cosign(
      @PathVariable String bondId,
      @PathVariable String determinationId,
      Authentication user,
      RedirectAttributes redirect) {
    existing(bondId, determinationId);
    try {
      api.cosign(bondId, determinationId, user);
      awaitDecided(bondId, determinationId);
      redirect.addFlashAttribute("notice", "Co-signed " + bondId + " " + determinationId + ".");
    } catch (BondRuleViolation e) {
      redirect.addFlashAttribute("refusal", e.getMessage());
    }
    return "redirect:/ui/determinations";
  }

  @PostMapping("/ui/determinations/{bondId}/{determinationId}/reject")
  @RolesAllowed(Roles.TRUSTEE)
  public String reject(
      @PathVariable String bondId,
      @PathVariable String determinationId,
      @RequestParam(required = false, defaultValue = "") String reason,
      Authentication user,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    existing(bondId, determinationId);
    try {
      api.reject(bondId, determinationId, new BondBodies.Reject(reason), user);
      awaitDecided(bondId, determinationId);
      redirect.addFlashAttribute("notice", "Rejected " + bondId + " " + determinationId + ".");
      return "redirect:/ui/determinations";
    } catch (InvalidFieldException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(user, FieldErrors.of(reasonField(bondId, determinationId), e.reason()), model);
    } catch (BondRuleViolation e) {
      redirect.addFlashAttribute("refusal", e.getMessage());
      return "redirect:/ui/determinations";
    }
  }

  /** The id of the reason field of a determination's Reject form, unique on the page. */
  public static String reasonField(String bondId, String determinationId) {
    return "reason-" + bondId + "-" + determinationId;
  }

  private String page(Authentication user, FieldErrors errors, Model model) {
    Set<String> roles = Navigation.roles(user);
    model.addAttribute(
        "queue", bonds.determinationsIn("PROPOSED").stream().map(proofs::of).toList());
    model.addAttribute(
        "decided",
        Stream.concat(
                bonds.determinationsIn("COSIGNED").stream(),
                bonds.determinationsIn("REJECTED").stream())
            .sorted(
                Comparator.comparing((DeterminationView d) -> d.decidedAt().orElse(Instant.EPOCH))
                    .reversed())
            .limit(RECENT)
            .map(proofs::of)
            .toList());
    model.addAttribute("trustee", roles.contains(Roles.TRUSTEE));
    model.addAttribute("proofLinks", BondProofs.opensProofs(roles));
    model.addAttribute("errors", errors);
    return PAGE;
  }

  private void existing(String bondId, String determinationId) {
    bonds
        .determination(bondId, determinationId)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "bond " + bondId + " has no determination '" + determinationId + "'"));
  }

  /** Waits, briefly, until the read side shows the decision, so the queue no longer lists it. */
  private void awaitDecided(String bondId, String determinationId) {
    ReadSide.await(
        () ->
            bonds
                .determination(bondId, determinationId)
                .map(d -> !d.status().equals("PROPOSED"))
                .orElse(true));
  }
}
