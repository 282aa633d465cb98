package io.twinledger.service.bond;

import io.twinledger.finance.bond.payment.BondPayments;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.finance.bond.terms.InvalidBondTermsException;
import io.twinledger.finance.bond.terms.TermsError;
import io.twinledger.finance.money.Money;
import io.twinledger.ledger.bond.BondNotFoundException;
import io.twinledger.ledger.bond.BondRegistry;
import io.twinledger.ledger.bond.api.BondRuleViolation;
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.service.model.DefinitionLines;
import io.twinledger.service.model.ModelPages.DefinitionProblem;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.FieldErrors;
import io.twinledger.service.web.Navigation;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The bond pages: the list of bonds, a bond (terms, schedule, determinations, payouts,
 * reconciliation), the terms editor and the what-if of payments under a KPI scenario.
 *
 * <p>The officer structures and issues bonds through {@link BondRegistry}, as the API does: terms
 * the API would refuse are refused here with the same field paths, shown beside the YAML line they
 * name, and nothing is recorded. The trustee and the auditor read the bond pages; the register of
 * holders is shown to the roles that read it in the API (officer and trustee). Reads go through
 * {@link BondController}'s read endpoints, so a page shows what the API answers.
 */
@UiController
public class BondPages {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String EDITOR = "bond/editor";

  private final BondController api;
  private final BondRegistry registry;
  private final Bonds bonds;
  private final Clock clock;

  public BondPages(BondController api, BondRegistry registry, Bonds bonds) {
    this.api = api;
    this.registry = registry;
    this.bonds = bonds;
    this.clock = Clock.systemDefaultZone();
  }

  /** A bond in the list: its terms, how many hold it, and its next payment not yet paid. */
  public record BondRow(
      BondView bond, BondTerms terms, int holders, Optional<SchedulePayment> next) {}

  /** A payment of the schedule as the API gives it, with its amount as money. */
  public record SchedulePayment(BondBodies.Payment payment, Money amount) {

    static SchedulePayment of(BondBodies.Payment payment) {
      return new SchedulePayment(payment, Money.of(payment.currency(), payment.amount()));
    }
  }

  @GetMapping("/ui/bonds")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.TRUSTEE, Roles.AUDITOR})
  @UiPage(nav = "Bonds", order = 55)
  public String list(Authentication user, Model model) {
    LocalDate today = LocalDate.now(clock);
    model.addAttribute(
        "bonds",
        bonds.list().stream()
            .map(
                bond ->
                    new BondRow(
                        bond,
                        BondPayouts.terms(bond),
                        bonds.holdings(bond.bondId()).size(),
                        schedule(bond.bondId()).stream()
                            .filter(
                                p ->
                                    !p.payment().status().equals("PAID")
                                        && !p.payment().date().isBefore(today))
                            .findFirst()))
            .toList());
    model.addAttribute("officer", Navigation.roles(user).contains(Roles.FINANCE_OFFICER));
    return "bond/bonds";
  }

  @GetMapping("/ui/bonds/{bondId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.TRUSTEE, Roles.AUDITOR})
  public String bond(@PathVariable String bondId, Authentication user, Model model) {
    BondView bond = current(bondId);
    Set<String> roles = Navigation.roles(user);
    model.addAttribute("bond", bond);
    model.addAttribute("terms", BondPayouts.terms(bond));
    model.addAttribute("face", face(BondPayouts.terms(bond)));
    BondBodies.Schedule schedule = api.schedule(bondId);
    model.addAttribute("schedule", schedule.payments().stream().map(SchedulePayment::of).toList());
    model.addAttribute("pending", schedule.pending());
    model.addAttribute("determinations", bonds.determinations(bondId));
    model.addAttribute("payouts", bonds.payouts(bondId));
    model.addAttribute(
        "reconciliation",
        bond.registerVersion() > 0 ? Optional.of(api.reconcile(bondId)) : Optional.empty());
    boolean readsRegister = roles.contains(Roles.FINANCE_OFFICER) || roles.contains(Roles.TRUSTEE);
    model.addAttribute(
        "holders", readsRegister ? Optional.of(bonds.holdings(bondId)) : Optional.empty());
    model.addAttribute("officer", roles.contains(Roles.FINANCE_OFFICER));
    return "bond/bond";
  }

  /** The editor of a new bond's terms. */
  @GetMapping("/ui/bonds/new")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  public String newBond(Model model) {
    return editor(Optional.empty(), BondTermsForm.of("", null), FieldErrors.none(), model);
  }

  @PostMapping("/ui/bonds/new")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  public String defineBond(
      @ModelAttribute BondTermsForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return submit(Optional.empty(), form, model, response, redirect);
  }

  /** The editor of a draft's next version, filled with its current terms. */
  @GetMapping("/ui/bonds/{bondId}/edit")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  public String editBond(@PathVariable String bondId, Model model) {
    BondView bond = current(bondId);
    String yaml = YAML.writeValueAsString(JSON.readTree(bond.terms()));
    return editor(
        Optional.of(bondId), BondTermsForm.of(yaml, bond.version()), FieldErrors.none(), model);
  }

  @PostMapping("/ui/bonds/{bondId}/edit")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  public String reviseBond(
      @PathVariable String bondId,
      @ModelAttribute BondTermsForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    current(bondId);
    return submit(Optional.of(bondId), form, model, response, redirect);
  }

  /** Issues a draft with the terms hash the officer saw: refused if the terms changed since. */
  @PostMapping("/ui/bonds/{bondId}/issue")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  public String issue(
      @PathVariable String bondId, @RequestParam String termsHash, RedirectAttributes redirect) {
    current(bondId);
    try {
      registry.issue(bondId, Optional.of(termsHash));
      ReadSide.await(() -> bonds.find(bondId).map(b -> b.status().equals("ISSUED")).orElse(false));
      redirect.addFlashAttribute("notice", "Issued: the terms are fixed from now on.");
    } catch (BondRuleViolation e) {
      redirect.addFlashAttribute("refusal", e.getMessage());
    }
    return "redirect:/ui/bonds/" + bondId;
  }

  /**
   * The payments of a bond's terms under a KPI scenario: one input per observation the terms wait
   * for. Sent with GET: a what-if changes nothing, and its address can be kept.
   */
  @GetMapping("/ui/bonds/{bondId}/what-if")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  public String whatIf(
      @PathVariable String bondId,
      @RequestParam Map<String, String> scenario,
      HttpServletResponse response,
      Model model) {
    BondView bond = current(bondId);
    BondTerms terms = BondPayouts.terms(bond);
    boolean given = scenario.keySet().stream().anyMatch(k -> k.startsWith(BondWhatIf.PREFIX));
    model.addAttribute("bond", bond);
    model.addAttribute("terms", terms);
    if (given) {
      BondWhatIf.Scenario result = BondWhatIf.run(terms, scenario);
      if (!result.errors().isEmpty()) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
      }
      model.addAttribute("result", result);
      model.addAttribute("inputs", result.inputs());
      model.addAttribute("errors", result.errors());
    } else {
      model.addAttribute("result", null);
      model.addAttribute("inputs", BondWhatIf.inputs(terms, scenario));
      model.addAttribute("errors", FieldErrors.none());
    }
    return "bond/what-if";
  }

  /**
   * Checks the terms as {@code POST /api/v1/bonds/validate} does, and when asked to save and they
   * are valid, records them as {@code POST} (a new bond) or {@code PUT …/terms} (a revision) does.
   * A refusal keeps the editor with the problem's status and field errors.
   */
  private String submit(
      Optional<String> bondId,
      BondTermsForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      BondTerms terms = BondTermsDocuments.parseYaml(form.definition());
      if (!form.saving()) {
        List<TermsError> errors = registry.check(terms);
        if (!errors.isEmpty()) {
          throw new InvalidBondTermsException(errors);
        }
        model.addAttribute("checked", terms);
        model.addAttribute("checkedHash", BondTermsDocuments.termsHash(terms));
        model.addAttribute("checkedSchedule", BondPayments.schedule(terms, List.of()));
        return editor(bondId, form, FieldErrors.none(), model);
      }
      int version =
          bondId.isPresent()
              ? registry.revise(
                  bondId.get(),
                  terms,
                  Optional.ofNullable(form.expectedVersion()),
                  form.reasonText())
              : registry.define(terms);
      ReadSide.await(() -> bonds.find(terms.id()).map(b -> b.version() >= version).orElse(false));
      redirect.addFlashAttribute("notice", "Saved as version " + version + ".");
      return "redirect:/ui/bonds/" + terms.id();
    } catch (InvalidBondTermsException e) {
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      return editor(bondId, form, errors(e), model);
    } catch (BondRuleViolation e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      return editor(bondId, form, FieldErrors.of(e.field(), e.getMessage()), model);
    }
  }

  /** The terms' problems as the editor's field errors: paths below {@code definition}. */
  private static FieldErrors errors(InvalidBondTermsException e) {
    return new FieldErrors(
        e.errors().stream()
            .map(
                error ->
                    new FieldErrors.FieldError(
                        error.path().isEmpty() ? "definition" : "definition." + error.path(),
                        error.message()))
            .toList());
  }

  private String editor(
      Optional<String> bondId, BondTermsForm form, FieldErrors errors, Model model) {
    DefinitionLines lines = DefinitionLines.of(form.definition());
    model.addAttribute("bondId", bondId.orElse(null));
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("general", errors.general(BondTermsForm.FIELDS));
    model.addAttribute(
        "definitionProblems",
        errors.at("definition").stream()
            .map(e -> new DefinitionProblem(e.field(), e.reason(), lines.placeOf(e.field())))
            .toList());
    return EDITOR;
  }

  private List<SchedulePayment> schedule(String bondId) {
    return api.schedule(bondId).payments().stream().map(SchedulePayment::of).toList();
  }

  private static Money face(BondTerms terms) {
    return new Money(terms.face(), terms.currency());
  }

  private BondView current(String bondId) {
    return bonds
        .find(bondId)
        .orElseThrow(() -> new NotFoundException(new BondNotFoundException(bondId).getMessage()));
  }
}
